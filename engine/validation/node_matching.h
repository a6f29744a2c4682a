#pragma once

// Per-node times from a runtime's profiler, matched to the subgraphs of the estimate so that estimates can be
// validated kernel by kernel and not only for the whole model.

#include "benchmarks/runner_protocol.h"
#include "ir/compute_graph.h"
#include "transform/partition.h"

#include <map>
#include <string>
#include <vector>

namespace graphs {

struct NodeTimeMatch
{
    std::map<int, double> secondsBySubgraph; ///< subgraph index → summed time of the profiled nodes matched to it
    double matchedSeconds = 0;
    double unmatchedSeconds = 0;             ///< nodes the runtime added (layout reorders, reshapes of its own)
    std::vector<std::string> unmatched;      ///< their names
};

/// Matches profiled nodes to subgraphs by name. A runtime names a node after the graph node it runs, after the
/// tensor it writes (ONNX Runtime's "<output>_nchwc" convolutions), or after the first node of a fusion followed by
/// the fusion's name ("/layer/MatMul/MatMulAddFusion", "…/MatMul_1/MatmulTransposeFusion//MatMulScaleFusion/"):
/// each form is tried in turn, and the node's time goes to the subgraph holding the graph node found.
///
///     auto match = matchNodeTimes(*analysis.graph, partition, result.nodes);
///     for (auto [subgraph, seconds] : match.secondsBySubgraph) …
NodeTimeMatch matchNodeTimes(const ComputeGraph& graph, const Partition& partition,
    const std::vector<NodeTiming>& nodes);

} // namespace graphs
