#pragma once

#include "estimation/graph_analysis.h"
#include "hardware/precision.h"
#include "transform/partition.h"

#include <vector>

namespace graphs {

/// Memory footprint of one inference: stored weights, and activations alive at once over the execution order.
struct MemoryProfile
{
    double weightBytes = 0;
    double peakActivationBytes = 0;
    int peakAtNode = -1;                  ///< node index after which the peak is reached
    std::vector<double> liveBytesAfterNode; ///< activation bytes alive after each node, in execution order

    double peakBytes() const { return weightBytes + peakActivationBytes; }
};

/// Liveness over the topological order: a tensor is allocated when its producer runs and freed after its last
/// consumer; views alias their input's buffer (no allocation, but they keep it alive); graph inputs are alive from
/// the start and graph outputs to the end. Floating-point tensors are counted at `precision`.
MemoryProfile estimateMemory(const GraphAnalysis& analysis, Precision precision);

/// The same over what a fusing runtime stores: a tensor produced and consumed inside one of `partition`'s fused
/// subgraphs never gets a buffer, and `workspaceBytes` (scratch the runtime documents, e.g. TensorRT's) is live
/// throughout.
MemoryProfile estimateMemory(const GraphAnalysis& analysis, const Partition& partition, Precision precision,
    double workspaceBytes = 0);

} // namespace graphs
