#pragma once

#include "core/data_paths.h"
#include "core/error.h"
#include "hardware/hardware_registry.h"

#include <string>

namespace graphs::cli {

/// "no hardware with id 'x' (did you mean: …?)" on standard error.
void printUnknownHardware(const HardwareRegistry& registry, const std::string& id);

/// Bundled + user hardware entries, plus the generated `local` entry for this machine.
Result<HardwareRegistry> loadHardwareRegistry(const std::string& registryOption);

} // namespace graphs::cli
