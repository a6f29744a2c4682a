// The benchmark harness without a real runtime: the runner protocol round trip through a fake runner program,
// the runner's failure modes, latency statistics, and weight materialisation of structure-only models.

#include "benchmarks/model_materializer.h"
#include "benchmarks/process_runner.h"
#include "benchmarks/results_registry.h"
#include "benchmarks/roofs.h"
#include "benchmarks/runner_factory.h"
#include "benchmarks/statistics.h"
#include "estimation/graph_analysis.h"
#include "frontends/onnx_importer.h"
#include "onnx_model_builder.h"

#include <QElapsedTimer>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <onnx/onnx_pb.h>

#include <cmath>
#include <fstream>

using namespace graphs;
using graphs::testing::OnnxModelBuilder;

class TestBenchmarkHarness : public QObject
{
    Q_OBJECT

private:
    static ProcessRunner fake() { return ProcessRunner({ GRAPHS_FAKE_RUNNER }); }

private Q_SLOTS:
    void protocolRoundTrip()
    {
        RunnerRequest request;
        request.model = "/models/net.onnx";
        request.inputShapes["input"] = { 2, 3, 8, 8 };
        request.inputShapes["mask"] = { 2, 8 };
        request.inputTypes["mask"] = "int64";
        request.repeats = 7;
        request.threads = 3;
        request.profile = true;

        auto parsed = parseRunnerRequest(toJson(request));
        QVERIFY(parsed.ok());
        QCOMPARE(parsed->model, request.model);
        QCOMPARE(parsed->inputShapes, request.inputShapes);
        QCOMPARE(parsed->inputTypes, request.inputTypes);
        QCOMPARE(parsed->repeats, 7);

        auto reply = fake().run(request, 20, {});
        QVERIFY2(reply.ok(), reply.ok() ? "" : reply.error().toString().c_str());
        QCOMPARE(reply->runtime, std::string("fake"));
        QCOMPARE(reply->threads, 3);
        QCOMPARE(reply->runMs.size(), size_t(7));
        QCOMPARE(reply->runMs[6], 1.6);
        QCOMPARE(reply->nodes.size(), size_t(2)); // one per input, as the fake runner does
        QCOMPARE(reply->nodes[0].name, std::string("node_for_input"));
        QCOMPARE(reply->nodes[0].meanMs, 4.0);
    }

    void pinningConfinesTheRunner()
    {
        RunnerRequest request;
        request.model = "/models/net.onnx";
        request.repeats = 1;
        request.threads = 1;
        request.pinThreads = true;
        auto pinned = fake().run(request, 20, {});
        QVERIFY(pinned.ok());
        QCOMPARE(pinned->executionProvider, std::string("cpus=1"));
        request.pinThreads = false;
        auto free = fake().run(request, 20, {});
        QVERIFY(free.ok());
        QCOMPARE(free->executionProvider, "cpus=" + std::to_string(QThread::idealThreadCount()));
    }

    void runnerFailures_data()
    {
        QTest::addColumn<QString>("model");
        QTest::addColumn<int>("code");
        QTest::addColumn<QString>("fragment");
        QTest::newRow("error reply") << QStringLiteral("/m/error.onnx") << int(ErrorCode::InvalidData)
                                     << QStringLiteral("runtime not installed: run ./install.sh");
        QTest::newRow("not JSON") << QStringLiteral("/m/garbage.onnx") << int(ErrorCode::InvalidData)
                                  << QStringLiteral("not JSON: 'this is not JSON");
        QTest::newRow("crash with a message") << QStringLiteral("/m/crash.onnx") << int(ErrorCode::Io)
                                              << QStringLiteral("segmentation fault (pretend)");
    }

    void runnerFailures()
    {
        QFETCH(QString, model);
        QFETCH(int, code);
        QFETCH(QString, fragment);
        RunnerRequest request;
        request.model = model.toStdString();
        auto reply = fake().run(request, 20, {});
        QVERIFY(!reply.ok());
        QCOMPARE(int(reply.error().code), code);
        QVERIFY2(QString::fromStdString(reply.error().message).contains(fragment), reply.error().message.c_str());
        QCOMPARE(reply.error().location, std::string(GRAPHS_FAKE_RUNNER));
    }

    void missingProgram()
    {
        ProcessRunner missing({ "/nonexistent/runner-program" });
        auto reply = missing.run({}, 20, {});
        QVERIFY(!reply.ok());
        QVERIFY2(reply.error().message.find("cannot start the runner program") != std::string::npos,
            reply.error().message.c_str());
    }

    void onnxRuntimeNamesMissingNode()
    {
        // Without node on PATH the factory refuses at once, naming what to install; with it, it makes the runner.
        const QByteArray path = qgetenv("PATH");
        QTemporaryDir bin;
        QVERIFY(bin.isValid());
        qputenv("PATH", bin.path().toLocal8Bit());
        auto without = makeRunner("onnxruntime");
        QFile node(bin.filePath(QStringLiteral("node")));
        QVERIFY(node.open(QIODevice::WriteOnly));
        node.write("#!/bin/sh\n");
        node.close();
        node.setPermissions(node.permissions() | QFileDevice::ExeOwner);
        auto with = makeRunner("onnxruntime");
        qputenv("PATH", path);
        QVERIFY(!without.ok());
        QCOMPARE(without.error().code, ErrorCode::NotFound);
        QVERIFY2(without.error().message.find("apt-get install nodejs") != std::string::npos,
            without.error().message.c_str());
        QVERIFY(with.ok());
    }

    void timeoutAndCancel()
    {
        RunnerRequest request;
        request.model = "/m/sleep.onnx";
        QElapsedTimer timer;
        timer.start();
        auto timedOut = fake().run(request, 0.5, {});
        QVERIFY(!timedOut.ok());
        QVERIFY2(timedOut.error().message.find("did not answer") != std::string::npos, timedOut.error().message.c_str());
        QVERIFY(timer.elapsed() < 10000);

        timer.restart();
        int polls = 0;
        auto cancelled = fake().run(request, 60, [&](double) { return ++polls < 3; });
        QVERIFY(!cancelled.ok());
        QCOMPARE(cancelled.error().code, ErrorCode::Cancelled);
        QVERIFY(timer.elapsed() < 10000);
    }

    void statistics_data()
    {
        QTest::addColumn<QList<double>>("samples");
        QTest::addColumn<double>("median");
        QTest::addColumn<double>("mean");
        QTest::addColumn<double>("p90");
        QTest::addColumn<double>("stddev");
        // 1..10: median 5.5, mean 5.5, p90 = 9 + 0.1·(10 − 9) = 9.1 (linear interpolation), std √(82.5/9)
        QTest::newRow("one to ten") << QList<double> { 3, 1, 2, 10, 4, 5, 6, 7, 8, 9 } << 5.5 << 5.5 << 9.1
                                    << std::sqrt(82.5 / 9);
        QTest::newRow("one sample") << QList<double> { 4.0 } << 4.0 << 4.0 << 4.0 << 0.0;
        QTest::newRow("identical") << QList<double> { 2, 2, 2, 2 } << 2.0 << 2.0 << 2.0 << 0.0;
    }

    void statistics()
    {
        QFETCH(QList<double>, samples);
        QFETCH(double, median);
        QFETCH(double, mean);
        QFETCH(double, p90);
        QFETCH(double, stddev);
        const LatencyStats s = summarize(std::vector<double>(samples.begin(), samples.end()));
        QCOMPARE(s.samples, size_t(samples.size()));
        QCOMPARE(s.median, median);
        QCOMPARE(s.mean, mean);
        QVERIFY(qAbs(s.p90 - p90) < 1e-12);
        QVERIFY(qAbs(s.stddev - stddev) < 1e-12);
        QVERIFY(s.medianCiLow <= s.median && s.median <= s.medianCiHigh);
    }

    void confidenceIntervalNarrowsWithSamples()
    {
        std::vector<double> few;
        std::vector<double> many;
        for (int i = 0; i < 400; ++i) {
            const double v = 10.0 + (i * 37 % 100) / 100.0; // spread over [10, 11)
            if (i < 20)
                few.push_back(v);
            many.push_back(v);
        }
        const LatencyStats a = summarize(few);
        const LatencyStats b = summarize(many);
        QVERIFY(b.relativeCiHalfWidth() < a.relativeCiHalfWidth());
        QVERIFY(precisionReached(b, 20, 0.02));
        QVERIFY(!precisionReached(a, 30, 1.0)); // too few samples, however tight
        QCOMPARE(summarize({}).samples, size_t(0));
    }

    void roofKernelsMeasureSomething()
    {
        // Functional only (speed is for benchmark executables): finite positive figures, in the units promised.
        const VectorIsa isa = detectVectorIsa();
        const double fp32 = measureFp32FmaPeak(1, isa, 0.05);
        const double fp64 = measureFp64FmaPeak(1, isa, 0.05);
        QVERIFY(std::isfinite(fp32) && fp32 > 1e8);
        QVERIFY(std::isfinite(fp64) && fp64 > 1e8);
        const double triad = measureTriadBandwidth(1 << 20, 2, 0.05);
        QVERIFY(std::isfinite(triad) && triad > 1e8);
        const auto sweep = bandwidthSweep(1, 1 << 20);
        QCOMPARE(sweep.size(), size_t(4)); // 16 KiB, 64 KiB, 256 KiB, 1 MiB
        for (size_t i = 1; i < sweep.size(); ++i)
            QCOMPARE(sweep[i].workingSetBytes, 4 * sweep[i - 1].workingSetBytes);
        int calls = 0;
        QVERIFY(bandwidthSweep(1, 1 << 20, [&](double) { return ++calls < 2; }).size() == 1); // cancelled after one
    }

    void resultsRoundTrip()
    {
        QTemporaryDir dir;
        EnvironmentFingerprint env;
        env.cpuModel = "Test CPU";
        env.date = "2026-01-02T03:04:05Z";
        auto file = ResultsFile::open(dir.path().toStdString(), "local", "fake", "workloads", env);
        QVERIFY2(file.ok(), file.ok() ? "" : file.error().toString().c_str());
        BenchmarkResult r;
        r.model = "net, with a comma";
        r.runtime = "fake";
        r.runtimeVersion = "1.0";
        r.batch = 4;
        r.threads = 2;
        r.stats = summarize({ 1.0, 2.0, 3.0, 4.0 });
        for (int i = 0; i < 3; ++i)
            QVERIFY(file->append(recordFromResult(r, env.date)).ok());
        auto loaded = loadResults(file->path());
        QVERIFY2(loaded.ok(), loaded.ok() ? "" : loaded.error().toString().c_str());
        QCOMPARE(loaded->size(), size_t(3));
        const MeasurementRecord& m = loaded->front();
        QCOMPARE(m.benchmark, r.model);
        QCOMPARE(m.batch, int64_t(4));
        QCOMPARE(m.medianMs, 2.5);
        QCOMPARE(m.stdMs, r.stats.stddev); // written with 17 digits: no loss
        QVERIFY(QFile::exists(dir.filePath(QStringLiteral("benchmarks/local/fake/workloads.json"))));
        // Reopening appends to what is there.
        auto again = ResultsFile::open(dir.path().toStdString(), "local", "fake", "workloads", env);
        QVERIFY(again.ok() && again->append(recordFromResult(r, env.date)).ok());
        QCOMPARE(loadResults(file->path())->size(), size_t(4));
        QVERIFY(!ResultsFile::open(dir.path().toStdString(), "../escape", "fake", "w", env).ok());
    }

    void badResultFiles_data()
    {
        QTest::addColumn<QByteArray>("content");
        QTest::addColumn<QString>("fragment");
        const QByteArray header = "date,benchmark,kind,runtime,runtime_version,batch,threads,samples,min_ms,median_ms,"
                                  "mean_ms,std_ms,p90_ms,ci_low_ms,ci_high_ms,materialized_weights\n";
        const QByteArray good = "d,net,workload,rt,1,1,2,5,1,2,2,0.1,3,1.5,2.5,false\n";
        QTest::newRow("empty") << QByteArray() << QStringLiteral("the file is empty");
        QTest::newRow("missing column") << QByteArray("date,benchmark\nd,net\n") << QStringLiteral(":1: column 'kind' is missing");
        QTest::newRow("short row") << header + good + "d,net,workload\n" << QStringLiteral(":3: 3 fields");
        QTest::newRow("not a number") << header + QByteArray(good).replace(",2,2,0.1", ",fast,2,0.1")
                                      << QStringLiteral(":2: column 'median_ms': 'fast' is not a number");
        QTest::newRow("NaN") << header + QByteArray(good).replace(",2,2,0.1", ",nan,2,0.1") << QStringLiteral("'median_ms' is not finite");
        QTest::newRow("infinite") << header + QByteArray(good).replace(",2,2,0.1", ",inf,2,0.1") << QStringLiteral("'median_ms' is not finite");
        QTest::newRow("zero latency") << header + QByteArray(good).replace(",2,2,0.1", ",0,2,0.1")
                                      << QStringLiteral("must be positive, got 0");
        QTest::newRow("unknown kind") << header + QByteArray(good).replace(",workload,", ",banana,")
                                      << QStringLiteral(":2: column 'kind': 'banana' is none of workload, roof");
        QTest::newRow("negative latency") << header + QByteArray(good).replace(",1,2,2,0.1", ",-1,2,2,0.1")
                                          << QStringLiteral("'min_ms' must be positive, got -1");
    }

    void badResultFiles()
    {
        QFETCH(QByteArray, content);
        QFETCH(QString, fragment);
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("r.csv"));
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(content);
        f.close();
        auto loaded = loadResults(path.toStdString());
        QVERIFY(!loaded.ok());
        QCOMPARE(loaded.error().code, ErrorCode::InvalidData);
        const QString message = QString::fromStdString(loaded.error().toString());
        QVERIFY2(message.startsWith(path), qPrintable(message));
        QVERIFY2(message.contains(fragment), qPrintable(message));
    }

    void materializesAbsentWeights()
    {
        QTemporaryDir dir;
        OnnxModelBuilder b;
        b.input("x", { int64_t { 1 }, int64_t { 3 }, int64_t { 8 }, int64_t { 8 } })
            .weight("w", { 4, 3, 3, 3 }, "net.weights.bin")
            .weight("bias", { 4 }, "net.weights.bin")
            .node("Conv", { "x", "w", "bias" }, { "y" }, { graphs::testing::Attr::ints("pads", { 1, 1, 1, 1 }) })
            .output("y");
        const QString source = dir.filePath(QStringLiteral("net.onnx"));
        const QString target = dir.filePath(QStringLiteral("net.materialized.onnx"));
        QVERIFY(b.save(source.toStdString()));

        auto absent = hasAbsentWeights(source.toStdString());
        QVERIFY(absent.ok() && *absent);
        QVERIFY(materializeWeights(source.toStdString(), target.toStdString(), 7).ok());
        QVERIFY(!QFile::exists(dir.filePath(QStringLiteral("net.weights.bin")))); // never created or opened

        onnx::ModelProto m;
        std::ifstream in(target.toStdString(), std::ios::binary);
        QVERIFY(m.ParseFromIstream(&in));
        for (const auto& t : m.graph().initializer()) {
            QCOMPARE(t.data_location(), onnx::TensorProto::DEFAULT);
            int64_t n = 1;
            for (int64_t d : t.dims())
                n *= d;
            QCOMPARE(int64_t(t.raw_data().size()), n * 4);
        }
        auto again = hasAbsentWeights(target.toStdString());
        QVERIFY(again.ok() && !*again);
        // The same model: the counts do not change.
        auto original = analyzeGraph(importOnnxFile(source.toStdString(), {})->graph);
        auto materialized = analyzeGraph(importOnnxFile(target.toStdString(), {})->graph);
        QVERIFY(original.ok() && materialized.ok());
        QCOMPARE(materialized->totals.macs, original->totals.macs);
        QCOMPARE(materialized->totals.macs, int64_t(1 * 4 * 8 * 8) * (3 * 3 * 3));

        // Deterministic: the same seed gives the same bytes.
        const QString twice = dir.filePath(QStringLiteral("twice.onnx"));
        QVERIFY(materializeWeights(source.toStdString(), twice.toStdString(), 7).ok());
        QFile f1(target);
        QFile f2(twice);
        QVERIFY(f1.open(QIODevice::ReadOnly) && f2.open(QIODevice::ReadOnly));
        QCOMPARE(f1.readAll(), f2.readAll());
    }

    void materializerRefusesEscapingLocations()
    {
        QTemporaryDir dir;
        OnnxModelBuilder b;
        b.input("x", { int64_t { 1 }, int64_t { 4 } }).weight("w", { 4, 4 }, "../outside.bin").node("MatMul", { "x", "w" }, { "y" }).output("y");
        const QString source = dir.filePath(QStringLiteral("net.onnx"));
        QVERIFY(b.save(source.toStdString()));
        auto status = materializeWeights(source.toStdString(), dir.filePath(QStringLiteral("out.onnx")).toStdString());
        QVERIFY(!status.ok());
        QCOMPARE(status.error().code, ErrorCode::UnsafePath);
        QVERIFY(!QFile::exists(dir.filePath(QStringLiteral("out.onnx"))));
    }
};

QTEST_GUILESS_MAIN(TestBenchmarkHarness)
#include "tst_benchmark_harness.moc"
