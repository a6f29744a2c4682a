#include "calibration/calibrated_estimate.h"

#include "calibration/latency_features.h"

#include <algorithm>

namespace graphs {

namespace {

constexpr double kInterpolatedBoundFactor = 2.0;
constexpr double kInterpolatedShare = 0.10;

} // namespace

void applyCalibration(const GraphAnalysis& analysis, const Partition& partition, ModelEstimate& estimate,
    const Calibration& calibration)
{
    const LatencyFeatures features = latencyFeatures(analysis, partition, estimate, calibration.roofs);
    const CalibrationProfile& p = calibration.profile;
    const std::string source = "calibrated: " + p.hardware + " × " + p.runtime + " "
        + std::string(precisionName(p.precision)) + ", " + std::to_string(calibration.points.size())
        + " measurements" + (p.created.empty() ? std::string() : ", " + p.created.substr(0, 10))
        + "; error bound from leave-one-model-out cross-validation";
    const double bound = calibration.errorBoundPct;

    double total = calibration.model.runSeconds(features);
    double outside = 0;
    std::vector<bool> kernel(estimate.subgraphs.size(), false);
    for (const SubgraphFeatures& k : features.subgraphs) {
        const auto i = static_cast<size_t>(k.subgraph);
        if (i >= estimate.subgraphs.size())
            continue;
        const double seconds = calibration.model.predictKernelSeconds(k);
        const bool covered = calibration.model.covers(k);
        EstimationResult& latency = estimate.subgraphs[i].latency;
        latency.value = seconds * 1e3;
        latency.confidence = covered ? Confidence::Calibrated : Confidence::Interpolated;
        latency.errorBoundPct = covered ? bound : bound * kInterpolatedBoundFactor;
        latency.source = source;
        total += seconds;
        outside += covered ? 0 : seconds;
        kernel[i] = true;
    }
    // Views and shape arithmetic run no kernel: their 0 ms is exact under any calibration.
    for (size_t i = 0; i < estimate.subgraphs.size(); ++i) {
        if (!kernel[i]) {
            estimate.subgraphs[i].latency.value = 0;
            estimate.subgraphs[i].latency.confidence = Confidence::Calibrated;
            estimate.subgraphs[i].latency.errorBoundPct = 0;
            estimate.subgraphs[i].latency.source = source;
        }
    }
    const bool interpolated = total > 0 && outside > kInterpolatedShare * total;
    ModelSummary& sum = estimate.summary;
    sum.latency.value = total * 1e3;
    sum.latency.confidence = interpolated ? Confidence::Interpolated : Confidence::Calibrated;
    sum.latency.errorBoundPct = interpolated ? bound * kInterpolatedBoundFactor : bound;
    sum.latency.source = source;
    sum.throughput.value = total > 0 ? static_cast<double>(estimate.options.batch) / total : 0;
    sum.throughput.confidence = sum.latency.confidence;
    sum.throughput.errorBoundPct = sum.latency.errorBoundPct;
    sum.throughput.source = source;
}

} // namespace graphs
