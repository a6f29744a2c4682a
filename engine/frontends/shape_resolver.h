#pragma once

// Internal to the ONNX frontend: ONNX's own shape inference, alternated with constant folding of
// shape-computing subgraphs until no shape changes.

#include "core/diagnostic.h"
#include "core/error.h"
#include "frontends/constant_folder.h"

#include <onnx/onnx_pb.h>

#include <string>
#include <unordered_map>
#include <vector>

namespace graphs::onnxfe {

struct ResolvedShapes
{
    /// Every tensor name (nested graphs included) with the type ONNX inferred or the model declared.
    std::unordered_map<std::string, onnx::TypeProto> types;
    /// Values known at import: small inline initializers, Constant nodes and folded shape arithmetic.
    std::unordered_map<std::string, ConstTensor> constants;
    /// Per node of the top-level graph: its outputs were computed by folding.
    std::vector<bool> folded;
    int passes = 0;
};

/// `model` has its inputs bound already. With `discardDeclaredShapes`, value_info and declared output shapes
/// are dropped first (they describe the shapes before binding).
Result<ResolvedShapes> resolveShapes(const onnx::ModelProto& model, bool discardDeclaredShapes,
    const std::string& displayName, const ProgressCallback& progress, Diagnostics& diagnostics);

/// Shape of a TypeProto as concrete sizes, when fully known.
std::optional<std::vector<int64_t>> knownDims(const onnx::TypeProto& type);

} // namespace graphs::onnxfe
