#include "cli/hardware_lookup.h"

#include "cli/cli_common.h"

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
    return loadHardwareCatalog(registryDirs(registryOption));
}

Result<HardwareRegistry> loadHardwareEntries(const std::string& registryOption, const std::vector<std::string>& ids)
{
    return loadHardwareCatalog(registryDirs(registryOption), ids);
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
