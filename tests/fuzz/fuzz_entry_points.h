#pragma once

// The pipelines the fuzz targets drive, shared with tests/engine/tst_regressions.cpp so that a committed crashing
// input is replayed through exactly the code that crashed. Each returns "" on success or the error's text.
// Split over two sources so a fuzz target links only the pipeline it drives.

#include "hardware/hardware_spec.h"

#include <memory>
#include <string>
#include <string_view>

namespace graphs::fuzzing {

/// The bundled spec the ONNX pipeline estimates on (null if it does not load); `sourceDir` is the repository root.
std::shared_ptr<const HardwareSpec> fuzzHardware(const std::string& sourceDir);

/// bytes → importOnnxBytes → analyzeGraph → estimateOn (when `hardware` is given).
std::string runOnnxPipeline(std::string_view bytes, const std::shared_ptr<const HardwareSpec>& hardware);

/// bytes → parseHardwareYaml.
std::string runHardwareYaml(const std::string& text);

/// bytes → parseSuiteDefinition.
std::string runSuiteDefinition(const std::string& text);

/// bytes → importMeasurements, once with the file's own hardware and once with an explicit id. The importer reads
/// a path, so the bytes go to `scratchFile` first; keep its folder private (a results CSV looks for a sidecar).
std::string runMeasurementImport(std::string_view bytes, const std::string& scratchFile);

} // namespace graphs::fuzzing
