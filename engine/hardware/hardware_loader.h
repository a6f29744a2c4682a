#pragma once

#include "core/error.h"
#include "hardware/hardware_spec.h"

#include <string>

namespace graphs {

/// Loads and validates one registry file (schema in docs/reference/hardware-schema.md). Errors name the file,
/// the line and the key: unknown or missing keys, wrong types, impossible values, figures without a source.
Result<HardwareSpec> loadHardwareFile(const std::string& path);

/// The same from text already in memory (`displayName` stands for the file in messages and in the id check).
Result<HardwareSpec> parseHardwareYaml(const std::string& text, const std::string& displayName);

} // namespace graphs
