#pragma once

// Internal to the ONNX frontend: evaluates the small integer/float computations that produce shapes
// (Shape → Gather → Unsqueeze → Concat → Reshape and the like), so shapes that ONNX's own inference leaves
// unknown become concrete.

#include <onnx/onnx_pb.h>

#include <cstdint>
#include <functional>
#include <optional>
#include <vector>

namespace graphs::onnxfe {

/// A small constant tensor. Integer and bool types use `ints`, floating types use `reals`.
struct ConstTensor
{
    int32_t type = onnx::TensorProto::INT64;
    std::vector<int64_t> dims;
    std::vector<int64_t> ints;
    std::vector<double> reals;

    bool isInteger() const;
    int64_t size() const;
    double at(int64_t i) const { return isInteger() ? static_cast<double>(ints[i]) : reals[i]; }
};

/// Largest tensor the folder produces; shape computations stay far below it.
constexpr int64_t kMaxFoldedElements = 4096;

/// The value of a TensorProto with inline data of a foldable type and at most kMaxFoldedElements elements.
std::optional<ConstTensor> constFromTensorProto(const onnx::TensorProto& t);
/// The reverse, for handing folded values back to ONNX's shape inference as initializers.
onnx::TensorProto tensorProtoFromConst(const ConstTensor& c, const std::string& name);

/// Looks up the value of an input tensor; nullptr when it is not a known constant.
using ConstLookup = std::function<const ConstTensor*(const std::string& name)>;
/// Looks up the fully known shape of a tensor (for Shape/Size); nullopt when not fully known.
using ShapeLookup = std::function<std::optional<std::vector<int64_t>>(const std::string& name)>;

/// Evaluates `node` when every input it needs is known; returns one tensor per output, or nullopt.
std::optional<std::vector<ConstTensor>> foldNode(const onnx::NodeProto& node, int64_t opset,
    const ConstLookup& constants, const ShapeLookup& shapes);

} // namespace graphs::onnxfe
