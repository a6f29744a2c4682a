#pragma once

#include "estimation/graph_analysis.h"
#include "hardware/hardware_spec.h"
#include "transform/partition.h"

#include <vector>

namespace graphs {

/// Bytes one subgraph moves per memory level in one inference.
struct SubgraphTraffic
{
    std::vector<double> servedBytes; ///< aligned with HardwareSpec::memory: bytes each level serves (reads and writes)
    double weightBytes = 0;          ///< weights read, at the execution precision
    double offChipWeightBytes = 0;   ///< of them, read from off-chip memory
    double offChipWriteBytes = 0;    ///< written to off-chip memory: spilled outputs, write-backs, graph outputs
    double graphIoBytes = 0;         ///< of the off-chip bytes, graph inputs read and graph outputs written

    double totalBytes() const;
    /// Bytes that cross `level` on their way between the compute and where they live: the bytes it serves and those
    /// served by every level farther out (they pass through it).
    double throughBytes(size_t level) const;
};

struct TrafficOptions
{
    Precision precision = Precision::FP32;
    /// Per subgraph (aligned with Partition::subgraphs): the share of the compute units that run it, which decides
    /// how much of a private (per-core) level holds its data. 1 for every subgraph when empty.
    std::vector<double> activeShare;
};

/// Which memory level serves each byte of every subgraph's boundary traffic over one inference, in execution order
/// (docs/architecture/estimation.md, "Traffic per memory level"):
///
///  - Inferences repeat, and the traffic reported is the steady state's: the walk runs twice over the partition
///    and reports the second. So weights come from off-chip memory on their first touch in each inference unless
///    everything one inference touches fits in the caches (they are still there from the previous one), or an
///    on-chip level holds the model's weights across inferences (`holds_weights` in the spec) and they fit in it.
///  - Graph inputs come from off-chip memory; graph outputs are written to it.
///  - An activation is served by the closest level that still holds it: a level holds it when its usable capacity
///    (kUsableCapacityShare of it; a private per-core level only in the cores that run the reader) exceeds the bytes
///    touched since the tensor was written or last read plus the tensor itself. The part that fits nowhere comes from
///    off-chip memory and was written back there when it was evicted.
///  - An output larger than the on-chip levels streams the excess straight to off-chip memory.
///  - GPU kernels do not share L1: inter-kernel data is served from L2 at best.
std::vector<SubgraphTraffic> modelTraffic(const GraphAnalysis& analysis, const Partition& partition,
    const HardwareSpec& spec, const TrafficOptions& options);

namespace traffic {

/// The share of an on-chip level's capacity that holds reusable data under streaming traffic (associativity
/// conflicts, other data, duplication between cache partitions).
constexpr double kUsableCapacityShare = 0.75;

/// The closest level that can hold data between kernels: 1 on GPUs (L1 and shared memory belong to one kernel),
/// 0 elsewhere.
int firstInterKernelLevel(const HardwareSpec& spec);

/// Bytes of all weights (initializers and constants) at `precision`.
double modelWeightBytes(const ComputeGraph& graph, Precision precision);

} // namespace traffic

} // namespace graphs
