#include "core/data_paths.h"

#include <cstdlib>
#include <filesystem>

namespace graphs {

namespace fs = std::filesystem;

namespace {

/// <executable>/../share/graphs/<sub> when it exists (an installed program), else empty.
std::string installedShareDir(const char* sub)
{
    std::error_code ec;
    const fs::path exe = fs::read_symlink("/proc/self/exe", ec);
    if (ec)
        return {};
    const fs::path dir = exe.parent_path().parent_path() / "share/graphs" / sub;
    return fs::is_directory(dir, ec) ? dir.string() : std::string();
}

} // namespace

std::string bundledRegistryDir()
{
    if (const char* env = std::getenv("GRAPHS_DATA_DIR"); env && *env)
        return env;
    const std::string installed = installedShareDir("registries");
    return installed.empty() ? std::string(GRAPHS_SOURCE_DIR "/registries") : installed;
}

std::string bundledModelsDir()
{
    const std::string installed = installedShareDir("models");
    return installed.empty() ? std::string(GRAPHS_SOURCE_DIR "/resources/models") : installed;
}

std::string runnersDir()
{
    const std::string installed = installedShareDir("runners");
    return installed.empty() ? std::string(GRAPHS_SOURCE_DIR "/runners") : installed;
}

std::string helperProgramPath(const std::string& name)
{
    std::error_code ec;
    const fs::path exe = fs::read_symlink("/proc/self/exe", ec);
    if (ec)
        return {};
    for (const fs::path& dir : { exe.parent_path(), exe.parent_path().parent_path() / "libexec/graphs" }) {
        if (fs::exists(dir / name, ec))
            return (dir / name).string();
    }
    return {};
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

std::vector<std::string> registryDirs(const std::string& option)
{
    std::vector<std::string> dirs { bundledRegistryDir() };
    const std::string user = userRegistryDir(option);
    std::error_code ec;
    if (!user.empty() && fs::weakly_canonical(user, ec) != fs::weakly_canonical(dirs.front(), ec))
        dirs.push_back(user);
    return dirs;
}

} // namespace graphs
