#pragma once

#include "core/error.h"

#include <cstdint>
#include <string>
#include <vector>

namespace graphs {

class ComputeGraph;

/// A group of nodes that a runtime executes as one unit (a fused kernel). The partitioner fills `nodes`;
/// describeSubgraph() derives the tensors that cross its boundary.
struct SubgraphDescriptor
{
    int id = 0;
    std::vector<int> nodes;           ///< node indices, in execution order
    std::vector<int> inputTensors;    ///< read from outside (activations and weights)
    std::vector<int> outputTensors;   ///< consumed outside, or graph outputs
    std::vector<int> internalTensors; ///< produced and consumed only inside: never go to memory
    int64_t boundaryBytesRead = 0;
    int64_t boundaryBytesWritten = 0;
};

/// Fills the tensor lists and boundary bytes of `sub` from its node list. Fails when a boundary tensor's
/// size is unknown or overflows.
Status describeSubgraph(const ComputeGraph& graph, SubgraphDescriptor& sub);

} // namespace graphs
