// Pooling, reductions, data movement, views and metadata operators.

#include "estimation/catalog_context.h"

#include <cmath>

namespace graphs::catalog {

namespace {

NodeCost withDefaultBytes(const CostContext& ctx, NodeCost cost)
{
    ctx.readAllInputs(cost);
    ctx.writeAllOutputs(cost);
    return cost;
}

int64_t kernelSize(const CostContext& ctx)
{
    int64_t k = 1;
    for (int64_t d : ctx.node().intsAttribute("kernel_shape"))
        k = ctx.mul(k, d);
    return k;
}

NodeCost maxPool(const CostContext& ctx)
{
    checkWindowAttributes(ctx, 0, nullptr, 0, true);
    NodeCost cost;
    cost.opClass = OpClass::Pooling;
    cost.flops.vector = ctx.mul(ctx.outputElements(), kernelSize(ctx)); // one comparison per window element
    return withDefaultBytes(ctx, cost);
}

NodeCost averagePool(const CostContext& ctx)
{
    checkWindowAttributes(ctx, 0, nullptr, 0, true);
    NodeCost cost;
    cost.opClass = OpClass::Pooling;
    const int64_t n = ctx.outputElements();
    cost.flops.vector = ctx.add(ctx.mul(n, kernelSize(ctx)), n); // sum the window, divide once
    return withDefaultBytes(ctx, cost);
}

NodeCost lpPool(const CostContext& ctx)
{
    checkWindowAttributes(ctx, 0, nullptr, 0, true);
    NodeCost cost;
    cost.opClass = OpClass::Pooling;
    const int64_t n = ctx.outputElements();
    cost.flops.vector = ctx.mul(ctx.mul(n, kernelSize(ctx)), 2);
    cost.flops.transcendental = n;
    return withDefaultBytes(ctx, cost);
}

NodeCost globalPool(const CostContext& ctx)
{
    NodeCost cost;
    cost.opClass = OpClass::Pooling;
    cost.flops.vector = ctx.inputElements(0);
    if (ctx.node().opType == "GlobalAveragePool")
        cost.flops.vector = ctx.add(cost.flops.vector, ctx.outputElements());
    if (ctx.node().opType == "GlobalLpPool") {
        cost.flops.vector = ctx.mul(ctx.inputElements(0), 2);
        cost.flops.transcendental = ctx.outputElements();
    }
    return withDefaultBytes(ctx, cost);
}

/// Reductions read every input element once; Mean divides each result, L2/LogSum take one root/log each.
NodeCost reduce(const CostContext& ctx)
{
    NodeCost cost;
    cost.opClass = OpClass::Reduction;
    const std::string& op = ctx.node().opType;
    const int64_t in = ctx.inputElements(0);
    const int64_t out = ctx.outputElements();
    cost.flops.vector = in;
    if (op == "ReduceMean")
        cost.flops.vector = ctx.add(in, out);
    else if (op == "ReduceSumSquare" || op == "ReduceL2")
        cost.flops.vector = ctx.mul(in, 2);
    if (op == "ReduceL2" || op == "ReduceLogSum")
        cost.flops.transcendental = out;
    if (op == "ReduceLogSumExp")
        cost.flops.transcendental = ctx.add(in, out);
    return withDefaultBytes(ctx, cost);
}

NodeCost topK(const CostContext& ctx)
{
    NodeCost cost;
    cost.opClass = OpClass::Reduction;
    const auto outDims = ctx.outputDims(0);
    int64_t axis = ctx.node().intAttribute("axis", -1);
    if (axis < 0)
        axis += static_cast<int64_t>(outDims.size());
    const int64_t k = axis >= 0 && axis < static_cast<int64_t>(outDims.size()) ? std::max<int64_t>(1, outDims[axis]) : 1;
    const auto logK = static_cast<int64_t>(std::ceil(std::log2(static_cast<double>(k) + 1.0)));
    cost.flops.vector = ctx.mul(ctx.inputElements(0), std::max<int64_t>(1, logK)); // heap insertion per element
    return withDefaultBytes(ctx, cost);
}

NodeCost dataMovement(const CostContext& ctx)
{
    NodeCost cost;
    cost.opClass = OpClass::DataMovement;
    return withDefaultBytes(ctx, cost);
}

/// Operators that read only the part of their data input that ends up in the output (Slice, Gather, …).
NodeCost selectiveRead(const CostContext& ctx)
{
    NodeCost cost;
    cost.opClass = OpClass::DataMovement;
    const TensorDescriptor& out = ctx.output(0);
    ctx.readPartOfInput(0, ctx.mul(ctx.outputElements(), bytesPerElement(ctx.input(0).dtype)), cost);
    for (size_t i = 1; i < ctx.inputCount(); ++i)
        ctx.readInput(i, cost);
    cost.bytesWritten = ctx.bytes(out);
    return cost;
}

NodeCost resize(const CostContext& ctx)
{
    NodeCost cost;
    cost.opClass = OpClass::DataMovement;
    const auto in = ctx.inputDims(0);
    const auto out = ctx.outputDims(0);
    int resized = 0;
    for (size_t d = 0; d < in.size() && d < out.size(); ++d)
        resized += in[d] != out[d] ? 1 : 0;
    const std::string mode = ctx.node().stringAttribute("mode", "nearest");
    const int64_t n = ctx.outputElements();
    if (mode == "linear" || mode == "bilinear") // a lerp is 3 operations; 2^d − 1 lerps per output
        cost.flops.vector = ctx.mul(n, 3 * ((int64_t { 1 } << resized) - 1));
    else if (mode == "cubic" || mode == "bicubic")
        cost.flops.vector = ctx.mul(n, 2 * static_cast<int64_t>(std::pow(4, resized)));
    ctx.readInput(0, cost);
    for (size_t i = 1; i < ctx.inputCount(); ++i)
        ctx.readInput(i, cost);
    ctx.writeAllOutputs(cost);
    return cost;
}

NodeCost range(const CostContext& ctx)
{
    NodeCost cost;
    cost.opClass = OpClass::DataMovement;
    cost.flops.vector = ctx.outputElements();
    return withDefaultBytes(ctx, cost);
}

/// Writes its output without reading a data input (ConstantOfShape, RandomNormal, EyeLike, …).
NodeCost generator(const CostContext& ctx)
{
    NodeCost cost;
    cost.opClass = OpClass::DataMovement;
    ctx.writeAllOutputs(cost);
    return cost;
}

/// Reinterprets metadata only; runtimes alias the buffer, so nothing moves.
NodeCost view(const CostContext&)
{
    NodeCost cost;
    cost.opClass = OpClass::View;
    return cost;
}

NodeCost metadata(const CostContext&)
{
    NodeCost cost;
    cost.opClass = OpClass::Metadata;
    return cost;
}

} // namespace

void registerStructureOps(CostTable& table)
{
    table["MaxPool"] = maxPool;
    table["AveragePool"] = averagePool;
    table["LpPool"] = lpPool;
    table["GlobalAveragePool"] = globalPool;
    table["GlobalMaxPool"] = globalPool;
    table["GlobalLpPool"] = globalPool;
    for (const char* op : { "ReduceMean", "ReduceSum", "ReduceMax", "ReduceMin", "ReduceProd", "ReduceL1", "ReduceL2",
             "ReduceLogSum", "ReduceLogSumExp", "ReduceSumSquare", "ArgMax", "ArgMin", "CumSum" })
        table[op] = reduce;
    table["TopK"] = topK;
    for (const char* op : { "Concat", "Split", "Transpose", "Pad", "Expand", "Tile", "SpaceToDepth", "DepthToSpace",
             "ScatterND", "ScatterElements", "Scatter", "OneHot", "Trilu", "ReverseSequence", "Compress", "NonZero",
             "Unique" })
        table[op] = dataMovement;
    for (const char* op : { "Slice", "Gather", "GatherElements", "GatherND" })
        table[op] = selectiveRead;
    table["Resize"] = resize;
    table["Upsample"] = resize;
    table["Range"] = range;
    for (const char* op : { "ConstantOfShape", "EyeLike", "RandomNormal", "RandomUniform", "RandomNormalLike",
             "RandomUniformLike" })
        table[op] = generator;
    for (const char* op : { "Reshape", "Flatten", "Squeeze", "Unsqueeze", "Identity", "Dropout" })
        table[op] = view;
    for (const char* op : { "Shape", "Size", "Constant" })
        table[op] = metadata;
}

} // namespace graphs::catalog
