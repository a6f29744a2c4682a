// `graphs benchmark --host USER@HOST` against an sshd this test starts on 127.0.0.1 (tests/support/ssh_test_server.h:
// a throw-away host key and user key, a free port, its own known_hosts and client configuration through
// GRAPHS_SSH_COMMAND="ssh -F FILE"). The "remote" machine is this one: the runner is the build's graphs-tensorrt-runner
// and trtexec the stand-in (tests/support/trtexec), wrapped to be slow, to reject the model or to run out of memory.
// Skipped, with the reason, only where the OpenSSH server or client is not installed (Debian: openssh-server,
// openssh-client).

#include "ssh_test_server.h"
#include "test_files.h"

#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QStandardPaths>
#include <QSysInfo>
#include <QTemporaryDir>
#include <QtTest>

#include <csignal>

namespace {

const QString kStandIn = QStringLiteral(GRAPHS_SOURCE_DIR "/tests/support/trtexec/trtexec");
const QString kSqueezenet = QStringLiteral(GRAPHS_SOURCE_DIR "/resources/models/squeezenet1_1.onnx");
const QString kHost = graphs::testing::SshTestServer::host(); // the alias of the client configuration

struct Run
{
    int exitCode = -1;
    QString out;
    QString err;
};

/// Children of `parent` whose command line holds `fragment` (from /proc).
QList<pid_t> childrenWith(qint64 parent, const QByteArray& fragment)
{
    QList<pid_t> found;
    for (const QString& entry : QDir(QStringLiteral("/proc")).entryList(QDir::Dirs)) {
        bool number = false;
        const pid_t pid = entry.toInt(&number);
        if (!number)
            continue;
        QFile stat(QStringLiteral("/proc/%1/stat").arg(pid));
        QFile cmdline(QStringLiteral("/proc/%1/cmdline").arg(pid));
        if (!stat.open(QIODevice::ReadOnly) || !cmdline.open(QIODevice::ReadOnly))
            continue;
        // "pid (comm) state ppid …": the fields after the last ')'.
        const QByteArray text = stat.readAll();
        const QList<QByteArray> fields = text.mid(text.lastIndexOf(')') + 2).split(' ');
        if (fields.size() > 1 && fields[1].toLongLong() == parent && cmdline.readAll().contains(fragment))
            found << pid;
    }
    return found;
}

} // namespace

class TestRemoteBenchmark : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    graphs::testing::SshTestServer m_server;
    QString m_user;
    int m_case = 0;

    QString path(const QString& name) const { return m_dir.filePath(name); }

    bool writeExecutable(const QString& name, const QByteArray& text)
    {
        const QString file = graphs::testing::writeTestFile(m_dir, name, text);
        return !file.isEmpty()
            && QFile::setPermissions(file, QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);
    }

    QProcessEnvironment environment() const
    {
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("GRAPHS_SSH_COMMAND"), m_server.sshCommand());
        return env;
    }

    /// `graphs benchmark --host USER@graphs-test --runtime tensorrt` with the build's runner there.
    QStringList benchmarkArgs(const QString& registry, const QStringList& models, const QString& trtexec,
        const QString& host = kHost) const
    {
        QStringList args { QStringLiteral("benchmark"), QStringLiteral("--host"), m_user + QLatin1Char('@') + host,
            QStringLiteral("--runtime"), QStringLiteral("tensorrt"), QStringLiteral("--remote-runner"),
            QStringLiteral(GRAPHS_TENSORRT_RUNNER), QStringLiteral("--repeats"), QStringLiteral("2"),
            QStringLiteral("--max-seconds"), QStringLiteral("0"), QStringLiteral("--registry"), registry,
            QStringLiteral("--models") };
        args << models;
        if (!trtexec.isEmpty())
            args << QStringLiteral("--trtexec") << trtexec;
        return args;
    }

    Run graphs(const QStringList& args) const
    {
        QProcess p;
        p.setProcessEnvironment(environment());
        p.start(QStringLiteral(GRAPHS_CLI_PATH), args);
        if (!p.waitForStarted() || !p.waitForFinished(120000))
            return {};
        return { p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1,
            QString::fromUtf8(p.readAllStandardOutput()), QString::fromUtf8(p.readAllStandardError()) };
    }

    QString caseDir()
    {
        const QString dir = path(QStringLiteral("case%1").arg(++m_case));
        QDir().mkpath(dir);
        return dir;
    }

    /// The workload rows of a results file: benchmark name → how many rows.
    static QMap<QString, int> workloadRows(const QString& csv)
    {
        QMap<QString, int> rows;
        const QStringList lines = graphs::testing::readTestFileLines(csv);
        for (const QString& line : lines.mid(1)) {
            const QStringList cells = line.split(QLatin1Char(','));
            if (cells.value(2) == QStringLiteral("workload"))
                rows[cells.value(1)] += 1;
        }
        return rows;
    }

private slots:
    void initTestCase()
    {
        if (const QString missing = graphs::testing::SshTestServer::missingServer(); !missing.isEmpty())
            QSKIP(qPrintable(missing));
        QVERIFY(m_dir.isValid());
        const QString started = m_server.start();
        QVERIFY2(started.isEmpty(), qPrintable(started));
        m_user = m_server.user();

        // The "remote" trtexec programs: slow (so that a connection can be cut mid-run), rejecting, out of memory.
        const QByteArray standIn = kStandIn.toUtf8();
        QVERIFY(writeExecutable(QStringLiteral("bin/trtexec-slow"), "#!/bin/sh\nsleep 1\nexec " + standIn + " \"$@\"\n"));
        QVERIFY(writeExecutable(QStringLiteral("bin/trtexec-reject"),
            "#!/bin/sh\nTRTEXEC_STANDIN_MODE=reject exec " + standIn + " \"$@\"\n"));
        QVERIFY(writeExecutable(QStringLiteral("bin/trtexec-oom"),
            "#!/bin/sh\nTRTEXEC_STANDIN_MODE=oom exec " + standIn + " \"$@\"\n"));
        QDir().mkpath(path(QStringLiteral("models")));
        for (const char* name : { "m1.onnx", "m2.onnx", "m3.onnx" })
            QVERIFY(QFile::copy(kSqueezenet, path(QStringLiteral("models/")) + QString::fromLatin1(name)));
    }

    void cleanupTestCase() { m_server.stop(); }

    /// Rows go to benchmarks/<host>/tensorrt with the host's fingerprint; per-subgraph rows too with --profile.
    void storesRowsWithTheHostsFingerprint()
    {
        const QString registry = caseDir() + QStringLiteral("/registry");
        QStringList args = benchmarkArgs(registry, { path(QStringLiteral("models/m1.onnx")) }, kStandIn);
        args << QStringLiteral("--profile") << QStringLiteral("--precision") << QStringLiteral("fp16");
        const Run r = graphs(args);
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QVERIFY2(r.err.contains(QStringLiteral("m1: 30 subgraphs timed by the profiler; 96% of the profiled time matched")),
            qPrintable(r.err));
        const QString dir = registry + QStringLiteral("/benchmarks/") + kHost + QStringLiteral("/tensorrt");
        const QStringList lines = graphs::testing::readTestFileLines(dir + QStringLiteral("/workloads.csv"));
        QCOMPARE(workloadRows(dir + QStringLiteral("/workloads.csv")).value(QStringLiteral("m1")), 1);
        QCOMPARE(lines.filter(QStringLiteral(",subgraph,tensorrt,")).size(), 30);
        QFile sidecar(dir + QStringLiteral("/workloads.json"));
        QVERIFY(sidecar.open(QIODevice::ReadOnly));
        const QJsonObject env = QJsonDocument::fromJson(sidecar.readAll()).object().value(QStringLiteral("environment")).toObject();
        const QJsonObject runtime = env.value(QStringLiteral("runtime")).toObject();
        QCOMPARE(runtime.value(QStringLiteral("host")).toString(), m_user + QLatin1Char('@') + kHost);
        QCOMPARE(runtime.value(QStringLiteral("hostname")).toString(), QSysInfo::machineHostName());
        QCOMPARE(runtime.value(QStringLiteral("gpu")).toString(), QStringLiteral("Orin")); // from trtexec's log
        QCOMPARE(runtime.value(QStringLiteral("tensorrt")).toString(), QStringLiteral("10.3.0"));
        QVERIFY(env.value(QStringLiteral("logical_cpus")).toInt() > 0);
        // The model was copied into the host's cache, named by its content.
        const QStringList copies
            = QDir(m_server.cacheDir() + QStringLiteral("/graphs/models")).entryList(QDir::Dirs | QDir::NoDotAndDotDot);
        QVERIFY(!copies.isEmpty());
        QVERIFY(!QFile::exists(dir + QStringLiteral("/workloads.incomplete"))); // a complete run leaves no marker
    }

    void clearMessages_data()
    {
        QTest::addColumn<QString>("host");
        QTest::addColumn<QString>("trtexec");      // "" : none given (the host has none on its PATH)
        QTest::addColumn<QString>("remoteRunner"); // "" : the build's runner
        QTest::addColumn<QString>("message");
        QTest::addColumn<QString>("detail");
        QTest::newRow("unreachable host") << graphs::testing::SshTestServer::closedHost() << kStandIn << QString()
                                          << QStringLiteral("cannot reach ") << QStringLiteral("Connection refused");
        QTest::newRow("trtexec missing") << kHost << QString() << QString() << QStringLiteral("trtexec not found")
                                         << QStringLiteral("--trtexec PATH");
        QTest::newRow("model rejected") << kHost << path(QStringLiteral("bin/trtexec-reject")) << QString()
                                        << QStringLiteral("TensorRT rejected the model")
                                        << QStringLiteral("[6] Invalid Node - /postprocess/NonMaxSuppression");
        QTest::newRow("out of memory") << kHost << path(QStringLiteral("bin/trtexec-oom")) << QString()
                                       << QStringLiteral("the GPU ran out of memory")
                                       << QStringLiteral("Cuda Runtime (out of memory)");
        QTest::newRow("runner missing") << kHost << kStandIn << QStringLiteral("/nonexistent/graphs-tensorrt-runner")
                                        << QStringLiteral("is not on this machine") << QStringLiteral("--remote-runner");
    }

    void clearMessages()
    {
        QFETCH(QString, host);
        QFETCH(QString, trtexec);
        QFETCH(QString, remoteRunner);
        QFETCH(QString, message);
        QFETCH(QString, detail);
        const QString registry = caseDir() + QStringLiteral("/registry");
        QStringList args = benchmarkArgs(registry, { path(QStringLiteral("models/m1.onnx")) }, trtexec, host);
        if (!remoteRunner.isEmpty())
            args[args.indexOf(QStringLiteral(GRAPHS_TENSORRT_RUNNER))] = remoteRunner;
        const Run r = graphs(args);
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains(message), qPrintable(r.err));
        QVERIFY2(r.err.contains(detail), qPrintable(r.err));
        QVERIFY2(!r.err.contains(QStringLiteral("'s password:")), "never a password prompt");
    }

    /// The ssh process of a run is killed mid-suite: every row stored before stays, the run says it is incomplete,
    /// and running the same command again measures only what is missing.
    void droppedConnectionLosesNoRow()
    {
        const QString registry = caseDir() + QStringLiteral("/registry");
        const QString csv = registry + QStringLiteral("/benchmarks/") + kHost + QStringLiteral("/tensorrt/workloads.csv");
        const QStringList args = benchmarkArgs(registry,
            { path(QStringLiteral("models/m1.onnx")), path(QStringLiteral("models/m2.onnx")),
                path(QStringLiteral("models/m3.onnx")) },
            path(QStringLiteral("bin/trtexec-slow")));
        QProcess p;
        p.setProcessEnvironment(environment());
        p.start(QStringLiteral(GRAPHS_CLI_PATH), args);
        QVERIFY(p.waitForStarted());
        // Once m1's row is stored, cut the connection that runs m2 (its ssh carries the runner's --trtexec).
        QTRY_VERIFY_WITH_TIMEOUT(workloadRows(csv).value(QStringLiteral("m1")) == 1, 60000);
        const QStringList before = graphs::testing::readTestFileLines(csv);
        QList<pid_t> ssh;
        QTRY_VERIFY_WITH_TIMEOUT(!(ssh = childrenWith(p.processId(), "trtexec-slow")).isEmpty(), 30000);
        for (pid_t pid : ssh)
            QCOMPARE(::kill(pid, SIGKILL), 0);
        QVERIFY(p.waitForFinished(120000));
        const QString err = QString::fromUtf8(p.readAllStandardError());
        QCOMPARE(p.exitCode(), 1);
        QVERIFY2(err.contains(QStringLiteral("the connection to ") + m_user + QLatin1Char('@') + kHost
                     + QStringLiteral(" was lost")),
            qPrintable(err));
        QVERIFY2(err.contains(QStringLiteral("run the same command again")), qPrintable(err));
        const QStringList after = graphs::testing::readTestFileLines(csv);
        for (const QString& row : before)
            QVERIFY2(after.contains(row), qPrintable(row)); // nothing stored before the cut is lost
        const QMap<QString, int> cut = workloadRows(csv);
        QCOMPARE(cut.value(QStringLiteral("m1")), 1);
        QCOMPARE(cut.value(QStringLiteral("m2")), 0); // the run in flight
        QVERIFY(QFile::exists(QString(csv).replace(QStringLiteral(".csv"), QStringLiteral(".incomplete"))));

        const Run again = graphs(args);
        QVERIFY2(again.exitCode == 0, qPrintable(again.err));
        QVERIFY2(again.err.contains(QStringLiteral("model(s) it stored are skipped")), qPrintable(again.err));
        const QMap<QString, int> done = workloadRows(csv);
        QCOMPARE(done.value(QStringLiteral("m1")), 1);
        QCOMPARE(done.value(QStringLiteral("m2")), 1);
        QCOMPARE(done.value(QStringLiteral("m3")), 1);
        for (const QString& row : after)
            QVERIFY(graphs::testing::readTestFileLines(csv).contains(row));
        QVERIFY(!QFile::exists(QString(csv).replace(QStringLiteral(".csv"), QStringLiteral(".incomplete"))));
    }
};

QTEST_GUILESS_MAIN(TestRemoteBenchmark)
#include "tst_remote_benchmark.moc"
