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

/// The entry `id` of loadHardwareRegistry(); nullptr after printing why, with `exitCode` set (1: the registry cannot
/// be read, 2: no such id).
std::shared_ptr<const HardwareSpec> findHardware(const std::string& registryOption, const std::string& id,
    int& exitCode);

} // namespace graphs::cli
