// `graphs benchmark --host USER@HOST` against an sshd this test starts on 127.0.0.1 (a throw-away host key and user
// key, a free port, its own known_hosts and client configuration through GRAPHS_SSH_COMMAND="ssh -F FILE"). The
// "remote" machine is this one: the runner is the build's graphs-tensorrt-runner and trtexec the stand-in
// (tests/support/trtexec), wrapped to be slow, to reject the model or to run out of memory. Skipped, with the reason,
// only where the OpenSSH server or client is not installed (Debian: openssh-server, openssh-client).

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

#include <arpa/inet.h>
#include <csignal>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

namespace {

const QString kStandIn = QStringLiteral(GRAPHS_SOURCE_DIR "/tests/support/trtexec/trtexec");
const QString kSqueezenet = QStringLiteral(GRAPHS_SOURCE_DIR "/resources/models/squeezenet1_1.onnx");
const QString kHost = QStringLiteral("graphs-test"); // the alias of the client configuration

struct Run
{
    int exitCode = -1;
    QString out;
    QString err;
};

/// A TCP port nothing listens on at the moment.
int freePort()
{
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in address {};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t size = sizeof address;
    int port = 0;
    if (::bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0
        && ::getsockname(fd, reinterpret_cast<sockaddr*>(&address), &size) == 0)
        port = ntohs(address.sin_port);
    ::close(fd);
    return port;
}

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
    QProcess m_sshd;
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
        env.insert(QStringLiteral("GRAPHS_SSH_COMMAND"), QStringLiteral("ssh -F ") + path(QStringLiteral("ssh_config")));
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
        QString sshd = QStandardPaths::findExecutable(QStringLiteral("sshd"),
            { QStringLiteral("/usr/sbin"), QStringLiteral("/usr/local/sbin"), QStringLiteral("/sbin") });
        if (sshd.isEmpty())
            QSKIP("the OpenSSH server (sshd) is not installed: apt-get install openssh-server");
        for (const char* tool : { "ssh", "ssh-keygen" })
            if (QStandardPaths::findExecutable(QString::fromLatin1(tool)).isEmpty())
                QSKIP("the OpenSSH client is not installed: apt-get install openssh-client");
        QVERIFY(m_dir.isValid());
        m_user = qEnvironmentVariable("USER", qEnvironmentVariable("LOGNAME"));
        if (m_user.isEmpty()) {
            QProcess whoami;
            whoami.start(QStringLiteral("id"), { QStringLiteral("-un") });
            QVERIFY(whoami.waitForFinished());
            m_user = QString::fromUtf8(whoami.readAllStandardOutput()).trimmed();
        }
        for (const char* key : { "host_key", "user_key" }) {
            const int made = QProcess::execute(QStringLiteral("ssh-keygen"),
                { QStringLiteral("-q"), QStringLiteral("-t"), QStringLiteral("ed25519"), QStringLiteral("-N"), QString(),
                    QStringLiteral("-f"), path(QString::fromLatin1(key)) });
            QCOMPARE(made, 0);
        }
        QVERIFY(QFile::copy(path(QStringLiteral("user_key.pub")), path(QStringLiteral("authorized_keys"))));
        const int port = freePort();
        const int closedPort = freePort();
        QVERIFY(port > 0 && closedPort > 0 && port != closedPort);
        if (::geteuid() == 0)
            QDir().mkpath(QStringLiteral("/run/sshd")); // sshd's privilege separation folder, when run as root
        const QByteArray config = QStringLiteral(
            "Port %1\nListenAddress 127.0.0.1\nHostKey %2\nAuthorizedKeysFile %3\nPidFile %4\nStrictModes no\n"
            "UsePAM no\nPasswordAuthentication no\nKbdInteractiveAuthentication no\nPubkeyAuthentication yes\n"
            "PermitRootLogin prohibit-password\nSetEnv XDG_CACHE_HOME=%5\nLogLevel ERROR\n")
                                      .arg(port)
                                      .arg(path(QStringLiteral("host_key")), path(QStringLiteral("authorized_keys")),
                                          path(QStringLiteral("sshd.pid")), path(QStringLiteral("remote-cache")))
                                      .toUtf8();
        QVERIFY(!graphs::testing::writeTestFile(m_dir, QStringLiteral("sshd_config"), config).isEmpty());
        QFile hostKey(path(QStringLiteral("host_key.pub")));
        QVERIFY(hostKey.open(QIODevice::ReadOnly));
        const QList<QByteArray> key = hostKey.readAll().split(' ');
        QVERIFY(key.size() >= 2);
        QVERIFY(!graphs::testing::writeTestFile(m_dir, QStringLiteral("known_hosts"),
            "[127.0.0.1]:" + QByteArray::number(port) + ' ' + key[0] + ' ' + key[1] + '\n').isEmpty());
        const QString client = QStringLiteral("Host %1\n  HostName 127.0.0.1\n  Port %2\n  IdentityFile %3\n"
                                              "  IdentitiesOnly yes\n  UserKnownHostsFile %4\n"
                                              "  StrictHostKeyChecking yes\n  LogLevel ERROR\n"
                                              "Host graphs-closed\n  HostName 127.0.0.1\n  Port %5\n")
                                   .arg(kHost)
                                   .arg(port)
                                   .arg(path(QStringLiteral("user_key")), path(QStringLiteral("known_hosts")))
                                   .arg(closedPort);
        QVERIFY(!graphs::testing::writeTestFile(m_dir, QStringLiteral("ssh_config"), client.toUtf8()).isEmpty());

        m_sshd.start(sshd, { QStringLiteral("-D"), QStringLiteral("-e"), QStringLiteral("-f"), path(QStringLiteral("sshd_config")) });
        QVERIFY2(m_sshd.waitForStarted(), qPrintable(m_sshd.errorString()));
        bool up = false;
        for (int attempt = 0; attempt < 50 && !up && m_sshd.state() == QProcess::Running; ++attempt) {
            QProcess probe;
            probe.start(QStringLiteral("ssh"), { QStringLiteral("-F"), path(QStringLiteral("ssh_config")),
                QStringLiteral("-o"), QStringLiteral("BatchMode=yes"), m_user + QLatin1Char('@') + kHost,
                QStringLiteral("true") });
            up = probe.waitForFinished(10000) && probe.exitCode() == 0;
            if (!up)
                QThread::msleep(200);
        }
        QVERIFY2(up, qPrintable(QStringLiteral("sshd did not accept the test key: ")
                         + QString::fromUtf8(m_sshd.readAllStandardError())));

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

    void cleanupTestCase()
    {
        if (m_sshd.state() != QProcess::NotRunning) {
            m_sshd.terminate();
            if (!m_sshd.waitForFinished(5000))
                m_sshd.kill();
        }
    }

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
        const QStringList copies = QDir(path(QStringLiteral("remote-cache/graphs/models"))).entryList(QDir::Dirs | QDir::NoDotAndDotDot);
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
        QTest::newRow("unreachable host") << QStringLiteral("graphs-closed") << kStandIn << QString()
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
