#pragma once

#include "core/error.h"
#include "estimation/graph_analysis.h"
#include "ir/subgraph.h"
#include "transform/fusion_rules.h"

#include <string>
#include <vector>

namespace graphs {

/// How a subgraph's work spreads: what a mapper can parallelise over.
struct Parallelism
{
    int64_t batch = 1;
    int64_t channels = 1; ///< output channels, or the hidden/feature dimension
    int64_t spatial = 1;  ///< output pixels, or sequence positions
};

/// One tensor crossing a subgraph's boundary: what the members read of it (a Gather reads rows), or what it writes.
struct TensorAccess
{
    int tensor = -1;
    int64_t bytes = 0;     ///< at the tensor's stored type
    bool floating = false; ///< floating-point: it shrinks or grows with the execution precision
    bool weight = false;   ///< an initializer or constant
    bool write = false;
};

/// A fused group of nodes with its summed work and the bytes that cross its boundary.
struct Subgraph
{
    SubgraphDescriptor descriptor; ///< nodes, boundary tensors, boundary bytes (whole tensors)
    std::string fusion;            ///< "single", "anchor+epilogue", "elementwise chain", or a pattern name
    std::string label;             ///< "Conv+Add+Relu"
    int mainNode = -1;             ///< the anchor, or the heaviest node
    OpClass opClass = OpClass::Unknown;
    std::string convKind;          ///< "standard", "depthwise", "pointwise", "grouped" for convolutions
    int64_t macs = 0;
    FlopCounts flops;
    int64_t bytesRead = 0;         ///< at the boundary, counting only the parts members read (slices, gathers)
    int64_t weightBytesRead = 0;
    int64_t bytesWritten = 0;
    /// Of the boundary traffic: elements of floating-point tensors (they shrink or grow with the precision a
    /// runtime executes at) and bytes of the rest (indices, masks).
    int64_t floatingElementsMoved = 0;
    int64_t otherBytesMoved = 0;
    int64_t floatingWeightElementsRead = 0;
    Parallelism parallelism;
    std::vector<TensorAccess> accesses; ///< the boundary traffic tensor by tensor (sums to bytesRead + bytesWritten)
    int64_t largestActivationElements = 0; ///< elements of the largest activation it reads or writes (vector work items)
    bool zeroCost = false;         ///< views and shape arithmetic only: no kernel runs
    /// KV-cache appends fused into the kernel (FusionPattern::cacheAppend): each writes only its new rows.
    std::vector<int> cacheAppends;

    int64_t bytes() const { return bytesRead + bytesWritten; }
    std::optional<double> arithmeticIntensity() const;
    std::vector<std::string> opTypes(const ComputeGraph& graph) const;
};

struct Partition
{
    std::vector<Subgraph> subgraphs;   ///< in execution order; descriptor.id is the index
    std::vector<int> subgraphOfNode;   ///< node index → subgraph index
};

/// Groups the nodes the way `rules` says the runtime fuses them: patterns first, then anchors with their epilogue,
/// then elementwise chains; every other node is its own subgraph, and views/metadata join a neighbour.
Result<Partition> partitionGraph(const GraphAnalysis& analysis, const FusionRules& rules);

} // namespace graphs
