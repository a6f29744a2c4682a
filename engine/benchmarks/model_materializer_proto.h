#pragma once

// Internal to the engine: the in-memory half of materializeWeights, for code that executes the parsed model itself
// (the native executor) instead of handing a copy to another runtime. Same generator, same order, same values.

#include "core/error.h"

#include <onnx/onnx_pb.h>

#include <cstdint>
#include <string>

namespace graphs {

/// Parses `modelPath` with the importer's checks (is a model; external-data locations stay inside its folder) and
/// fills every initializer whose data is absent exactly as materializeWeights would write it.
Result<onnx::ModelProto> readMaterializedModel(const std::string& modelPath, uint32_t seed = 1, double scale = 0.05);

} // namespace graphs
