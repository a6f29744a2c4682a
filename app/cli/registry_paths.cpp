#include "cli/registry_paths.h"

#include "cli/cli_common.h"
#include "hardware/local_hardware.h"

#include <cstdlib>
#include <filesystem>

namespace graphs::cli {

namespace fs = std::filesystem;

std::string bundledRegistryDir()
{
    if (const char* env = std::getenv("GRAPHS_DATA_DIR"); env && *env)
        return env;
    std::error_code ec;
    const fs::path exe = fs::read_symlink("/proc/self/exe", ec);
    if (!ec) {
        const fs::path installed = exe.parent_path().parent_path() / "share/graphs/registries";
        if (fs::is_directory(installed, ec))
            return installed.string();
    }
    return GRAPHS_SOURCE_DIR "/registries";
}

std::string runnersDir()
{
    std::error_code ec;
    const fs::path exe = fs::read_symlink("/proc/self/exe", ec);
    if (!ec) {
        const fs::path installed = exe.parent_path().parent_path() / "share/graphs/runners";
        if (fs::is_directory(installed, ec))
            return installed.string();
    }
    return GRAPHS_SOURCE_DIR "/runners";
}

std::string userRegistryDir(const std::string& option)
{
    if (!option.empty())
        return option;
    if (const char* xdg = std::getenv("XDG_DATA_HOME"); xdg && *xdg)
        return (fs::path(xdg) / "graphs").string();
    if (const char* home = std::getenv("HOME"); home && *home)
        return (fs::path(home) / ".local/share/graphs").string();
    return {};
}

std::vector<std::string> registryDirs(const std::string& registryOption)
{
    std::vector<std::string> dirs { bundledRegistryDir() };
    const std::string user = userRegistryDir(registryOption);
    std::error_code ec;
    if (!user.empty() && fs::weakly_canonical(user, ec) != fs::weakly_canonical(dirs.front(), ec))
        dirs.push_back(user);
    return dirs;
}

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

} // namespace graphs::cli
