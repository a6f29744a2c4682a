#pragma once

#include "benchmarks/suite_definition.h"
#include "core/error.h"

#include <string>

namespace graphs {

/// The ONNX model (opset 17) of one operator benchmark: activations are graph inputs, weights are initializers
/// holding deterministic pseudo-random values, shapes are laid out the way real models use the operator
/// (NCHW convolutions with "same" padding, Linear-style Gemm with a transposed weight, scaled dot-product
/// attention over [batch, heads, seq, head_dim]). Every runner measures exactly these bytes.
///
///     OperatorCase c { "gemm", "matmul", {}, { { "m", 64 }, { "n", 64 }, { "k", 64 } } };
///     auto bytes = operatorModelBytes(c); // then write it and hand the path to a runner
Result<std::string> operatorModelBytes(const OperatorCase& c);

/// Writes operatorModelBytes(c) to `path` atomically.
Status writeOperatorModel(const OperatorCase& c, const std::string& path);

} // namespace graphs
