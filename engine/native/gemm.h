#pragma once

// Internal to the native executor: the one GEMM entry point (Eigen) and the output epilogue shared by Conv, Gemm
// and MatMul. Eigen runs multi-threaded when called outside a parallel region and single-threaded inside one.

#include "native/kernel.h"

#include <cstdint>

namespace graphs::native {

/// C = A·B (or C += A·B with `accumulate`), row-major with leading dimensions; op(A) is m×k, op(B) is k×n.
/// `transA`/`transB` read A as k×m / B as n×k.
void gemm(const float* a, int64_t lda, bool transA, const float* b, int64_t ldb, bool transB, float* c, int64_t ldc,
    int64_t m, int64_t n, int64_t k, bool accumulate, float alpha = 1.0f);

/// gemm() split over `threads` by blocks of output columns (each thread streams only its share of B, the weights
/// in inference) or, for narrow outputs, of rows; each block then gets a per-column bias and the activation.
void parallelGemm(const float* a, int64_t lda, bool transA, const float* b, int64_t ldb, bool transB, float* c,
    int64_t ldc, int64_t m, int64_t n, int64_t k, bool accumulate, float alpha, const float* columnBias,
    const Activation& act, int threads);

/// y[r, 0:cols] = act(y[r, 0:cols] + bias[r] + residual[r, 0:cols]) for rows of a row-major block; `bias` and
/// `residual` may be null; `perColumnBias` adds bias[c] instead of bias[r].
void epilogue(float* y, int64_t ldy, int64_t rows, int64_t cols, const float* bias, const float* residual, int64_t ldr,
    const Activation& act, bool perColumnBias = false);

} // namespace graphs::native
