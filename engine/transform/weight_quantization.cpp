#include "transform/weight_quantization.h"

namespace graphs {

std::string_view weightFormatName(WeightFormat f)
{
    switch (f) {
    case WeightFormat::Int8: return "int8";
    case WeightFormat::Int4: return "int4";
    case WeightFormat::AsCompute: break;
    }
    return "as compute";
}

std::optional<WeightFormat> parseWeightFormat(std::string_view text)
{
    if (text == "int8")
        return WeightFormat::Int8;
    if (text == "int4")
        return WeightFormat::Int4;
    if (text.empty() || text == "none" || text == "fp32" || text == "fp16" || text == "bf16")
        return WeightFormat::AsCompute;
    return std::nullopt;
}

double WeightQuantization::bytesPerWeight(double scaleBytes) const
{
    if (format == WeightFormat::AsCompute || groupSize <= 0)
        return 0;
    return bits() / 8.0 + scaleBytes / static_cast<double>(groupSize);
}

Result<QuantizedGraph> quantizeWeights(const ComputeGraph& graph, const WeightQuantization& q)
{
    QuantizedGraph out;
    out.graph = std::make_shared<ComputeGraph>(graph);
    if (q.format == WeightFormat::AsCompute)
        return out;
    if (q.groupSize <= 0 || (q.groupSize * q.bits()) % 8 != 0)
        return Error { ErrorCode::InvalidArgument,
            "the quantisation group size must be positive and fill whole bytes, got " + std::to_string(q.groupSize),
            {} };
    ComputeGraph& g = *out.graph;
    for (size_t n = 0; n < g.nodeCount(); ++n) {
        Node& node = g.node(static_cast<int>(n));
        if (node.opType != "MatMul" || !node.isDefaultDomain() || node.inputs.size() != 2 || node.inputs[1] < 0)
            continue;
        const int w = node.inputs[1];
        const TensorDescriptor& weight = g.tensor(w);
        if (!weight.isInitializer || !isFloatingPoint(weight.dtype) || weight.shape.rank() != 2
            || !weight.shape.isFullyKnown() || weight.consumers.size() != 1)
            continue;
        const int64_t k = weight.shape.dims[0].value;
        const int64_t columns = weight.shape.dims[1].value;
        const int64_t blocks = (k + q.groupSize - 1) / q.groupSize;
        TensorDescriptor scales;
        scales.name = weight.name + "_scales";
        while (g.findTensor(scales.name) >= 0)
            scales.name += "_";
        scales.dtype = weight.dtype;
        scales.shape = Shape::of({ columns, blocks });
        scales.isInitializer = true;
        scales.isExternalData = weight.isExternalData;
        scales.consumers = { static_cast<int>(n) };
        const int s = g.addTensor(std::move(scales)); // may move the tensors: look them up again below

        TensorDescriptor& packed = g.tensor(w);
        packed.dtype = DataType::UInt8;
        packed.shape = Shape::of({ columns, blocks, q.groupSize * q.bits() / 8 });
        Node& rewritten = g.node(static_cast<int>(n));
        rewritten.opType = "MatMulNBits";
        rewritten.domain = "com.microsoft";
        rewritten.attributes = { { "K", k }, { "N", columns }, { "bits", int64_t { q.bits() } },
            { "block_size", q.groupSize } };
        rewritten.inputs.push_back(s);
        ++out.matMuls;
        out.weightElements += k * columns;
    }
    return out;
}

} // namespace graphs
