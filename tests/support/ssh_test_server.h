#pragma once

// Test support: an sshd on 127.0.0.1 that a test starts itself, for `graphs benchmark --host` and the Benchmarks
// page's remote runs. A throw-away host key and user key, a free port, its own known_hosts and an ssh client
// configuration (GRAPHS_SSH_COMMAND="ssh -F FILE") naming two hosts: kHost, the server, and kClosedHost, a port
// nobody listens on. The "remote" machine is this one; the server sets XDG_CACHE_HOME to cacheDir() for the
// commands it runs. Tests skip, with missingServer()'s or missingClient()'s reason, only where OpenSSH is absent.

#include "test_files.h"

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QStandardPaths>
#include <QString>
#include <QTemporaryDir>
#include <QThread>
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

namespace graphs::testing {

/// A TCP port nothing listens on at the moment.
inline int freePort()
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

class SshTestServer
{
public:
    static QString host() { return QStringLiteral("graphs-test"); } ///< the server's alias
    static QString closedHost() { return QStringLiteral("graphs-closed"); } ///< nobody listens there

    /// Why an ssh client cannot run here ("" when it can).
    static QString missingClient()
    {
        for (const char* tool : { "ssh", "ssh-keygen" })
            if (QStandardPaths::findExecutable(QString::fromLatin1(tool)).isEmpty())
                return QStringLiteral("the OpenSSH client is not installed: apt-get install openssh-client");
        return {};
    }

    /// Why the server cannot run here ("" when it can).
    static QString missingServer()
    {
        if (sshdPath().isEmpty())
            return QStringLiteral("the OpenSSH server (sshd) is not installed: apt-get install openssh-server");
        return missingClient();
    }

    SshTestServer()
    {
        m_user = qEnvironmentVariable("USER", qEnvironmentVariable("LOGNAME"));
        if (m_user.isEmpty()) {
            QProcess whoami;
            whoami.start(QStringLiteral("id"), { QStringLiteral("-un") });
            if (whoami.waitForFinished())
                m_user = QString::fromUtf8(whoami.readAllStandardOutput()).trimmed();
        }
    }
    ~SshTestServer() { stop(); }
    SshTestServer(const SshTestServer&) = delete;
    SshTestServer& operator=(const SshTestServer&) = delete;

    /// Writes the client configuration (both hosts) into the test's folder; "" or what went wrong.
    QString writeClientConfig()
    {
        if (!m_dir.isValid())
            return QStringLiteral("no temporary folder");
        if (m_port == 0) {
            m_port = freePort();
            m_closedPort = freePort();
        }
        if (m_port <= 0 || m_closedPort <= 0 || m_port == m_closedPort)
            return QStringLiteral("no free TCP port on 127.0.0.1");
        const QString client
            = QStringLiteral("Host %1\n  HostName 127.0.0.1\n  Port %2\n  IdentityFile %3\n"
                             "  IdentitiesOnly yes\n  UserKnownHostsFile %4\n"
                             "  StrictHostKeyChecking yes\n  LogLevel ERROR\n"
                             "Host %5\n  HostName 127.0.0.1\n  Port %6\n")
                  .arg(host())
                  .arg(m_port)
                  .arg(path(QStringLiteral("user_key")), path(QStringLiteral("known_hosts")), closedHost())
                  .arg(m_closedPort);
        if (writeTestFile(m_dir, QStringLiteral("ssh_config"), client.toUtf8()).isEmpty())
            return QStringLiteral("cannot write ") + path(QStringLiteral("ssh_config"));
        return {};
    }

    /// Makes the keys, starts sshd and waits until it accepts the user key; "" or what went wrong (a failure).
    QString start()
    {
        if (const QString missing = missingServer(); !missing.isEmpty())
            return missing;
        if (const QString written = writeClientConfig(); !written.isEmpty())
            return written;
        if (m_user.isEmpty())
            return QStringLiteral("no user name (USER, LOGNAME, id -un)");
        for (const char* key : { "host_key", "user_key" }) {
            const int made = QProcess::execute(QStringLiteral("ssh-keygen"),
                { QStringLiteral("-q"), QStringLiteral("-t"), QStringLiteral("ed25519"), QStringLiteral("-N"),
                    QString(), QStringLiteral("-f"), path(QString::fromLatin1(key)) });
            if (made != 0)
                return QStringLiteral("ssh-keygen failed for ") + QString::fromLatin1(key);
        }
        if (!QFile::copy(path(QStringLiteral("user_key.pub")), path(QStringLiteral("authorized_keys"))))
            return QStringLiteral("cannot write authorized_keys");
        if (::geteuid() == 0)
            QDir().mkpath(QStringLiteral("/run/sshd")); // sshd's privilege separation folder, when run as root
        const QByteArray config = QStringLiteral(
            "Port %1\nListenAddress 127.0.0.1\nHostKey %2\nAuthorizedKeysFile %3\nPidFile %4\nStrictModes no\n"
            "UsePAM no\nPasswordAuthentication no\nKbdInteractiveAuthentication no\nPubkeyAuthentication yes\n"
            "PermitRootLogin prohibit-password\nSetEnv XDG_CACHE_HOME=%5\nLogLevel ERROR\n")
                                      .arg(m_port)
                                      .arg(path(QStringLiteral("host_key")), path(QStringLiteral("authorized_keys")),
                                          path(QStringLiteral("sshd.pid")), cacheDir())
                                      .toUtf8();
        if (writeTestFile(m_dir, QStringLiteral("sshd_config"), config).isEmpty())
            return QStringLiteral("cannot write sshd_config");
        QFile hostKey(path(QStringLiteral("host_key.pub")));
        if (!hostKey.open(QIODevice::ReadOnly))
            return QStringLiteral("cannot read host_key.pub");
        const QList<QByteArray> key = hostKey.readAll().split(' ');
        if (key.size() < 2)
            return QStringLiteral("malformed host_key.pub");
        if (writeTestFile(m_dir, QStringLiteral("known_hosts"),
                "[127.0.0.1]:" + QByteArray::number(m_port) + ' ' + key[0] + ' ' + key[1] + '\n')
                .isEmpty())
            return QStringLiteral("cannot write known_hosts");

        m_sshd.start(sshdPath(),
            { QStringLiteral("-D"), QStringLiteral("-e"), QStringLiteral("-f"), path(QStringLiteral("sshd_config")) });
        if (!m_sshd.waitForStarted())
            return QStringLiteral("sshd did not start: ") + m_sshd.errorString();
        for (int attempt = 0; attempt < 50 && m_sshd.state() == QProcess::Running; ++attempt) {
            QProcess probe;
            probe.start(QStringLiteral("ssh"),
                { QStringLiteral("-F"), path(QStringLiteral("ssh_config")), QStringLiteral("-o"),
                    QStringLiteral("BatchMode=yes"), target(), QStringLiteral("true") });
            if (probe.waitForFinished(10000) && probe.exitCode() == 0)
                return {};
            QThread::msleep(200);
        }
        return QStringLiteral("sshd did not accept the test key: ") + QString::fromUtf8(m_sshd.readAllStandardError());
    }

    void stop()
    {
        if (m_sshd.state() == QProcess::NotRunning)
            return;
        m_sshd.terminate();
        if (!m_sshd.waitForFinished(5000))
            m_sshd.kill();
        m_sshd.waitForFinished(1000);
    }

    QString user() const { return m_user; }
    /// USER@ALIAS of the server, or of `alias`.
    QString target(const QString& alias = host()) const { return m_user + QLatin1Char('@') + alias; }
    /// What GRAPHS_SSH_COMMAND should say for the client to use this configuration.
    QString sshCommand() const { return QStringLiteral("ssh -F ") + path(QStringLiteral("ssh_config")); }
    /// The "remote" machine's cache folder (its copies of the models land in graphs/models there).
    QString cacheDir() const { return path(QStringLiteral("remote-cache")); }
    /// A file in the server's folder.
    QString path(const QString& name) const { return m_dir.filePath(name); }
    const QTemporaryDir& dir() const { return m_dir; }

private:
    static QString sshdPath()
    {
        return QStandardPaths::findExecutable(QStringLiteral("sshd"),
            { QStringLiteral("/usr/sbin"), QStringLiteral("/usr/local/sbin"), QStringLiteral("/sbin") });
    }

    QTemporaryDir m_dir;
    QProcess m_sshd;
    QString m_user;
    int m_port = 0;
    int m_closedPort = 0;
};

} // namespace graphs::testing
