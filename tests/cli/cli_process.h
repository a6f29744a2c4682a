#pragma once

// Test support for the command-line suites: runs the real `graphs` binary.

#include <QByteArray>
#include <QProcess>
#include <QString>
#include <QStringList>

namespace graphs::testing {

struct Run
{
    int exitCode = -1;
    QByteArray out;
    QByteArray err;
};

/// Runs graphs with `args` (two minutes at most); exitCode is -1 when it crashed or hung.
inline Run runCli(const QStringList& args)
{
    QProcess p;
    p.start(QStringLiteral(GRAPHS_CLI_PATH), args);
    if (!p.waitForFinished(120000))
        return {};
    return { p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1, p.readAllStandardOutput(),
        p.readAllStandardError() };
}

/// The structure-only squeezenet shipped in resources/.
inline QString bundledModel()
{
    return QStringLiteral(GRAPHS_SOURCE_DIR "/resources/models/squeezenet1_1.onnx");
}

} // namespace graphs::testing
