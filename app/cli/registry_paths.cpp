#include "cli/registry_paths.h"

#include "cli/cli_common.h"
#include "hardware/local_hardware.h"

#include <algorithm>

namespace graphs::cli {

void printUnknownHardware(const HardwareRegistry& registry, const std::string& id)
{
    std::string hint;
    for (const std::string& s : registry.suggestions(id))
        hint += (hint.empty() ? "" : ", ") + s;
    printError("no hardware with id '" + id + "'" + (hint.empty() ? "" : " (did you mean: " + hint + "?)"));
}

Result<HardwareRegistry> loadHardwareRegistry(const std::string& registryOption)
{
    auto registry = HardwareRegistry::load(registryDirs(registryOption));
    if (!registry)
        return registry;
    if (auto cpu = readCpuInfo(); cpu) {
        if (auto added = registry->add(localHardwareSpec(*cpu)); !added)
            return added.error();
    }
    return registry;
}

Result<HardwareRegistry> loadHardwareEntries(const std::string& registryOption, const std::vector<std::string>& ids)
{
    auto registry = HardwareRegistry::loadEntries(registryDirs(registryOption), ids);
    if (!registry)
        return registry;
    if (std::find(ids.begin(), ids.end(), "local") == ids.end())
        return registry;
    if (auto cpu = readCpuInfo(); cpu) {
        if (auto added = registry->add(localHardwareSpec(*cpu)); !added)
            return added.error();
    }
    return registry;
}

std::shared_ptr<const HardwareSpec> findHardware(const std::string& registryOption, const std::string& id,
    int& exitCode)
{
    auto registry = loadHardwareEntries(registryOption, { id });
    if (!registry) {
        printError(registry.error());
        exitCode = ExitFailure;
        return nullptr;
    }
    auto spec = registry->find(id);
    if (!spec) {
        printUnknownHardware(registryOption, id);
        exitCode = ExitUsage;
    }
    return spec;
}

void printUnknownHardware(const std::string& registryOption, const std::string& id)
{
    auto registry = loadHardwareRegistry(registryOption);
    if (registry)
        printUnknownHardware(*registry, id);
    else
        printError("no hardware with id '" + id + "', and the registry cannot be read: " + registry.error().toString());
}

} // namespace graphs::cli
