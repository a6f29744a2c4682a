#pragma once

// Internal to the ONNX frontend: writes the user's input shapes and batch size into the model's inputs.

#include "core/error.h"
#include "frontends/onnx_importer.h"

#include <onnx/onnx_pb.h>

namespace graphs::onnxfe {

/// Returns whether any declared dimension changed (then the declared intermediate shapes are stale).
Result<bool> bindInputs(onnx::ModelProto& model, const ImportOptions& options, const std::string& displayName);

} // namespace graphs::onnxfe
