#pragma once

#include "core/error.h"
#include "estimation/estimate.h"
#include "estimation/graph_analysis.h"
#include "estimation/memory_estimator.h"
#include "hardware/hardware_spec.h"
#include "hardware/mapper.h"
#include "transform/partition.h"

#include <memory>
#include <string>
#include <vector>

namespace graphs {

enum class Bottleneck { Compute, Memory, Overhead, None };
std::string_view bottleneckName(Bottleneck b); ///< "compute", "memory", "overhead", "none"

struct EnergyEstimate
{
    EstimationResult compute;   ///< ops × energy per op at the precision
    EstimationResult memory;    ///< bytes × energy per byte of every level they pass through
    EstimationResult staticPart;///< idle power × latency
    EstimationResult total;
    std::vector<double> memoryByLevelJoules; ///< aligned with HardwareSpec::memory
};

struct SubgraphEstimate
{
    int subgraph = 0;
    MappedSubgraph mapped;
    Bottleneck bottleneck = Bottleneck::None;
    EstimationResult latency; ///< ms
    EnergyEstimate energy;    ///< mJ
};

struct ModelSummary
{
    EstimationResult latency;     ///< ms per inference (the whole batch)
    EstimationResult throughput;  ///< samples per second
    EstimationResult energy;      ///< mJ per inference
    EstimationResult peakMemory;  ///< MB
    Bottleneck bottleneck = Bottleneck::None; ///< the class that holds the largest share of latency
};

struct EstimateOptions
{
    Precision precision = Precision::FP32;
    int64_t batch = 1; ///< samples in the analysed graph (for throughput)
    EfficiencyPriors priors;
};

/// Latency, energy and memory of a partitioned model on one piece of hardware.
struct ModelEstimate
{
    std::shared_ptr<const HardwareSpec> hardware;
    EstimateOptions options;
    std::string runtime;
    std::vector<SubgraphEstimate> subgraphs; ///< aligned with Partition::subgraphs
    MemoryProfile memory;
    ModelSummary summary;
    EnergyEstimate energy;
};

/// Hierarchical roofline per subgraph: time = max(compute time at the mapper's attainable peak, bytes / bandwidth
/// of the serving level) + overhead; energy in three components; memory from liveness. Fails when the hardware has
/// no throughput at the requested precision.
///
///     auto estimate = estimateModel(*analysis, *partition, spec, {Precision::FP16, 8});
///     double ms = estimate->summary.latency.value;
Result<ModelEstimate> estimateModel(const GraphAnalysis& analysis, const Partition& partition,
    std::shared_ptr<const HardwareSpec> hardware, const EstimateOptions& options, const std::string& runtime = {});

/// The uncalibrated error band (±%) a theoretical estimate carries for a subgraph with this bottleneck.
double theoreticalErrorBoundPct(Bottleneck b);

} // namespace graphs
