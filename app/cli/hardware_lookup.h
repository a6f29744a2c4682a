#pragma once

#include "core/data_paths.h"
#include "core/error.h"
#include "hardware/hardware_registry.h"

#include <string>
#include <vector>

namespace graphs::cli {

/// "no hardware with id 'x' (did you mean: …?)" on standard error.
void printUnknownHardware(const HardwareRegistry& registry, const std::string& id);

/// Bundled + user hardware entries, plus the generated `local` entry for this machine.
Result<HardwareRegistry> loadHardwareRegistry(const std::string& registryOption);

/// Only the entries `ids` of loadHardwareRegistry() (HardwareRegistry::loadEntries), for commands that name them;
/// an id without an entry is absent from the result.
Result<HardwareRegistry> loadHardwareEntries(const std::string& registryOption, const std::vector<std::string>& ids);

/// "no hardware with id 'x' (did you mean: …?)" from the whole registry, or why it cannot be read.
void printUnknownHardware(const std::string& registryOption, const std::string& id);

/// The entry `id` of loadHardwareRegistry(), reading only its file; nullptr after printing why, with `exitCode` set
/// (1: the registry cannot be read, 2: no such id).
std::shared_ptr<const HardwareSpec> findHardware(const std::string& registryOption, const std::string& id,
    int& exitCode);

} // namespace graphs::cli
