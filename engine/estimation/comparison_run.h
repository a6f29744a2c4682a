#pragma once

#include "core/diagnostic.h"
#include "core/error.h"
#include "estimation/comparison.h"
#include "transform/fusion_rules.h"

#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace graphs {

struct GraphAnalysis;
struct Partition;

/// Models × hardware × batches × precisions, as `graphs compare` takes them.
struct ComparisonRequest
{
    std::vector<std::string> models; ///< ONNX files
    std::vector<std::shared_ptr<const HardwareSpec>> hardware;
    std::vector<int64_t> batches { 1 };
    std::vector<Precision> precisions { Precision::FP32 };
    FusionRules fusion; ///< the runtime profile that partitions every model
    /// false: the first model that cannot be imported or estimated ends the run, as the only entry of
    /// ComparisonOutcome::failures (the CLI prints it and stops). true: every failure is recorded and the rest still
    /// runs (the desktop app shows what could be compared).
    bool keepGoing = false;
    /// Called on every estimate before it becomes a row, on the calling thread; the desktop app applies the stored
    /// calibration of the hardware × runtime × precision here. Empty: estimates stay as made.
    std::function<void(const GraphAnalysis&, const Partition&, ModelEstimate&)> refine;
};

/// A model × batch that could not be imported, or one estimate of it that failed.
struct ComparisonFailure
{
    std::string model; ///< the file, as given
    int64_t batch = 1;
    std::string hardwareId; ///< empty when the import failed
    Error error;
};

struct ComparisonOutcome
{
    std::vector<ComparisonRow> rows; ///< Pareto-marked and sorted by markParetoFront()
    std::vector<ComparisonFailure> failures; ///< in the order met; at most one without keepGoing
};

/// Imports each model once per batch and estimates it on every hardware × precision; a precision an entry has no
/// throughput at is left out, not an error. The callback sees the fraction of imports and estimates done;
/// returning false stops the run with ErrorCode::Cancelled, the only error returned: models that fail are
/// reported in the outcome, and an outcome without rows is for callers to word for their users.
///
///     ComparisonRequest request;
///     request.models = {"resnet50.onnx"};
///     request.hardware = {registry.find("nvidia-h100-sxm5"), registry.find("nvidia-l4")};
///     request.batches = {1, 8};
///     request.fusion = *findFusionRules(dirs, "onnxruntime");
///     auto outcome = runComparison(request);
Result<ComparisonOutcome> runComparison(const ComparisonRequest& request, const ProgressCallback& progress = {});

} // namespace graphs
