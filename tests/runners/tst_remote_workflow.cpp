// The engine's remote-run workflow without a network (engine/workflows/remote_benchmark): the checks of a request, the
// registry id of a host, the `.incomplete` bookkeeping that lets a rerun continue a run cut short (which models it
// skips, under which date), and runProgram's cancel, which stops an ssh in flight.

#include "benchmarks/results_registry.h"
#include "core/subprocess.h"
#include "workflows/remote_benchmark.h"

#include <QElapsedTimer>
#include <QFile>
#include <QTemporaryDir>
#include <QtTest>

using namespace graphs;

namespace {

MeasurementRecord workloadRow(const std::string& model, const std::string& precision, const std::string& date)
{
    MeasurementRecord r;
    r.date = date;
    r.benchmark = model.substr(0, model.find('.'));
    r.kind = MeasurementKind::Workload;
    r.runtime = "tensorrt";
    r.detail = model;
    r.precision = precision;
    r.samples = 10;
    r.minMs = r.medianMs = r.meanMs = 1.0;
    r.p90Ms = 1.1;
    r.ciLowMs = 0.9;
    r.ciHighMs = 1.1;
    return r;
}

RemoteBenchmark remoteRun(const std::string& date, std::vector<std::string> models)
{
    RemoteBenchmark run;
    run.runtime = "tensorrt";
    run.environment.hardwareId = "orin.lan";
    run.environment.date = date;
    run.options.date = date;
    run.options.models = std::move(models);
    return run;
}

QString readAll(const std::string& path)
{
    QFile f(QString::fromStdString(path));
    return f.open(QIODevice::ReadOnly) ? QString::fromUtf8(f.readAll()) : QString();
}

} // namespace

class TestRemoteWorkflow : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void hostHardwareId_data()
    {
        QTest::addColumn<QString>("target");
        QTest::addColumn<QString>("id");
        QTest::newRow("user and host") << QStringLiteral("me@orin.lan") << QStringLiteral("orin.lan");
        QTest::newRow("host alone") << QStringLiteral("jetson_1") << QStringLiteral("jetson_1");
        QTest::newRow("IPv6 address") << QStringLiteral("me@fe80::1") << QStringLiteral("fe80--1");
    }

    void hostHardwareId()
    {
        QFETCH(QString, target);
        QFETCH(QString, id);
        QCOMPARE(QString::fromStdString(graphs::hostHardwareId(target.toStdString())), id);
        QVERIFY(isSafeResultsName(graphs::hostHardwareId(target.toStdString())));
    }

    void checkRequest_data()
    {
        QTest::addColumn<QString>("runtime");
        QTest::addColumn<QString>("remoteRunner");
        QTest::addColumn<QString>("hardware");
        QTest::addColumn<QString>("error"); // "": accepted
        QTest::newRow("tensorrt") << QStringLiteral("tensorrt") << QString() << QString() << QString();
        QTest::newRow("a registry id") << QStringLiteral("tensorrt") << QString()
                                       << QStringLiteral("nvidia-jetson-agx-orin-64gb-gpu") << QString();
        QTest::newRow("another runtime needs its runner")
            << QStringLiteral("onnxruntime") << QString() << QString() << QStringLiteral("runs the tensorrt runtime");
        QTest::newRow("another runtime with its runner")
            << QStringLiteral("onnxruntime") << QStringLiteral("/opt/ort-runner") << QString() << QString();
        QTest::newRow("a path as registry id") << QStringLiteral("tensorrt") << QString() << QStringLiteral("../x")
                                               << QStringLiteral("is not a registry id");
    }

    void checkRequest()
    {
        QFETCH(QString, runtime);
        QFETCH(QString, remoteRunner);
        QFETCH(QString, hardware);
        QFETCH(QString, error);
        RemoteBenchmarkRequest request;
        request.host = "me@orin.lan";
        request.runtime = runtime.toStdString();
        request.remoteRunner = remoteRunner.toStdString();
        request.hardware = hardware.toStdString();
        const Status checked = checkRemoteRequest(request);
        QCOMPARE(bool(checked), error.isEmpty());
        if (!checked) {
            QCOMPARE(checked.error().code, ErrorCode::InvalidArgument);
            QVERIFY2(QString::fromStdString(checked.error().message).contains(error),
                qPrintable(QString::fromStdString(checked.error().message)));
        }
        // The connection refuses the same request before starting ssh.
        if (!checked) {
            auto connected = connectRemoteBenchmark(request);
            QVERIFY(!connected);
            QCOMPARE(connected.error().code, ErrorCode::InvalidArgument);
        }
    }

    /// A new run writes its marker with its date and measures every model; complete, the marker goes.
    void newRunIsMarked()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        RemoteBenchmark run = remoteRun("2026-12-07T10:00:00Z", { "/m/a.onnx", "/m/b.onnx" });
        const RemoteRunResume resume = resumeRemoteRun(dir.path().toStdString(), "workloads", "fp16", { 1 }, run);
        const std::string folder = dir.path().toStdString() + "/benchmarks/orin.lan/tensorrt/";
        QCOMPARE(resume.marker, folder + "workloads.incomplete");
        QCOMPARE(resume.resultsPath, folder + "workloads.csv");
        QVERIFY(resume.interruptedDate.empty());
        QVERIFY(resume.skipped.empty());
        QCOMPARE(run.options.models.size(), size_t(2));
        QCOMPARE(readAll(resume.marker), QStringLiteral("2026-12-07T10:00:00Z\n"));
        finishRemoteRun(resume, false);
        QVERIFY(QFile::exists(QString::fromStdString(resume.marker)));
        finishRemoteRun(resume, true);
        QVERIFY(!QFile::exists(QString::fromStdString(resume.marker)));
    }

    /// A rerun skips the models the interrupted run stored at the precision and every batch asked, from its date on,
    /// and dates its own rows as that run.
    void rerunContinuesTheInterruptedRun()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const std::string registry = dir.path().toStdString();
        const std::string cut = "2026-12-07T10:00:00Z";
        {
            auto file = ResultsFile::open(registry, "orin.lan", "tensorrt", "workloads", EnvironmentFingerprint {});
            QVERIFY(file);
            QVERIFY(file->append(workloadRow("old.onnx", "fp16", "2026-12-06T09:00:00Z"))); // an earlier, complete run
            QVERIFY(file->append(workloadRow("a.onnx", "fp16", cut))); // stored before the cut
            QVERIFY(file->append(workloadRow("b.onnx", "fp32", cut))); // another precision
        }
        {
            RemoteBenchmark first = remoteRun(cut, { "/m/a.onnx" });
            first.options.models = { "/m/x.onnx" };
            resumeRemoteRun(registry, "workloads", "fp16", { 1 }, first); // writes the marker of `cut`
        }
        RemoteBenchmark run
            = remoteRun("2026-12-07T11:30:00Z", { "/m/a.onnx", "/m/b.onnx", "/m/c.onnx", "/m/old.onnx" });
        const RemoteRunResume resume = resumeRemoteRun(registry, "workloads", "fp16", { 1 }, run);
        QCOMPARE(resume.interruptedDate, cut);
        QCOMPARE(resume.skipped, std::vector<std::string> { "/m/a.onnx" });
        QCOMPARE(run.options.models, (std::vector<std::string> { "/m/b.onnx", "/m/c.onnx", "/m/old.onnx" }));
        QCOMPARE(run.options.date, cut);
        QCOMPARE(run.environment.date, cut);

        // At batches 1 and 8, a model stored only at batch 1 is measured again.
        RemoteBenchmark batched = remoteRun("2026-12-07T11:30:00Z", { "/m/a.onnx" });
        const RemoteRunResume again = resumeRemoteRun(registry, "workloads", "fp16", { 1, 8 }, batched);
        QVERIFY(again.skipped.empty());
        QCOMPARE(batched.options.models.size(), size_t(1));

        // Every model stored: nothing left to run, and the run is complete.
        RemoteBenchmark done = remoteRun("2026-12-07T11:30:00Z", { "/m/a.onnx" });
        const RemoteRunResume finished = resumeRemoteRun(registry, "workloads", "fp16", { 1 }, done);
        QVERIFY(done.options.models.empty());
        QVERIFY(!QFile::exists(QString::fromStdString(finished.marker)));
    }

    /// runProgram's cancel kills the program within a fraction of a second (an ssh in flight, when Cancel is pressed).
    void runProgramStopsWhenCancelled()
    {
        QElapsedTimer timer;
        timer.start();
        auto ran = runProgram({ "sleep", "30" }, 60, {}, [&](double) { return timer.elapsed() < 200; });
        QVERIFY(ran);
        QVERIFY(ran->cancelled);
        QVERIFY(!ran->timedOut);
        QVERIFY2(timer.elapsed() < 5000, qPrintable(QString::number(timer.elapsed())));
        // Without a stop, the program runs to its end.
        auto whole = runProgram({ "sh", "-c", "sleep 0.3; echo done" }, 60, {}, [](double) { return true; });
        QVERIFY(whole);
        QVERIFY(!whole->cancelled);
        QCOMPARE(whole->exitStatus, 0);
        QCOMPARE(whole->out, std::string("done\n"));
    }
};

QTEST_GUILESS_MAIN(TestRemoteWorkflow)
#include "tst_remote_workflow.moc"
