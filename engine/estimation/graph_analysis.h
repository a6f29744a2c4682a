#pragma once

#include "core/diagnostic.h"
#include "core/error.h"
#include "estimation/operator_catalog.h"
#include "ir/compute_graph.h"

#include <map>
#include <memory>
#include <string>
#include <vector>

namespace graphs {

/// Graph-level sums of the per-node costs, plus what the model stores.
struct GraphTotals
{
    int64_t macs = 0;
    FlopCounts flops;
    int64_t activationBytesRead = 0;
    int64_t weightBytesRead = 0;
    int64_t bytesWritten = 0;
    int64_t parameters = 0;  ///< elements of floating-point initializers and Constant tensors
    int64_t weightBytes = 0; ///< bytes of all initializers and Constant tensors
    int unmodelledNodes = 0;
};

/// Counts of a whole model: one NodeCost per node (indexed like the graph's nodes) and their totals.
struct GraphAnalysis
{
    std::shared_ptr<const ComputeGraph> graph;
    std::vector<NodeCost> nodes;
    GraphTotals totals;
    std::map<std::string, int> opHistogram; ///< op type → node count
    Diagnostics diagnostics;
};

/// Runs the operator catalog over every node. Fails on the first node whose counts need an unknown shape.
///
///     auto imported = importOnnxFile(path, {});
///     auto analysis = analyzeGraph(imported->graph);
///     std::cout << analysis->totals.macs;
Result<GraphAnalysis> analyzeGraph(std::shared_ptr<const ComputeGraph> graph, const ProgressCallback& progress = {});

} // namespace graphs
