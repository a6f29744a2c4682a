#pragma once

// Naive reference implementations of ONNX operators for the native executor's tests: plain loops in double
// precision, written from the ONNX specification and sharing no code with engine/native.

#include <cstdint>
#include <string>
#include <vector>

namespace graphs::testing {

struct RefTensor
{
    std::vector<int64_t> shape;
    std::vector<double> data;

    int64_t count() const;
};

/// Deterministic values uniform in [-1, 1) (or [0, range) for `integers`), so tests repeat exactly.
RefTensor randomTensor(const std::vector<int64_t>& shape, uint32_t seed, bool integers = false, int range = 1);

struct ConvParams
{
    int64_t group = 1;
    std::vector<int64_t> strides { 1, 1 };
    std::vector<int64_t> pads { 0, 0, 0, 0 }; ///< top, left, bottom, right
    std::vector<int64_t> dilations { 1, 1 };
};

/// 2-D convolution, NCHW; `bias` may be empty.
RefTensor conv2d(const RefTensor& x, const RefTensor& w, const RefTensor& bias, const ConvParams& p);
RefTensor gemm(
    const RefTensor& a, const RefTensor& b, const RefTensor& c, bool transA, bool transB, double alpha, double beta);
/// numpy matmul: batched, batch dimensions broadcast.
RefTensor matmul(const RefTensor& a, const RefTensor& b);
/// Add, Sub, Mul, Div, Pow, Max, Min with numpy broadcasting.
RefTensor binary(const std::string& op, const RefTensor& a, const RefTensor& b);
RefTensor softmax(const RefTensor& x, int64_t axis);
/// MaxPool / AveragePool, 2-D: kernel {kh, kw}, strides, pads {top, left, bottom, right}.
RefTensor pool(bool max, const RefTensor& x, const std::vector<int64_t>& kernel, const std::vector<int64_t>& strides,
    const std::vector<int64_t>& pads, bool countIncludePad, bool ceilMode);
RefTensor globalAveragePool(const RefTensor& x);
RefTensor transpose(const RefTensor& x, const std::vector<int64_t>& perm);
RefTensor slice(const RefTensor& x, const std::vector<int64_t>& starts, const std::vector<int64_t>& ends,
    const std::vector<int64_t>& axes, const std::vector<int64_t>& steps);
RefTensor gather(const RefTensor& x, const RefTensor& indices, int64_t axis);
RefTensor concat(const std::vector<RefTensor>& xs, int64_t axis);
RefTensor reduceMean(const RefTensor& x, const std::vector<int64_t>& axes, bool keepDims);
/// Elementwise maps: "Relu", "Sigmoid", "Erf", "Sqrt", "HardSwish", "HardSigmoid", "Clip6".
RefTensor unary(const std::string& op, const RefTensor& x);
/// Inference BatchNormalization over axis 1.
RefTensor batchNorm(const RefTensor& x, const RefTensor& scale, const RefTensor& bias, const RefTensor& mean,
    const RefTensor& var, double epsilon);
RefTensor layerNorm(const RefTensor& x, const RefTensor& scale, const RefTensor& bias, double epsilon);

} // namespace graphs::testing
