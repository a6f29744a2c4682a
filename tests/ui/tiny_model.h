#pragma once

// A real analysis of a three-node model (Conv → Relu → MaxPool), shared by the item model tests.

#include "estimation/graph_analysis.h"
#include "frontends/onnx_importer.h"
#include "onnx_model_builder.h"

#include <QDir>
#include <QTemporaryDir>
#include <QTest>
#include <memory>

namespace graphs::testing {

/// conv: 1x3x8x8 ⊛ 4x3x3x3 (pad 1) → 1x4x8x8, relu, pool (2x2, stride 2) → 1x4x4x4.
inline std::shared_ptr<const GraphAnalysis> analyseTinyModel()
{
    OnnxModelBuilder builder;
    builder.input("x", { int64_t(1), int64_t(3), int64_t(8), int64_t(8) })
        .weight("w", { 4, 3, 3, 3 })
        .node("Conv", { "x", "w" }, { "y" },
            { Attr::ints("pads", { 1, 1, 1, 1 }), Attr::ints("kernel_shape", { 3, 3 }) }, "conv")
        .node("Relu", { "y" }, { "z" }, {}, "relu")
        .node("MaxPool", { "z" }, { "out" }, { Attr::ints("kernel_shape", { 2, 2 }), Attr::ints("strides", { 2, 2 }) },
            "pool")
        .output("out");
    QTemporaryDir dir;
    const std::string path = QDir(dir.path()).filePath(QStringLiteral("tiny.onnx")).toStdString();
    if (!builder.save(path))
        return nullptr;
    auto imported = importOnnxFile(path, {});
    if (!imported)
        return nullptr;
    auto analysis = analyzeGraph(imported->graph);
    if (!analysis)
        return nullptr;
    return std::make_shared<const GraphAnalysis>(std::move(*analysis));
}

} // namespace graphs::testing
