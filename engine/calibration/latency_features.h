#pragma once

#include "core/error.h"
#include "estimation/unified_analyzer.h"

#include <map>
#include <string>
#include <vector>

namespace graphs {

/// The theoretical times the estimator gives one model, summed per operator class: what a calibration fit
/// rescales. Classes are "matrix", "conv-standard", "conv-pointwise", "conv-depthwise", "conv-grouped",
/// "elementwise", "normalization", "softmax"-like reductions, "pooling", "data-movement", … (the estimator's OpClass
/// names, convolutions split by kind).
struct LatencyFeatures
{
    std::map<std::string, double> computeSeconds; ///< class → Σ mapper compute time (at the spec's peaks)
    std::map<std::string, double> memorySeconds;  ///< class → Σ boundary traffic / serving bandwidth
    int kernels = 0;                              ///< subgraphs that launch a kernel (not views)
    double theoreticalSeconds = 0;                ///< the uncalibrated estimate, for comparison
};

/// The class key of one subgraph, as used in LatencyFeatures.
std::string calibrationClass(const Subgraph& subgraph);

/// Features of an estimate already made (its partition and per-subgraph mapping).
LatencyFeatures latencyFeatures(const Partition& partition, const ModelEstimate& estimate);

/// Imports, partitions with the runtime's fusion rules and estimates `request`, then returns its features.
Result<LatencyFeatures> latencyFeatures(const AnalysisRequest& request);

} // namespace graphs
