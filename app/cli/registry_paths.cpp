#include "cli/registry_paths.h"

#include "cli/cli_common.h"
#include "hardware/local_hardware.h"


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

std::shared_ptr<const HardwareSpec> findHardware(const std::string& registryOption, const std::string& id,
    int& exitCode)
{
    auto registry = loadHardwareRegistry(registryOption);
    if (!registry) {
        printError(registry.error());
        exitCode = ExitFailure;
        return nullptr;
    }
    auto spec = registry->find(id);
    if (!spec) {
        printUnknownHardware(*registry, id);
        exitCode = ExitUsage;
    }
    return spec;
}

} // namespace graphs::cli
