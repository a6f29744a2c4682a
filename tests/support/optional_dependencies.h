#pragma once

// Test support: the optional things some tests need, and the one way to skip for them. A test skips only when an
// optional thing is absent (the skip names it and says how to get it); when the thing is there but broken or
// incomplete, the test fails. ctest shows a test binary that skipped as "Skipped" (tests/CMakeLists.txt).
//
//   ../shared (GRAPHS_SHARED_DIR): read-only reference models and measurements beside the checkout; CI lacks it.
//   ONNX Runtime for Node.js: node on PATH and the npm package onnxruntime-node (./scripts/install-onnxruntime.sh).
//
// Needs GRAPHS_SHARED_DIR and GRAPHS_SOURCE_DIR, which graphs_add_test defines.

#include <QFileInfo>
#include <QStandardPaths>
#include <QString>
#include <QTest>

namespace graphs::testing {

/// Whether the shared reference folder exists. Present means complete: what a test reads from it must be there.
inline bool sharedFolderPresent()
{
    return QFileInfo(QStringLiteral(GRAPHS_SHARED_DIR)).isDir();
}

/// `relative` inside the shared reference folder.
inline QString sharedPath(const QString& relative)
{
    return QStringLiteral(GRAPHS_SHARED_DIR "/") + relative;
}

/// Why the `onnxruntime` runner cannot run here, or "" when it can. Looks where graphs-ort-runner.mjs looks.
inline QString onnxRuntimeAbsence()
{
    if (QStandardPaths::findExecutable(QStringLiteral("node")).isEmpty())
        return QStringLiteral("Node.js (node), which runs ONNX Runtime, is not on PATH: apt-get install nodejs npm, "
                              "then ./scripts/install-onnxruntime.sh");
    QStringList folders { QStringLiteral(GRAPHS_SOURCE_DIR "/third_party/onnxruntime-node/node_modules") };
    if (qEnvironmentVariableIsSet("GRAPHS_ORT_NODE_MODULES"))
        folders << qEnvironmentVariable("GRAPHS_ORT_NODE_MODULES");
    for (const QString& folder : folders) {
        if (QFileInfo::exists(folder + QStringLiteral("/onnxruntime-node/package.json")))
            return {};
    }
    return QStringLiteral("ONNX Runtime for Node.js (onnxruntime-node) is not installed: run "
                          "./scripts/install-onnxruntime.sh, or point GRAPHS_ORT_NODE_MODULES at a node_modules folder "
                          "holding it");
}

} // namespace graphs::testing

/// Skips the calling test function when the shared reference folder is absent; fails it when the folder is there
/// but `relative` (a QString: a file or folder inside it) is not.
#define GRAPHS_REQUIRE_SHARED(relative)                                                                                \
    do {                                                                                                               \
        if (!graphs::testing::sharedFolderPresent())                                                                   \
            QSKIP("the shared reference folder " GRAPHS_SHARED_DIR " (../shared beside the checkout) is absent: "      \
                  "copy it there, or configure with -DGRAPHS_SHARED_DIR=/path/to/shared");                             \
        const QString graphsSharedPath_ = graphs::testing::sharedPath(relative);                                       \
        QVERIFY2(QFileInfo::exists(graphsSharedPath_),                                                                 \
            qPrintable(QString(graphsSharedPath_ + QStringLiteral(" is missing, yet the shared folder is present")))); \
    } while (false)

/// Skips the calling test function when the `onnxruntime` runner cannot run here, saying what is missing.
#define GRAPHS_REQUIRE_ONNXRUNTIME()                                                                                   \
    do {                                                                                                               \
        const QString graphsOrtAbsence_ = graphs::testing::onnxRuntimeAbsence();                                       \
        if (!graphsOrtAbsence_.isEmpty())                                                                              \
            QSKIP(qPrintable(graphsOrtAbsence_));                                                                      \
    } while (false)
