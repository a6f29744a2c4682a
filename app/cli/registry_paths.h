#pragma once

#include "core/error.h"
#include "hardware/hardware_registry.h"

#include <string>

namespace graphs::cli {

/// The bundled registries: $GRAPHS_DATA_DIR, then <exe>/../share/graphs/registries (installed), then the source
/// tree's registries/ (build tree).
std::string bundledRegistryDir();
/// Where runner programs live: <exe>/../share/graphs/runners (installed), else the source tree's runners/.
std::string runnersDir();

/// The user registry: --registry DIR when given, else $XDG_DATA_HOME/graphs, else ~/.local/share/graphs.
std::string userRegistryDir(const std::string& option);

/// The registry directories in overlay order: bundled first, then the user's.
std::vector<std::string> registryDirs(const std::string& registryOption);

/// "no hardware with id 'x' (did you mean: …?)" on standard error.
void printUnknownHardware(const HardwareRegistry& registry, const std::string& id);

/// Bundled + user hardware entries, plus the generated `local` entry for this machine.
Result<HardwareRegistry> loadHardwareRegistry(const std::string& registryOption);

} // namespace graphs::cli
