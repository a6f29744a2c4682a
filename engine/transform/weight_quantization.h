#pragma once

#include "core/error.h"
#include "ir/compute_graph.h"

#include <cstdint>
#include <memory>
#include <optional>
#include <string_view>

namespace graphs {

/// How the weights of the matrix multiplications are stored; the computation keeps the execution precision.
enum class WeightFormat { AsCompute, Int8, Int4 };

std::string_view weightFormatName(WeightFormat f); ///< "as compute", "int8", "int4"
/// "int8", "int4"; "fp16", "bf16", "fp32", "none" and "" are AsCompute.
std::optional<WeightFormat> parseWeightFormat(std::string_view text);

/// Weight-only quantisation, as onnxruntime's MatMulNBits quantizer writes it: `bits`-bit symmetric integers in
/// blocks of `groupSize` weights along K, one scale (at the execution precision) per block, no zero points.
struct WeightQuantization
{
    WeightFormat format = WeightFormat::AsCompute;
    int64_t groupSize = 128;

    int bits() const { return format == WeightFormat::Int4 ? 4 : format == WeightFormat::Int8 ? 8 : 0; }
    /// Bytes one weight occupies with its share of the block scale: bits/8 + scale bytes / group size
    /// (int4 with fp16 scales in groups of 128: 0.5 + 2/128 = 0.515625). 0 when not quantised.
    double bytesPerWeight(double scaleBytes) const;
};

struct QuantizedGraph
{
    std::shared_ptr<ComputeGraph> graph;
    int64_t matMuls = 0;         ///< MatMul nodes rewritten
    int64_t weightElements = 0;  ///< weights they quantised
};

/// Rewrites every MatMul whose B operand is a 2-D floating-point initializer read by it alone into
/// com.microsoft MatMulNBits (attributes K, N, bits, block_size): B becomes a uint8 initializer
/// N × ⌈K/group⌉ × group·bits/8 and a scales initializer N × ⌈K/group⌉ of B's type joins as the third input. Other
/// nodes (embedding Gathers, a weight shared by two nodes) keep their weights. With AsCompute, a copy of the graph.
///
///     auto q = quantizeWeights(*imported->graph, {WeightFormat::Int4, 128});
///     auto analysis = analyzeGraph(q->graph);
Result<QuantizedGraph> quantizeWeights(const ComputeGraph& graph, const WeightQuantization& quantization);

} // namespace graphs
