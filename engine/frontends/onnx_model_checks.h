#pragma once

// Internal to the ONNX frontend: checks on a parsed ModelProto before anything else looks at it.

#include "core/error.h"

#include <onnx/onnx_pb.h>

#include <cstdint>
#include <string>

namespace graphs::onnxfe {

/// Refuses messages that parsed but are no ONNX model (random bytes often parse as some message).
Status checkIsModel(const onnx::ModelProto& model, const std::string& displayName);

/// Refuses opsets newer than the linked ONNX library knows, and a model without a default-domain opset.
Status checkOpsets(const onnx::ModelProto& model, const std::string& displayName);

/// Every external-data location must be a relative path inside `baseDir` (no absolute paths, no "..",
/// no symlink leading out). The data files themselves are never opened.
Status checkExternalDataLocations(const onnx::ModelProto& model, const std::string& baseDir,
    const std::string& displayName);

/// Window operators (Conv, pools, …) whose strides, dilations or kernel_shape hold a zero or a negative number:
/// ONNX's own shape inference divides by them (SIGFPE), so they are refused before it runs.
Status checkWindowAttributes(const onnx::ModelProto& model, const std::string& displayName);

/// Tensors up to this many elements keep their values (shape-computing constants are folded); larger ones are
/// weights, of which analysis needs only the type and shape.
constexpr int64_t kKeepDataElements = 4096;

/// Drops the values of tensors larger than kKeepDataElements. parseModelSkippingLargeTensors() already skipped almost
/// all of them unread; this catches the rest (values serialised before dims).
void dropLargeTensorData(onnx::ModelProto& model);

} // namespace graphs::onnxfe
