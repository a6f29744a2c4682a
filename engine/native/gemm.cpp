#include "native/gemm.h"

#include "native/parallel.h"

#include <Eigen/Core>
#include <algorithm>

namespace graphs::native {

namespace {

using RowMatrix = Eigen::Matrix<float, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;
using ConstView = Eigen::Map<const RowMatrix, 0, Eigen::OuterStride<>>;
using View = Eigen::Map<RowMatrix, 0, Eigen::OuterStride<>>;

template <typename A, typename B> void product(const A& a, const B& b, View& c, bool accumulate, float alpha)
{
    if (accumulate)
        c.noalias() += alpha * (a * b);
    else if (alpha == 1.0f)
        c.noalias() = a * b;
    else
        c.noalias() = alpha * (a * b);
}

} // namespace

void gemm(const float* a, int64_t lda, bool transA, const float* b, int64_t ldb, bool transB, float* c, int64_t ldc,
    int64_t m, int64_t n, int64_t k, bool accumulate, float alpha)
{
    View cv(c, m, n, Eigen::OuterStride<>(ldc));
    // Transposed operands stay maps of the stored layout; Eigen's kernels read them transposed without a copy.
    ConstView av(a, transA ? k : m, transA ? m : k, Eigen::OuterStride<>(lda));
    ConstView bv(b, transB ? n : k, transB ? k : n, Eigen::OuterStride<>(ldb));
    if (!transA && !transB)
        product(av, bv, cv, accumulate, alpha);
    else if (transA && !transB)
        product(av.transpose(), bv, cv, accumulate, alpha);
    else if (!transA && transB)
        product(av, bv.transpose(), cv, accumulate, alpha);
    else
        product(av.transpose(), bv.transpose(), cv, accumulate, alpha);
}

void parallelGemm(const float* a, int64_t lda, bool transA, const float* b, int64_t ldb, bool transB, float* c,
    int64_t ldc, int64_t m, int64_t n, int64_t k, bool accumulate, float alpha, const float* columnBias,
    const Activation& act, int threads)
{
    const bool needEpilogue = columnBias || act.kind != Activation::Kind::None;
    if (threads > 1 && n >= 32 * threads) {
        const int64_t blocks = (n + 15) / 16;
        parallelFor(blocks, 1, threads, [&](int64_t first, int64_t last) {
            const int64_t n0 = first * 16, n1 = std::min(n, last * 16);
            gemm(a, lda, transA, transB ? b + n0 * ldb : b + n0, ldb, transB, c + n0, ldc, m, n1 - n0, k, accumulate,
                alpha);
            if (needEpilogue)
                epilogue(c + n0, ldc, m, n1 - n0, columnBias ? columnBias + n0 : nullptr, nullptr, 0, act, true);
        });
        return;
    }
    if (threads > 1 && m >= 16 * threads) {
        const int64_t blocks = (m + 7) / 8;
        parallelFor(blocks, 1, threads, [&](int64_t first, int64_t last) {
            const int64_t m0 = first * 8, m1 = std::min(m, last * 8);
            gemm(transA ? a + m0 : a + m0 * lda, lda, transA, b, ldb, transB, c + m0 * ldc, ldc, m1 - m0, n, k,
                accumulate, alpha);
            if (needEpilogue)
                epilogue(c + m0 * ldc, ldc, m1 - m0, n, columnBias, nullptr, 0, act, true);
        });
        return;
    }
    gemm(a, lda, transA, b, ldb, transB, c, ldc, m, n, k, accumulate, alpha);
    if (needEpilogue)
        epilogue(c, ldc, m, n, columnBias, nullptr, 0, act, true);
}

namespace {

/// One instantiation per combination, so the row loop has no branches and vectorises.
template <bool RowBias, bool ColumnBias, bool Residual, Activation::Kind Act>
void epilogueRows(float* y, int64_t ldy, int64_t rows, int64_t cols, const float* bias, const float* residual,
    int64_t ldr, float low, float high)
{
    for (int64_t r = 0; r < rows; ++r) {
        float* row = y + r * ldy;
        const float* res = Residual ? residual + r * ldr : nullptr;
        const float b = RowBias ? bias[r] : 0.0f;
        for (int64_t i = 0; i < cols; ++i) {
            float v = row[i];
            if constexpr (RowBias)
                v += b;
            if constexpr (ColumnBias)
                v += bias[i];
            if constexpr (Residual)
                v += res[i];
            if constexpr (Act == Activation::Kind::Relu)
                v = std::max(v, 0.0f);
            if constexpr (Act == Activation::Kind::Clip)
                v = std::min(std::max(v, low), high);
            row[i] = v;
        }
    }
}

template <bool RowBias, bool ColumnBias, bool Residual>
void epilogueAct(float* y, int64_t ldy, int64_t rows, int64_t cols, const float* bias, const float* residual,
    int64_t ldr, const Activation& act)
{
    switch (act.kind) {
    case Activation::Kind::None:
        return epilogueRows<RowBias, ColumnBias, Residual, Activation::Kind::None>(
            y, ldy, rows, cols, bias, residual, ldr, 0, 0);
    case Activation::Kind::Relu:
        return epilogueRows<RowBias, ColumnBias, Residual, Activation::Kind::Relu>(
            y, ldy, rows, cols, bias, residual, ldr, 0, 0);
    case Activation::Kind::Clip:
        return epilogueRows<RowBias, ColumnBias, Residual, Activation::Kind::Clip>(
            y, ldy, rows, cols, bias, residual, ldr, act.low, act.high);
    }
}

} // namespace

void epilogue(float* y, int64_t ldy, int64_t rows, int64_t cols, const float* bias, const float* residual, int64_t ldr,
    const Activation& act, bool perColumnBias)
{
    const bool rowBias = bias && !perColumnBias;
    const bool columnBias = bias && perColumnBias;
    if (!bias && !residual && act.kind == Activation::Kind::None)
        return;
    if (rowBias)
        residual ? epilogueAct<true, false, true>(y, ldy, rows, cols, bias, residual, ldr, act)
                 : epilogueAct<true, false, false>(y, ldy, rows, cols, bias, residual, ldr, act);
    else if (columnBias)
        residual ? epilogueAct<false, true, true>(y, ldy, rows, cols, bias, residual, ldr, act)
                 : epilogueAct<false, true, false>(y, ldy, rows, cols, bias, residual, ldr, act);
    else
        residual ? epilogueAct<false, false, true>(y, ldy, rows, cols, bias, residual, ldr, act)
                 : epilogueAct<false, false, false>(y, ldy, rows, cols, bias, residual, ldr, act);
}

} // namespace graphs::native
