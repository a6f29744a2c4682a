// The Benchmarks page's "Run on: Remote host" against the sshd of tests/support/ssh_test_server.h (the "remote"
// machine is this one; its runner is the build's graphs-tensorrt-runner with the stand-in trtexec of
// tests/support/trtexec, replaying recorded outputs of an Orin with TensorRT 10.3.0). Run is clicked on the page;
// the rows the table shows are the rows stored under the host's name, and the sidecar holds the host's fingerprint.
// The messages for an unreachable host (a port nobody listens on: no sshd needed), a missing trtexec and a rejected
// model are the engine's; Cancel stops mid-model, and Run again continues the run. Each test has its own user
// registry ($XDG_DATA_HOME). Skipped only where the OpenSSH server or client is not installed.

#include "benchmarks/results_registry.h"
#include "jobs/benchmark_job.h"
#include "models/benchmark_results_model.h"
#include "pages/benchmarks_page.h"
#include "ssh_test_server.h"
#include "test_files.h"
#include "translations.h"

#include <QComboBox>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QSpinBox>
#include <QStandardPaths>
#include <QSysInfo>
#include <QTemporaryDir>
#include <QTest>
#include <cmath>

using namespace graphs;
using namespace graphs::ui;
using graphs::testing::SshTestServer;

namespace {

constexpr int RunTimeoutMs = 90000;
const QString kStandIn = QStringLiteral(GRAPHS_SOURCE_DIR "/tests/support/trtexec/trtexec");
const QString kSqueezenet = QStringLiteral(GRAPHS_SOURCE_DIR "/resources/models/squeezenet1_1.onnx");
const QString kRunner = QStringLiteral(GRAPHS_TENSORRT_RUNNER);

/// One round of two timed runs per model: the stand-in's timings are recorded ones, nothing to converge.
constexpr MeasurementPolicy kShortPolicy { 1, 2, 0.5, 0.0 };

std::vector<MeasurementRecord> registryRows(const QString& csv)
{
    auto rows = loadResults(csv.toStdString());
    if (!rows) {
        qWarning("%s", rows.error().toString().c_str());
        return {};
    }
    return *rows;
}

/// The table's rows are the registry's rows: same models, in order, with the same figures (the CSV's precision).
bool sameRows(const std::vector<MeasurementRecord>& table, const std::vector<MeasurementRecord>& csv)
{
    if (table.size() != csv.size())
        return false;
    for (size_t i = 0; i < table.size(); ++i) {
        const MeasurementRecord& a = table[i];
        const MeasurementRecord& b = csv[i];
        if (a.benchmark != b.benchmark || a.kind != b.kind || a.samples != b.samples || a.precision != b.precision
            || a.date != b.date || a.runtime != b.runtime
            || std::abs(a.medianMs - b.medianMs) > 1e-6 * std::max(1.0, a.medianMs))
            return false;
    }
    return true;
}

/// Workload rows of `rows` per model name.
QMap<QString, int> workloads(const std::vector<MeasurementRecord>& rows)
{
    QMap<QString, int> count;
    for (const MeasurementRecord& r : rows)
        if (r.kind == MeasurementKind::Workload)
            count[QString::fromStdString(r.benchmark)] += 1;
    return count;
}

} // namespace

class TestBenchmarksRemote : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    SshTestServer m_server;
    QString m_noServer; ///< why the sshd cannot run here; "" when it runs
    QString m_registry; ///< this test function's user registry
    int m_case = 0;

    QString path(const QString& name) const { return m_dir.filePath(name); }

    bool writeExecutable(const QString& name, const QByteArray& text)
    {
        const QString file = graphs::testing::writeTestFile(m_dir, name, text);
        return !file.isEmpty()
            && QFile::setPermissions(file, QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);
    }

    /// The results file of a run on the test's host, stored under `hardware` (default: the host's name).
    QString resultsCsv(const QString& hardware = SshTestServer::host()) const
    {
        return m_registry + QStringLiteral("/graphs/benchmarks/") + hardware
            + QStringLiteral("/tensorrt/workloads.csv");
    }

    /// The page set to run `models` on `alias` with the build's runner and `trtexec` there ("": none named).
    void prepare(BenchmarksPage& page, const QString& alias, const QStringList& models, const QString& trtexec)
    {
        page.setModelPolicy(kShortPolicy);
        page.setRunOn(BenchmarksPage::RemoteHost);
        page.hardwareEdit()->clear();
        page.hostEdit()->setText(m_server.target(alias));
        page.remoteRunnerEdit()->setText(
            trtexec.isEmpty() ? kRunner : kRunner + QStringLiteral(" --trtexec ") + trtexec);
        QStringList paths;
        for (const QString& m : models)
            paths << path(QStringLiteral("models/") + m + QStringLiteral(".onnx"));
        page.setModels(paths);
    }

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QSettings().clear();
        QVERIFY(m_dir.isValid());
        if (qEnvironmentVariableIsSet("GRAPHS_SCREENSHOT_LANGUAGE"))
            installTranslators(*qApp, QLocale(qEnvironmentVariable("GRAPHS_SCREENSHOT_LANGUAGE")));
        if (const QString missing = SshTestServer::missingClient(); !missing.isEmpty())
            QSKIP(qPrintable(missing));
        m_noServer = SshTestServer::missingServer();
        if (m_noServer.isEmpty()) {
            const QString started = m_server.start();
            QVERIFY2(started.isEmpty(), qPrintable(started));
        } else {
            const QString written = m_server.writeClientConfig(); // the unreachable host needs no server
            QVERIFY2(written.isEmpty(), qPrintable(written));
        }
        qputenv("GRAPHS_SSH_COMMAND", m_server.sshCommand().toUtf8());
        const QByteArray standIn = kStandIn.toUtf8();
        QVERIFY(
            writeExecutable(QStringLiteral("bin/trtexec-slow"), "#!/bin/sh\nsleep 1\nexec " + standIn + " \"$@\"\n"));
        QVERIFY(writeExecutable(QStringLiteral("bin/trtexec-reject"),
            "#!/bin/sh\nTRTEXEC_STANDIN_MODE=reject exec " + standIn + " \"$@\"\n"));
        QDir().mkpath(path(QStringLiteral("models")));
        for (const char* name : { "squeezenet1_1", "m1", "c1", "c2", "c3" })
            QVERIFY(QFile::copy(kSqueezenet, path(QStringLiteral("models/%1.onnx").arg(QString::fromLatin1(name)))));
    }

    void init()
    {
        m_registry = path(QStringLiteral("registry%1").arg(++m_case));
        QVERIFY(QDir().mkpath(m_registry));
        qputenv("XDG_DATA_HOME", m_registry.toUtf8());
    }

    void cleanupTestCase() { m_server.stop(); }

    /// The runtime follows the choice: a host runs tensorrt (shown, not editable), this machine its own runtimes.
    void runtimeFollowsTheChoice()
    {
        BenchmarksPage page;
        page.show();
        QCOMPARE(page.runOn(), BenchmarksPage::ThisMachine);
        QCOMPARE(page.runtimeCombo()->currentData().toString(), QStringLiteral("native"));
        QVERIFY(!page.hostEdit()->isVisible());
        QVERIFY(page.suiteCombo()->isVisible());
        page.runOnCombo()->setCurrentIndex(page.runOnCombo()->findData(int(BenchmarksPage::RemoteHost)));
        QCOMPARE(page.runOn(), BenchmarksPage::RemoteHost);
        QCOMPARE(page.runtimeCombo()->count(), 1);
        QCOMPARE(page.runtimeCombo()->currentData().toString(), QStringLiteral("tensorrt"));
        QVERIFY(!page.runtimeCombo()->isEnabled());
        QVERIFY(page.hostEdit()->isVisible());
        QVERIFY(page.modelsButton()->isVisible());
        QVERIFY(page.precisionCombo()->isVisible());
        QVERIFY(!page.suiteCombo()->isVisible());
        QVERIFY(!page.threadsSpin()->isVisible());
        // Nothing to run without a host and models.
        page.hostEdit()->clear();
        page.setModels({});
        QVERIFY(!page.runButton()->isEnabled());
        page.hostEdit()->setText(m_server.target());
        QVERIFY(!page.runButton()->isEnabled());
        page.setModels({ kSqueezenet });
        QVERIFY(page.runButton()->isEnabled());
        page.runOnCombo()->setCurrentIndex(page.runOnCombo()->findData(int(BenchmarksPage::ThisMachine)));
        QCOMPARE(page.runtimeCombo()->currentData().toString(), QStringLiteral("native"));
        QVERIFY(page.runtimeCombo()->isEnabled());
    }

    /// A host nobody answers on: the engine's message (cannot reach, ssh's reason, no password asked), no row stored.
    void unreachableHostSaysSo()
    {
        BenchmarksPage page;
        prepare(page, SshTestServer::closedHost(), { QStringLiteral("m1") }, kStandIn);
        QSignalSpy failed(page.job(), &BenchmarkJob::failed);
        QSignalSpy finished(page.job(), &BenchmarkJob::finished);
        page.show();
        QTest::mouseClick(page.runButton(), Qt::LeftButton);
        QVERIFY(page.job()->isRunning());
        QVERIFY(page.currentLabel()->text().contains(QStringLiteral("Connecting to ")));
        QTRY_COMPARE_WITH_TIMEOUT(failed.count() + finished.count(), 1, RunTimeoutMs);
        QCOMPARE(failed.count(), 1);
        const QString message = page.messageLabel()->text();
        QVERIFY2(message.startsWith(QStringLiteral("Could not measure on the host: ")), qPrintable(message));
        QVERIFY2(message.contains(QStringLiteral("cannot reach ") + m_server.target(SshTestServer::closedHost())),
            qPrintable(message));
        QVERIFY2(message.contains(QStringLiteral("Connection refused")), qPrintable(message));
        QVERIFY2(message.contains(QStringLiteral("never asks for a password")), qPrintable(message));
        QCOMPARE(page.model()->rowCount(), 0);
        QVERIFY(!QDir(m_registry + QStringLiteral("/graphs/benchmarks")).exists());
        QVERIFY(page.runButton()->isEnabled());
    }

    /// A host or a registry id the engine refuses, before any connection.
    void refusedRequests_data()
    {
        QTest::addColumn<QString>("host");
        QTest::addColumn<QString>("hardware");
        QTest::addColumn<QString>("message");
        QTest::newRow("an ssh option as host")
            << QStringLiteral("-oProxyCommand=true") << QString() << QStringLiteral("takes USER@HOST or HOST");
        QTest::newRow("shell characters in host")
            << QStringLiteral("me@orin;reboot") << QString() << QStringLiteral("takes USER@HOST or HOST");
        QTest::newRow("a path as registry id")
            << QStringLiteral("me@orin") << QStringLiteral("../elsewhere") << QStringLiteral("is not a registry id");
    }

    void refusedRequests()
    {
        QFETCH(QString, host);
        QFETCH(QString, hardware);
        QFETCH(QString, message);
        BenchmarksPage page;
        prepare(page, SshTestServer::host(), { QStringLiteral("m1") }, kStandIn);
        page.hostEdit()->setText(host);
        page.hardwareEdit()->setText(hardware);
        QSignalSpy failed(page.job(), &BenchmarkJob::failed);
        QTest::mouseClick(page.runButton(), Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(failed.count(), 1, RunTimeoutMs);
        QVERIFY2(page.messageLabel()->text().contains(message), qPrintable(page.messageLabel()->text()));
        QVERIFY(!QDir(m_registry + QStringLiteral("/graphs/benchmarks")).exists());
    }

    /// Rows arrive in the table as they are stored under the host's name, with its fingerprint in the sidecar; the
    /// host and the choice are remembered.
    void remoteRunStoresRowsWithTheHostsFingerprint()
    {
        if (!m_noServer.isEmpty())
            QSKIP(qPrintable(m_noServer));
        {
            BenchmarksPage page;
            QSignalSpy finished(page.job(), &BenchmarkJob::finished);
            QSignalSpy failed(page.job(), &BenchmarkJob::failed);
            prepare(page, SshTestServer::host(), { QStringLiteral("squeezenet1_1") }, kStandIn);
            page.precisionCombo()->setCurrentIndex(page.precisionCombo()->findData(QStringLiteral("fp16")));
            page.show();
            QTest::mouseClick(page.runButton(), Qt::LeftButton);
            QVERIFY(!page.runButton()->isEnabled());
            QVERIFY(page.cancelButton()->isEnabled());
            QVERIFY(!page.runOnCombo()->isEnabled());
            QTRY_COMPARE_WITH_TIMEOUT(finished.count() + failed.count(), 1, RunTimeoutMs);
            QVERIFY2(failed.isEmpty(), qPrintable(page.messageLabel()->text()));
            // The screenshot of the guide (docs/images/benchmarks-remote.png; GRAPHS_SCREENSHOT_LANGUAGE=de to check
            // the German layout, whose texts the checks below then do not find).
            if (qEnvironmentVariableIsSet("GRAPHS_SCREENSHOT")) {
                page.remoteRunnerEdit()->setCursorPosition(0);
                page.resize(960, 460);
                page.grab().save(qEnvironmentVariable("GRAPHS_SCREENSHOT"));
            }
            const BenchmarkSummary summary = page.job()->lastSummary();
            QVERIFY2(summary.failures.isEmpty(), qPrintable(summary.failures.join(QLatin1Char('\n'))));
            QCOMPARE(summary.total, 1);
            QCOMPARE(summary.measured, 1);
            QCOMPARE(summary.resultsPath, resultsCsv());
            QVERIFY(!summary.incomplete);

            // The table is what was stored, in order.
            const std::vector<MeasurementRecord> stored = registryRows(resultsCsv());
            QVERIFY(sameRows(page.model()->records(), stored));
            QCOMPARE(workloads(stored).value(QStringLiteral("squeezenet1_1")), 1);
            for (const MeasurementRecord& r : stored) {
                QCOMPARE(r.runtime, std::string("tensorrt"));
                QCOMPARE(r.precision, std::string("fp16"));
                QCOMPARE(r.warmup, kShortPolicy.warmup);
                QVERIFY(r.samples >= kShortPolicy.minSamples);
                QVERIFY(r.medianMs > 0);
            }
            // The host's fingerprint: the target, its hostname and the runner's description of its GPU.
            QFile sidecar(QString(resultsCsv()).replace(QStringLiteral(".csv"), QStringLiteral(".json")));
            QVERIFY(sidecar.open(QIODevice::ReadOnly));
            const QJsonObject doc = QJsonDocument::fromJson(sidecar.readAll()).object();
            const QJsonObject env = doc.value(QStringLiteral("environment")).toObject();
            const QJsonObject runtime = env.value(QStringLiteral("runtime")).toObject();
            QCOMPARE(doc.value(QStringLiteral("hardware_id")).toString(), SshTestServer::host());
            QCOMPARE(runtime.value(QStringLiteral("host")).toString(), m_server.target());
            QCOMPARE(runtime.value(QStringLiteral("hostname")).toString(), QSysInfo::machineHostName());
            QCOMPARE(runtime.value(QStringLiteral("gpu")).toString(), QStringLiteral("Orin")); // from trtexec's log
            QCOMPARE(runtime.value(QStringLiteral("tensorrt")).toString(), QStringLiteral("10.3.0"));
            QVERIFY(
                !QFile::exists(QString(resultsCsv()).replace(QStringLiteral(".csv"), QStringLiteral(".incomplete"))));
            // The models were copied into the host's cache.
            QVERIFY(!QDir(m_server.cacheDir() + QStringLiteral("/graphs/models"))
                         .entryList(QDir::Dirs | QDir::NoDotAndDotDot)
                         .isEmpty());

            const QString message = page.messageLabel()->text();
            QVERIFY2(message.contains(QStringLiteral("Measured on ") + m_server.target()
                         + QStringLiteral(": Orin, TensorRT 10.3.0")),
                qPrintable(message));
            QVERIFY2(message.contains(QDir::toNativeSeparators(resultsCsv())), qPrintable(message));
            QVERIFY2(page.currentLabel()->text().contains(QStringLiteral("Done: 1 of 1 model(s)")),
                qPrintable(page.currentLabel()->text()));
            QCOMPARE(page.progressBar()->value(), 1);
        }
        // A new page comes back on the host with the same choices.
        BenchmarksPage again;
        QCOMPARE(again.runOn(), BenchmarksPage::RemoteHost);
        QCOMPARE(again.hostEdit()->text(), m_server.target());
        QCOMPARE(again.precisionCombo()->currentData().toString(), QStringLiteral("fp16"));
        QCOMPARE(again.models().size(), 1);
        QVERIFY(again.remoteRunnerEdit()->text().startsWith(kRunner));
    }

    /// The engine's messages for a host without trtexec and a model TensorRT rejects, on the page.
    void failuresAreTheEnginesMessages_data()
    {
        QTest::addColumn<QString>("trtexec"); // "": none named, and none on the host's PATH
        QTest::addColumn<QString>("message");
        QTest::addColumn<QString>("detail");
        QTest::newRow("trtexec missing") << QString() << QStringLiteral("trtexec not found")
                                         << QStringLiteral("--trtexec PATH");
        QTest::newRow("model rejected") << QStringLiteral("bin/trtexec-reject")
                                        << QStringLiteral("TensorRT rejected the model")
                                        << QStringLiteral("[6] Invalid Node - /postprocess/NonMaxSuppression");
    }

    void failuresAreTheEnginesMessages()
    {
        if (!m_noServer.isEmpty())
            QSKIP(qPrintable(m_noServer));
        QFETCH(QString, trtexec);
        QFETCH(QString, message);
        QFETCH(QString, detail);
        BenchmarksPage page;
        QSignalSpy finished(page.job(), &BenchmarkJob::finished);
        prepare(page, SshTestServer::host(), { QStringLiteral("m1") }, trtexec.isEmpty() ? QString() : path(trtexec));
        QTest::mouseClick(page.runButton(), Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, RunTimeoutMs);
        const BenchmarkSummary summary = page.job()->lastSummary();
        QCOMPARE(summary.measured, 0);
        QCOMPARE(summary.failures.size(), 1);
        const QString text = page.messageLabel()->text();
        QVERIFY2(text.contains(QStringLiteral("Failed: ")), qPrintable(text));
        QVERIFY2(text.contains(message), qPrintable(text));
        QVERIFY2(text.contains(detail), qPrintable(text));
        QVERIFY2(text.contains(QStringLiteral("is incomplete: run it again")), qPrintable(text));
        QCOMPARE(page.model()->rowCount(), 0);
    }

    /// Cancel stops the model in flight at once (its ssh is stopped) and keeps the stored rows; Run again measures
    /// only what is missing, under the interrupted run's date.
    void cancelThenRunAgainContinues()
    {
        if (!m_noServer.isEmpty())
            QSKIP(qPrintable(m_noServer));
        BenchmarksPage page;
        QSignalSpy finished(page.job(), &BenchmarkJob::finished);
        prepare(page, SshTestServer::host(), { QStringLiteral("c1"), QStringLiteral("c2"), QStringLiteral("c3") },
            path(QStringLiteral("bin/trtexec-slow")));
        const QString kStoreAs = QStringLiteral("my-orin"); // the registry entry named on the page
        page.hardwareEdit()->setText(kStoreAs);
        QTest::mouseClick(page.runButton(), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(page.model()->rowCount() >= 1, RunTimeoutMs);
        QElapsedTimer timer;
        timer.start();
        QTest::mouseClick(page.cancelButton(), Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, RunTimeoutMs);
        QVERIFY2(timer.elapsed() < 5000, qPrintable(QString::number(timer.elapsed())));
        const BenchmarkSummary cut = page.job()->lastSummary();
        QVERIFY(cut.cancelled);
        QVERIFY(cut.incomplete);
        // c2 was in flight (its one trtexec call sleeps a second): stopped, not waited for and stored.
        QCOMPARE(cut.measured, 1);
        const std::vector<MeasurementRecord> before = registryRows(resultsCsv(kStoreAs));
        QCOMPARE(int(before.size()), cut.measured);
        const QString marker
            = QString(resultsCsv(kStoreAs)).replace(QStringLiteral(".csv"), QStringLiteral(".incomplete"));
        QVERIFY(QFile::exists(marker));
        QVERIFY2(page.messageLabel()->text().contains(QStringLiteral("is incomplete: run it again")),
            qPrintable(page.messageLabel()->text()));

        QTest::mouseClick(page.runButton(), Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 2, RunTimeoutMs);
        const BenchmarkSummary again = page.job()->lastSummary();
        QVERIFY2(again.failures.isEmpty(), qPrintable(again.failures.join(QLatin1Char('\n'))));
        QCOMPARE(again.skipped, cut.measured);
        QCOMPARE(again.total, 3 - cut.measured);
        QCOMPARE(again.measured, 3 - cut.measured);
        const std::vector<MeasurementRecord> after = registryRows(resultsCsv(kStoreAs));
        QCOMPARE(workloads(after).value(QStringLiteral("c1")), 1);
        QCOMPARE(workloads(after).value(QStringLiteral("c2")), 1);
        QCOMPARE(workloads(after).value(QStringLiteral("c3")), 1);
        QVERIFY(after.size() >= before.size());
        QVERIFY(std::equal(before.begin(), before.end(), after.begin())); // nothing stored before the cut is lost
        for (const MeasurementRecord& r : after)
            QCOMPARE(r.date, before.front().date); // the rows of one run carry one date
        QVERIFY(!QFile::exists(marker));
        QVERIFY2(page.messageLabel()->text().contains(QStringLiteral("Continued the run of ")),
            qPrintable(page.messageLabel()->text()));
    }
};

QTEST_MAIN(TestBenchmarksRemote)
#include "tst_benchmarks_remote.moc"
