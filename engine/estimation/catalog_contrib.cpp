// Operators of onnxruntime's contrib domain (com.microsoft) that this program writes into graphs itself: MatMulNBits,
// the weight-only quantised MatMul of `graphs generate --weights` (transform/weight_quantization.h).

#include "estimation/catalog_context.h"

namespace graphs::catalog {

namespace {

/// MatMulNBits(A, B, scales): A [..., M, K] times a K×N weight stored as `bits`-bit integers in blocks of
/// `block_size` along K (B: N × ⌈K/block⌉ × block·bits/8 bytes) with one scale per block. MACs: M·K·N, as MatMul.
/// Dequantisation: each weight element is unpacked and converted (1 operation) and multiplied by its block's scale
/// (1): 2·K·N vector operations per call, once per element (the kernel keeps a dequantised tile for all the rows it
/// multiplies). Reads A, the packed weights and the scales; writes the output.
NodeCost matMulNBits(const CostContext& ctx)
{
    NodeCost cost;
    cost.opClass = OpClass::Matrix;
    const int64_t k = ctx.node().intAttribute("K", 0);
    const int64_t n = ctx.node().intAttribute("N", 0);
    const auto a = ctx.inputDims(0);
    if (k <= 0 || n <= 0 || a.empty() || a.back() != k)
        ctx.fail(ErrorCode::InvalidModel, "attributes K and N must be positive, and K the last dimension of A");
    setMacs(ctx, cost, ctx.mul(ctx.outputElements(), k));
    cost.flops.vector = ctx.mul(ctx.mul(k, n), 2);
    ctx.readAllInputs(cost);
    ctx.writeAllOutputs(cost);
    return cost;
}

} // namespace

void registerContribOps(CostTable& table)
{
    table["MatMulNBits"] = matMulNBits;
}

} // namespace graphs::catalog
