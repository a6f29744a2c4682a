#pragma once

// A real estimate of a four-node model (Conv → Relu → MaxPool → Concat) on a bundled registry entry, shared by the
// subgraph model and roofline tests. The runtime profile fuses Conv+Relu; the Concat moves data without FLOPs.

#include "estimation/graph_analysis.h"
#include "estimation/analysis_pipeline.h"
#include "frontends/onnx_importer.h"
#include "hardware/hardware_registry.h"
#include "jobs/estimate_runner.h"
#include "onnx_model_builder.h"
#include "transform/fusion_rules.h"

#include <QDir>
#include <QTemporaryDir>
#include <memory>

namespace graphs::testing {

inline std::string bundledRegistry()
{
    return GRAPHS_SOURCE_DIR "/registries";
}

/// conv: 1x3x8x8 ⊛ 4x3x3x3 (pad 1) → relu → pool (2x2, stride 2) → 1x4x4x4 → concat with itself → 1x8x4x4.
inline std::shared_ptr<const GraphAnalysis> analyseTinyPipeline()
{
    OnnxModelBuilder builder;
    builder.input("x", { int64_t(1), int64_t(3), int64_t(8), int64_t(8) })
        .weight("w", { 4, 3, 3, 3 })
        .node("Conv", { "x", "w" }, { "y" },
            { Attr::ints("pads", { 1, 1, 1, 1 }), Attr::ints("kernel_shape", { 3, 3 }) }, "conv")
        .node("Relu", { "y" }, { "z" }, {}, "relu")
        .node("MaxPool", { "z" }, { "p" }, { Attr::ints("kernel_shape", { 2, 2 }), Attr::ints("strides", { 2, 2 }) },
            "pool")
        .node("Concat", { "p", "p" }, { "out" }, { Attr::i("axis", 1) }, "concat")
        .output("out");
    QTemporaryDir dir;
    const std::string path = QDir(dir.path()).filePath(QStringLiteral("pipeline.onnx")).toStdString();
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

/// The estimate of `analysis` on the bundled entry `hardwareId`, partitioned by the runtime `runtimeId`.
inline std::shared_ptr<const ui::EstimatedModel> estimate(const std::shared_ptr<const GraphAnalysis>& analysis,
    const std::string& hardwareId, Precision precision, const std::string& runtimeId = "onnxruntime")
{
    if (!analysis)
        return nullptr;
    auto registry = HardwareRegistry::load({ bundledRegistry() });
    if (!registry || !registry->find(hardwareId))
        return nullptr;
    auto fusion = findFusionRules({ bundledRegistry() }, runtimeId);
    if (!fusion)
        return nullptr;
    auto result = estimateOn(*analysis, registry->find(hardwareId), precision, *fusion, boundBatch(*analysis));
    if (!result)
        return nullptr;
    auto estimated = std::make_shared<ui::EstimatedModel>();
    estimated->analysis = analysis;
    estimated->partition = std::move(result->first);
    estimated->estimate = std::move(result->second);
    estimated->runtimeName = QString::fromStdString(fusion->runtimeName);
    return estimated;
}

} // namespace graphs::testing
