#pragma once

// Internal to the ONNX frontend: ONNX's own shape inference, alternated with constant folding of
// shape-computing subgraphs until no shape changes.

#include "core/diagnostic.h"
#include "core/error.h"
#include "frontends/constant_folder.h"
#include "frontends/type_table.h"

#include <onnx/onnx_pb.h>

#include <string>
#include <unordered_map>
#include <vector>

namespace graphs::onnxfe {

struct ResolvedShapes
{
    /// Every tensor name (nested graphs included) with the type ONNX inferred or the model declared.
    TypeTable types;
    /// Values known at import: small inline initializers, Constant nodes and folded shape arithmetic.
    std::unordered_map<std::string, ConstTensor> constants;
    /// Per node of the top-level graph: its outputs were computed by folding.
    std::vector<bool> folded;
    int passes = 0;
};

/// `model` has its inputs bound already. With `discardDeclaredShapes`, value_info and declared output shapes
/// are dropped first (they describe the shapes before binding). Works on `model` in place: it ends with the inferred
/// value_info, kernel_shape attributes spelled out and folded nodes replaced by initializers, no longer the model to
/// build the graph from.
Result<ResolvedShapes> resolveShapes(onnx::ModelProto& model, bool discardDeclaredShapes,
    const std::string& displayName, const ProgressCallback& progress, Diagnostics& diagnostics);

} // namespace graphs::onnxfe
