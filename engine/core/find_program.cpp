#include "core/find_program.h"

#include <cstdlib>
#include <sstream>
#include <unistd.h>

namespace graphs {

std::string findProgram(const std::string& command)
{
    if (command.empty())
        return {};
    if (command.find('/') != std::string::npos)
        return ::access(command.c_str(), X_OK) == 0 ? command : std::string();
    const char* path = std::getenv("PATH");
    std::stringstream dirs(path ? path : "");
    for (std::string dir; std::getline(dirs, dir, ':');) {
        const std::string candidate = (dir.empty() ? std::string(".") : dir) + "/" + command;
        if (::access(candidate.c_str(), X_OK) == 0)
            return candidate;
    }
    return {};
}

} // namespace graphs
