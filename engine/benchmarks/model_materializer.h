#pragma once

#include "core/error.h"

#include <cstdint>
#include <string>

namespace graphs {

/// Writes a copy of an ONNX model in which every initializer whose data is absent (external data without its file,
/// or no data at all) holds deterministic pseudo-random values, so that any runtime can execute a structure-only
/// model. Values are uniform in ±`scale` (floats) or small non-negative integers; `seed` makes them repeatable.
/// The external-data checks of the importer apply: locations outside the model's folder are refused, never opened.
Status materializeWeights(const std::string& modelPath, const std::string& outputPath, uint32_t seed = 1,
    double scale = 0.05);

/// Whether the model needs materializing: some initializer's external data file is missing.
Result<bool> hasAbsentWeights(const std::string& modelPath);

} // namespace graphs
