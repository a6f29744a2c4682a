// Elementwise operators, normalisations and softmax: operations per output element, by unit.
// The per-element figures count the arithmetic of a straightforward kernel (a fused multiply-add is 2).

#include "estimation/catalog_context.h"

#include <unordered_map>

namespace graphs::catalog {

namespace {

struct PerElement
{
    int64_t vector;
    int64_t transcendental;
};

const std::unordered_map<std::string, PerElement>& perElementTable()
{
    static const std::unordered_map<std::string, PerElement> table = {
        // activations
        { "Relu", { 1, 0 } },
        { "LeakyRelu", { 2, 0 } },
        { "PRelu", { 2, 0 } },
        { "ThresholdedRelu", { 1, 0 } },
        { "Clip", { 2, 0 } },
        { "Elu", { 3, 1 } },
        { "Selu", { 4, 1 } },
        { "Celu", { 4, 1 } },
        { "Sigmoid", { 2, 1 } },      // 1 / (1 + exp(-x))
        { "HardSigmoid", { 3, 0 } },  // clamp(a·x + b)
        { "HardSwish", { 4, 0 } },    // x · hardsigmoid(x)
        { "Softplus", { 1, 2 } },     // log(1 + exp(x))
        { "Softsign", { 3, 0 } },
        { "Mish", { 2, 3 } },         // x · tanh(softplus(x))
        { "Gelu", { 4, 1 } },         // 0.5 · x · (1 + erf(x / √2))
        { "Erf", { 0, 1 } },
        { "Tanh", { 0, 1 } },
        { "Exp", { 0, 1 } },
        { "Log", { 0, 1 } },
        { "Sin", { 0, 1 } },
        { "Cos", { 0, 1 } },
        { "Tan", { 0, 1 } },
        { "Atan", { 0, 1 } },
        { "Sqrt", { 0, 1 } },
        { "Pow", { 0, 1 } },
        // arithmetic and logic
        { "Add", { 1, 0 } },
        { "Sub", { 1, 0 } },
        { "Mul", { 1, 0 } },
        { "Div", { 1, 0 } },
        { "Mod", { 1, 0 } },
        { "Neg", { 1, 0 } },
        { "Abs", { 1, 0 } },
        { "Reciprocal", { 1, 0 } },
        { "Floor", { 1, 0 } },
        { "Ceil", { 1, 0 } },
        { "Round", { 1, 0 } },
        { "Sign", { 1, 0 } },
        { "Equal", { 1, 0 } },
        { "Less", { 1, 0 } },
        { "LessOrEqual", { 1, 0 } },
        { "Greater", { 1, 0 } },
        { "GreaterOrEqual", { 1, 0 } },
        { "And", { 1, 0 } },
        { "Or", { 1, 0 } },
        { "Xor", { 1, 0 } },
        { "Not", { 1, 0 } },
        { "Where", { 1, 0 } },
        { "IsNaN", { 1, 0 } },
        { "IsInf", { 1, 0 } },
        { "BitShift", { 1, 0 } },
        { "Cast", { 1, 0 } },
        { "CastLike", { 1, 0 } },
        { "QuantizeLinear", { 3, 0 } },   // divide, round, add zero point (and saturate)
        { "DequantizeLinear", { 2, 0 } }, // subtract zero point, multiply
    };
    return table;
}

NodeCost perElement(const CostContext& ctx)
{
    NodeCost cost;
    cost.opClass = OpClass::Elementwise;
    const PerElement& k = perElementTable().at(ctx.node().opType);
    const int64_t n = ctx.outputElements();
    // x², x³ with a constant exponent are multiplications, not pow() calls.
    if (ctx.node().opType == "Pow" && ctx.hasInput(1) && ctx.input(1).value && ctx.input(1).value->size() == 1) {
        const double e = ctx.input(1).value->at(0);
        if (e == 1.0 || e == 2.0 || e == 3.0) {
            cost.flops.vector = ctx.mul(n, static_cast<int64_t>(e) - 1);
            ctx.readAllInputs(cost);
            ctx.writeAllOutputs(cost);
            return cost;
        }
    }
    cost.flops.vector = ctx.mul(n, k.vector);
    cost.flops.transcendental = ctx.mul(n, k.transcendental);
    ctx.readAllInputs(cost);
    ctx.writeAllOutputs(cost);
    return cost;
}

/// Variadic Sum/Mean/Max/Min: one operation per extra operand per element (Mean divides once more).
NodeCost variadic(const CostContext& ctx)
{
    NodeCost cost;
    cost.opClass = OpClass::Elementwise;
    int64_t operands = 0;
    for (size_t i = 0; i < ctx.inputCount(); ++i)
        operands += ctx.hasInput(i) ? 1 : 0;
    int64_t perElem = operands > 1 ? operands - 1 : 0;
    if (ctx.node().opType == "Mean")
        perElem += 1;
    cost.flops.vector = ctx.mul(ctx.outputElements(), perElem);
    ctx.readAllInputs(cost);
    ctx.writeAllOutputs(cost);
    return cost;
}

NodeCost batchNormalization(const CostContext& ctx)
{
    NodeCost cost;
    cost.opClass = OpClass::Normalization;
    // Inference form: scale and shift folded per channel, one multiply-add per element.
    cost.flops.vector = ctx.mul(ctx.outputElements(), 2);
    ctx.readAllInputs(cost);
    ctx.writeAllOutputs(cost);
    return cost;
}

/// Normalisation over groups of `groupSize` elements: mean, centre, square, variance, scale by 1/σ, affine
/// (7 per element) and one reciprocal square root per group.
NodeCost normalizeGroups(const CostContext& ctx, int64_t groupSize)
{
    NodeCost cost;
    cost.opClass = OpClass::Normalization;
    const int64_t n = ctx.inputElements(0);
    cost.flops.vector = ctx.mul(n, 7);
    cost.flops.transcendental = groupSize > 0 ? n / groupSize : 0;
    ctx.readAllInputs(cost);
    ctx.writeAllOutputs(cost);
    return cost;
}

NodeCost layerNormalization(const CostContext& ctx)
{
    const auto x = ctx.inputDims(0);
    int64_t axis = ctx.node().intAttribute("axis", -1);
    if (axis < 0)
        axis += static_cast<int64_t>(x.size());
    int64_t group = 1;
    for (size_t d = static_cast<size_t>(std::max<int64_t>(axis, 0)); d < x.size(); ++d)
        group = ctx.mul(group, x[d]);
    return normalizeGroups(ctx, group);
}

NodeCost instanceNormalization(const CostContext& ctx)
{
    const auto x = ctx.inputDims(0);
    int64_t group = 1;
    for (size_t d = 2; d < x.size(); ++d)
        group = ctx.mul(group, x[d]);
    return normalizeGroups(ctx, group);
}

NodeCost groupNormalization(const CostContext& ctx)
{
    const auto x = ctx.inputDims(0);
    const int64_t groups = std::max<int64_t>(1, ctx.node().intAttribute("num_groups", 1));
    const int64_t batch = x.empty() ? 1 : x[0];
    const int64_t n = ctx.inputElements(0);
    return normalizeGroups(ctx, n / std::max<int64_t>(1, ctx.mul(batch, groups)));
}

NodeCost lpNormalization(const CostContext& ctx)
{
    NodeCost cost;
    cost.opClass = OpClass::Normalization;
    cost.flops.vector = ctx.mul(ctx.inputElements(0), 3);
    ctx.readAllInputs(cost);
    ctx.writeAllOutputs(cost);
    return cost;
}

/// Softmax: max, subtract, exp, sum, divide per element.
NodeCost softmax(const CostContext& ctx)
{
    NodeCost cost;
    cost.opClass = OpClass::Softmax;
    const int64_t n = ctx.outputElements();
    cost.flops.vector = ctx.mul(n, 4);
    cost.flops.transcendental = n;
    if (ctx.node().opType == "LogSoftmax")
        cost.flops.transcendental = ctx.mul(n, 2);
    if (ctx.node().opType == "Hardmax") {
        cost.flops.vector = ctx.mul(n, 2);
        cost.flops.transcendental = 0;
    }
    ctx.readAllInputs(cost);
    ctx.writeAllOutputs(cost);
    return cost;
}

} // namespace

void registerElementwiseOps(CostTable& table)
{
    for (const auto& [op, k] : perElementTable())
        table[op] = perElement;
    for (const char* op : { "Sum", "Mean", "Max", "Min" })
        table[op] = variadic;
    table["BatchNormalization"] = batchNormalization;
    table["LayerNormalization"] = layerNormalization;
    table["InstanceNormalization"] = instanceNormalization;
    table["GroupNormalization"] = groupNormalization;
    table["MeanVarianceNormalization"] = instanceNormalization;
    table["LpNormalization"] = lpNormalization;
    table["Softmax"] = softmax;
    table["LogSoftmax"] = softmax;
    table["Hardmax"] = softmax;
}

} // namespace graphs::catalog
