#pragma once

#include "core/diagnostic.h"
#include "core/error.h"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace graphs {

class ComputeGraph;

/// What kind of work an operator does; later layers fit efficiencies per class.
enum class OpClass {
    Matrix,        ///< Gemm, MatMul, Einsum with a contraction, RNN cells
    Convolution,   ///< Conv, ConvTranspose and their quantised forms
    Elementwise,   ///< arithmetic and activations, one output element at a time
    Normalization, ///< BatchNorm, LayerNorm, InstanceNorm, GroupNorm
    Softmax,
    Pooling,
    Reduction,
    DataMovement,  ///< copies with no arithmetic: Concat, Transpose, Gather, Pad, Resize, …
    View,          ///< metadata-only reinterpretation: Reshape, Flatten, Squeeze, Identity, …
    Metadata,      ///< shape arithmetic and constants, computed before execution
    ControlFlow,   ///< If/Loop/Scan: the bodies are not counted
    Unknown,       ///< no cost model: counted as zero FLOPs, with a warning
};

std::string_view opClassName(OpClass c);

/// Floating-point (or integer) operations by the unit that executes them.
struct FlopCounts
{
    int64_t matrix = 0;         ///< 2 × MACs of matrix/convolution work
    int64_t vector = 0;         ///< elementwise arithmetic, comparisons, reductions
    int64_t transcendental = 0; ///< exp, log, tanh, erf, sqrt, pow, …

    int64_t total() const { return matrix + vector + transcendental; }
    FlopCounts& operator+=(const FlopCounts& o);
};

/// The compute and memory profile of one node, from shapes and element types alone.
struct NodeCost
{
    OpClass opClass = OpClass::Unknown;
    int64_t macs = 0; ///< multiply-accumulates of matrix work; flops.matrix == 2 × macs
    FlopCounts flops;
    int64_t activationBytesRead = 0;
    int64_t weightBytesRead = 0; ///< initializers and constants
    int64_t bytesWritten = 0;
    bool modelled = true;        ///< false when the operator has no cost model
    /// Bytes read from each input (aligned with the node's inputs): what a fused group reads at its boundary.
    std::vector<int64_t> inputBytesRead;

    int64_t bytesRead() const { return activationBytesRead + weightBytesRead; }
    /// FLOPs per byte moved; nullopt when the node moves no bytes.
    std::optional<double> arithmeticIntensity() const;
};

/// Cost of node `index` of `graph`. Fails when a shape the count needs is unknown, or a count overflows;
/// adds a warning to `diagnostics` for operators without a cost model and uncounted control-flow bodies.
Result<NodeCost> nodeCost(const ComputeGraph& graph, int index, Diagnostics& diagnostics);

/// Whether the catalog has a cost model for this operator (default ONNX domain).
bool hasCostModel(std::string_view opType);

} // namespace graphs
