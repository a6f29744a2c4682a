#pragma once

// The analysis pipeline as free functions, shared by the CLI and the app: import (parse, shape inference, folding)
// → counts → partition by a runtime's fusion rules → estimate on a hardware entry, with progress and cancellation.

#include "core/diagnostic.h"
#include "core/error.h"
#include "estimation/estimator.h"
#include "estimation/graph_analysis.h"
#include "frontends/onnx_importer.h"
#include "transform/fusion_rules.h"
#include "transform/partition.h"

#include <memory>
#include <optional>
#include <string>

namespace graphs {

/// Everything one analysis needs: the model, its bindings and, optionally, hardware to estimate on.
struct AnalysisRequest
{
    std::string modelPath;
    ImportOptions import;
    std::shared_ptr<const HardwareSpec> hardware; ///< null: graph-level counts only
    Precision precision = Precision::FP32;
    FusionRules fusion;                           ///< the runtime profile that partitions the graph
};

struct AnalysisOutcome
{
    std::shared_ptr<const GraphAnalysis> analysis;
    std::optional<Partition> partition;
    std::optional<ModelEstimate> estimate;
    Diagnostics diagnostics; ///< import and analysis findings together
    int64_t batch = 1;       ///< dimension 0 of the first input, as bound
};

/// The graph-level part of an analysis, for a front end that estimates later (the app loads a model once, then
/// estimates it on whatever hardware is chosen): import (parse, shape inference, folding) and counts, with the
/// import's findings and the counts' together in the analysis's diagnostics. An error in the counts names the file
/// and the node. The callback sees fractions of the whole; returning false cancels (error code Cancelled).
Result<std::shared_ptr<const GraphAnalysis>> loadAnalysis(const std::string& modelPath, ImportOptions import,
    const ProgressCallback& progress = {});

/// The batch a graph was bound to: dimension 0 of its first input, 1 when that is unknown or absent.
int64_t boundBatch(const GraphAnalysis& analysis);

/// The phases in order: import (parse, shape inference, folding) → counts → partition → estimate. The callback sees
/// fractions of the whole; returning false cancels (error code Cancelled).
Result<AnalysisOutcome> runAnalysis(const AnalysisRequest& request, const ProgressCallback& progress = {});

/// The options a runtime profile sets for estimates on `hardware`: its per-kernel overhead there, its workspace.
EstimateOptions runtimeOptions(const FusionRules& fusion, const HardwareSpec& hardware);

/// The estimate phases alone, for an analysis already in hand (compare runs one analysis on many entries).
Result<std::pair<Partition, ModelEstimate>> estimateOn(const GraphAnalysis& analysis,
    std::shared_ptr<const HardwareSpec> hardware, Precision precision, const FusionRules& fusion, int64_t batch);

} // namespace graphs
