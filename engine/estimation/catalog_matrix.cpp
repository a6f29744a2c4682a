// Matrix and convolution operators: MACs from shapes. FLOPs of the matrix unit = 2 × MACs; bias additions
// and gate arithmetic are vector work.

#include "estimation/catalog_context.h"
#include "ir/einsum_equation.h"

#include <algorithm>

namespace graphs::catalog {

namespace {

int64_t product(const CostContext& ctx, const std::vector<int64_t>& dims, size_t from = 0)
{
    int64_t n = 1;
    for (size_t i = from; i < dims.size(); ++i)
        n = ctx.mul(n, dims[i]);
    return n;
}

std::string dimsText(const std::vector<int64_t>& dims)
{
    std::string out;
    for (int64_t d : dims)
        out += (out.empty() ? "" : "x") + std::to_string(d);
    return out.empty() ? "scalar" : out;
}

/// The group and channel attributes of a convolution against its data input and weight: group ≥ 1; Conv: the
/// input's channels = W.shape[1] × group and W.shape[0] divisible by group; ConvTranspose: W.shape[0] = the input's
/// channels, divisible by group. Then the window attributes.
void checkConvAttributes(const CostContext& ctx, size_t dataInput, size_t weightInput, bool transposed)
{
    const auto x = ctx.inputDims(dataInput);
    const auto w = ctx.inputDims(weightInput);
    const int64_t group = ctx.node().intAttribute("group", 1);
    if (group < 1)
        ctx.fail(ErrorCode::InvalidModel, "attribute 'group' is " + std::to_string(group) + "; it must be at least 1");
    if (x.size() < 3 || w.size() != x.size())
        ctx.fail(ErrorCode::InvalidModel, "input '" + ctx.input(dataInput).name + "' (" + dimsText(x)
                + ") and weight '" + ctx.input(weightInput).name + "' (" + dimsText(w)
                + ") must have the same rank, at least 3 (batch, channels, spatial)");
    const int64_t channels = x[1];
    if (!transposed) {
        if (w[1] * group != channels)
            ctx.fail(ErrorCode::InvalidModel, "attribute 'group' is " + std::to_string(group) + ": input '"
                    + ctx.input(dataInput).name + "' has " + std::to_string(channels) + " channels, but weight '"
                    + ctx.input(weightInput).name + "' (" + dimsText(w) + ") expects " + std::to_string(w[1])
                    + " per group × " + std::to_string(group) + " groups = " + std::to_string(w[1] * group));
        if (w[0] % group != 0)
            ctx.fail(ErrorCode::InvalidModel, "attribute 'group' is " + std::to_string(group) + ": weight '"
                    + ctx.input(weightInput).name + "' has " + std::to_string(w[0])
                    + " output channels, not divisible into that many groups");
    } else {
        if (w[0] != channels)
            ctx.fail(ErrorCode::InvalidModel, "weight '" + ctx.input(weightInput).name + "' (" + dimsText(w)
                    + ") has " + std::to_string(w[0]) + " input channels, input '" + ctx.input(dataInput).name + "' has "
                    + std::to_string(channels));
        if (channels % group != 0)
            ctx.fail(ErrorCode::InvalidModel, "attribute 'group' is " + std::to_string(group) + ": input '"
                    + ctx.input(dataInput).name + "' has " + std::to_string(channels)
                    + " channels, not divisible into that many groups");
    }
    const std::vector<int64_t> spatial(w.begin() + 2, w.end());
    checkWindowAttributes(ctx, dataInput, &spatial, weightInput, false);
}

/// Conv-like: every output element accumulates over (input channels / group) × kernel = W.shape[1:].
NodeCost convolution(const CostContext& ctx, size_t weightInput, size_t biasInput, size_t dataInput = 0)
{
    NodeCost cost;
    cost.opClass = OpClass::Convolution;
    const auto w = ctx.inputDims(weightInput);
    if (w.size() < 2)
        ctx.fail(ErrorCode::InvalidModel, "weight '" + ctx.input(weightInput).name + "' has rank < 2");
    checkConvAttributes(ctx, dataInput, weightInput, false);
    setMacs(ctx, cost, ctx.mul(ctx.outputElements(), product(ctx, w, 1)));
    if (ctx.hasInput(biasInput))
        cost.flops.vector = ctx.outputElements();
    ctx.readAllInputs(cost);
    ctx.writeAllOutputs(cost);
    return cost;
}

NodeCost conv(const CostContext& ctx)
{
    return convolution(ctx, 1, 2);
}

NodeCost convInteger(const CostContext& ctx)
{
    return convolution(ctx, 1, 99);
}

NodeCost qlinearConv(const CostContext& ctx)
{
    NodeCost cost = convolution(ctx, 3, 8, 0);
    cost.flops.vector = ctx.add(cost.flops.vector, ctx.mul(ctx.outputElements(), 3)); // requantise
    return cost;
}

/// ConvTranspose scatters every input element over (output channels / group) × kernel = W.shape[1:].
NodeCost convTranspose(const CostContext& ctx)
{
    NodeCost cost;
    cost.opClass = OpClass::Convolution;
    const auto w = ctx.inputDims(1);
    if (w.size() < 2)
        ctx.fail(ErrorCode::InvalidModel, "weight '" + ctx.input(1).name + "' has rank < 2");
    checkConvAttributes(ctx, 0, 1, true);
    setMacs(ctx, cost, ctx.mul(ctx.inputElements(0), product(ctx, w, 1)));
    if (ctx.hasInput(2))
        cost.flops.vector = ctx.outputElements();
    ctx.readAllInputs(cost);
    ctx.writeAllOutputs(cost);
    return cost;
}

NodeCost gemm(const CostContext& ctx)
{
    NodeCost cost;
    cost.opClass = OpClass::Matrix;
    const auto a = ctx.inputDims(0);
    if (a.size() != 2)
        ctx.fail(ErrorCode::InvalidModel, "Gemm input A must be 2-D, has shape " + ctx.input(0).shape.toString());
    const auto b = ctx.inputDims(1);
    if (b.size() != 2)
        ctx.fail(ErrorCode::InvalidModel, "Gemm input B must be 2-D, has shape " + ctx.input(1).shape.toString());
    const int64_t transA = ctx.node().intAttribute("transA", 0);
    const int64_t transB = ctx.node().intAttribute("transB", 0);
    const int64_t k = transA ? a[0] : a[1];
    const int64_t kB = transB ? b[1] : b[0];
    if (k != kB)
        ctx.fail(ErrorCode::InvalidModel, "attributes 'transA' = " + std::to_string(transA) + ", 'transB' = "
                + std::to_string(transB) + ": A (" + dimsText(a) + ") contributes K = " + std::to_string(k)
                + ", B (" + dimsText(b) + ") K = " + std::to_string(kB));
    setMacs(ctx, cost, ctx.mul(ctx.outputElements(), k));
    if (ctx.hasInput(2) && ctx.node().floatAttribute("beta", 1.0) != 0.0)
        cost.flops.vector = ctx.outputElements();
    ctx.readAllInputs(cost);
    ctx.writeAllOutputs(cost);
    return cost;
}

/// MatMul with numpy broadcasting: each output element is a dot product over A's last dimension.
NodeCost matMul(const CostContext& ctx)
{
    NodeCost cost;
    cost.opClass = OpClass::Matrix;
    const auto a = ctx.inputDims(0);
    if (a.empty())
        ctx.fail(ErrorCode::InvalidModel, "MatMul input A is a scalar");
    const auto b = ctx.inputDims(1);
    if (b.empty())
        ctx.fail(ErrorCode::InvalidModel, "MatMul input B is a scalar");
    const int64_t kB = b.size() == 1 ? b[0] : b[b.size() - 2];
    if (a.back() != kB)
        ctx.fail(ErrorCode::InvalidModel, "A (" + dimsText(a) + ") and B (" + dimsText(b)
                + ") do not share the inner dimension: " + std::to_string(a.back()) + " vs " + std::to_string(kB));
    setMacs(ctx, cost, ctx.mul(ctx.outputElements(), a.back()));
    ctx.readAllInputs(cost);
    ctx.writeAllOutputs(cost);
    return cost;
}

NodeCost qlinearMatMul(const CostContext& ctx)
{
    NodeCost cost = matMul(ctx);
    cost.flops.vector = ctx.mul(ctx.outputElements(), 3);
    return cost;
}

/// Einsum: with two or more operands, one multiply-accumulate per point of the joint index space (per extra
/// operand); with one operand, a sum over the dropped labels.
NodeCost einsum(const CostContext& ctx)
{
    NodeCost cost;
    const std::string eq = ctx.node().stringAttribute("equation");
    std::vector<std::vector<int64_t>> operands;
    for (size_t i = 0; i < ctx.inputCount(); ++i)
        operands.push_back(ctx.inputDims(i));
    const auto shapes = resolveEinsum(eq, operands);
    if (!shapes)
        ctx.fail(ErrorCode::InvalidModel, "equation '" + eq + "' does not fit the operand shapes");
    const int64_t space = shapes->jointSpace();
    if (space == INT64_MAX)
        ctx.fail(ErrorCode::Overflow, "a count overflows 64 bits");
    if (operands.size() >= 2) {
        cost.opClass = OpClass::Matrix;
        setMacs(ctx, cost, ctx.mul(space, static_cast<int64_t>(operands.size() - 1)));
    } else {
        cost.opClass = space == ctx.outputElements() ? OpClass::DataMovement : OpClass::Reduction;
        if (cost.opClass == OpClass::Reduction)
            cost.flops.vector = space;
    }
    ctx.readAllInputs(cost);
    ctx.writeAllOutputs(cost);
    return cost;
}

/// RNN family: per time step, gates × hidden × (input + hidden) MACs per batch row and direction.
NodeCost recurrent(const CostContext& ctx, int64_t gates, int64_t transcendentalPerHidden, int64_t vectorPerHidden)
{
    NodeCost cost;
    cost.opClass = OpClass::Matrix;
    const auto x = ctx.inputDims(0); // [seq, batch, input] (layout 0)
    const auto w = ctx.inputDims(1); // [directions, gates × hidden, input]
    if (x.size() != 3 || w.size() != 3)
        ctx.fail(ErrorCode::InvalidModel, "expects 3-D X and W");
    const bool batchFirst = ctx.node().intAttribute("layout", 0) != 0;
    const int64_t seq = batchFirst ? x[1] : x[0];
    const int64_t batch = batchFirst ? x[0] : x[1];
    const int64_t hidden = w[1] / gates;
    const int64_t steps = ctx.mul(ctx.mul(seq, batch), w[0]);
    setMacs(ctx, cost, ctx.mul(steps, ctx.mul(w[1], ctx.add(x[2], hidden))));
    cost.flops.transcendental = ctx.mul(steps, ctx.mul(hidden, transcendentalPerHidden));
    cost.flops.vector = ctx.mul(steps, ctx.mul(hidden, vectorPerHidden));
    ctx.readAllInputs(cost);
    ctx.writeAllOutputs(cost);
    return cost;
}

NodeCost lstm(const CostContext& ctx)
{
    return recurrent(ctx, 4, 5, 8); // 3 sigmoids + 2 tanh; bias adds, cell update
}

NodeCost gru(const CostContext& ctx)
{
    return recurrent(ctx, 3, 3, 8);
}

NodeCost rnn(const CostContext& ctx)
{
    return recurrent(ctx, 1, 1, 2);
}

} // namespace

void registerMatrixOps(CostTable& table)
{
    table["Conv"] = conv;
    table["ConvInteger"] = convInteger;
    table["QLinearConv"] = qlinearConv;
    table["ConvTranspose"] = convTranspose;
    table["Gemm"] = gemm;
    table["MatMul"] = matMul;
    table["MatMulInteger"] = matMul;
    table["QLinearMatMul"] = qlinearMatMul;
    table["Einsum"] = einsum;
    table["LSTM"] = lstm;
    table["GRU"] = gru;
    table["RNN"] = rnn;
}

} // namespace graphs::catalog
