#pragma once

#include "core/error.h"
#include "estimation/estimate.h"
#include "estimation/graph_analysis.h"
#include "estimation/memory_estimator.h"
#include "estimation/traffic_model.h"
#include "hardware/hardware_spec.h"
#include "hardware/mapper.h"
#include "transform/fusion_rules.h"
#include "transform/partition.h"

#include <memory>
#include <optional>
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
    SubgraphTraffic traffic;  ///< bytes each memory level serves
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

/// Average board power over one inference, and the power limit's effect on it.
struct PowerEstimate
{
    double averageWatts = 0;   ///< static + dynamic
    double staticWatts = 0;    ///< leakage, clocks and uncore under load (spec static_w or rule P2)
    double dynamicWatts = 0;   ///< switching energy of compute and memory traffic / latency
    double limitWatts = 0;     ///< TDP or power mode of the entry
    bool capped = false;       ///< uncapped power would exceed the limit: clocks drop until it does not
    double clockShare = 1;     ///< core clock as a share of the clock the peaks derive from
    double uncappedWatts = 0;  ///< what the model would draw at full clock
};

struct EstimateOptions
{
    Precision precision = Precision::FP32;
    int64_t batch = 1; ///< samples in the analysed graph (for throughput)
    EfficiencyPriors priors;
    /// Fixed cost per kernel of the runtime (µs), replacing the spec's launch overhead: a runtime that replays kernels
    /// from a CUDA graph pays less than one that launches each. Unset: the spec's.
    std::optional<double> kernelOverheadUs;
    /// An eager framework's host costs (the runtime profile's), paid on the hardware's host core; unset: none.
    std::optional<HostCosts> hostCosts;
    double workspaceBytes = 0; ///< runtime scratch memory, live throughout
    /// At fp32, convolutions use the hardware's TF32 matrix rate where it has one (FusionRules::tf32Convolutions).
    bool tf32Convolutions = false;
    bool powerLimit = true; ///< apply the power limit (clocks drop when modelled power exceeds the TDP)
    /// A configured power limit (nvidia-smi -pl, a power mode) below the TDP; unset: the TDP.
    std::optional<double> powerLimitWatts;
    /// A configured core-clock cap (a Jetson power mode, locked clocks) as a share of the boost clock, 0..1.
    double clockLimitShare = 1.0;
    /// A configured memory-clock cap as a share of the off-chip level's full bandwidth, 0..1.
    double offChipBandwidthShare = 1.0;
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
    PowerEstimate power;
};

/// The precision a subgraph's matrix work runs at: the estimate's, except an fp32 convolution on hardware with a TF32
/// matrix rate when the runtime lets convolutions use it (EstimateOptions::tf32Convolutions). Bytes stay at the
/// estimate's precision (TF32 operands are stored as fp32).
Precision mathPrecision(const Subgraph& subgraph, const HardwareSpec& spec, const EstimateOptions& options);

/// Hierarchical roofline per subgraph: time = max(compute time at the mapper's attainable peak, bytes through each
/// memory level / the bandwidth available at it) + overhead, with the traffic per level from modelTraffic; energy
/// in three components; board power against the power limit (clocks drop when it is exceeded); memory from liveness
/// over the fused subgraphs. Fails when the hardware has no throughput at the requested precision.
///
///     auto estimate = estimateModel(*analysis, *partition, spec, {Precision::FP16, 8});
///     double ms = estimate->summary.latency.value;
Result<ModelEstimate> estimateModel(const GraphAnalysis& analysis, const Partition& partition,
    std::shared_ptr<const HardwareSpec> hardware, const EstimateOptions& options, const std::string& runtime = {});

/// The host cost of one operator of `opClass` (the estimator's class name: "convolution", "view", …) under an eager
/// runtime's host costs on `hardware`'s host core, in seconds: its dispatch, and on a GPU or an accelerator the launch
/// of its kernel (views and shape arithmetic launch none), or there the class's whole measured call where the runtime
/// gives one (HostCosts::deviceCallUs).
double hostOperatorSeconds(const HostCosts& host, const std::string& opClass, const HardwareSpec& hardware);

/// The seconds an eager caller waits once per call for a GPU or an accelerator to finish (0 on a CPU, or without
/// host costs).
double hostSyncSeconds(const EstimateOptions& options, const HardwareSpec& hardware);

/// The uncalibrated error band (±%) a theoretical estimate carries for a subgraph with this bottleneck.
double theoreticalErrorBoundPct(Bottleneck b);

} // namespace graphs
