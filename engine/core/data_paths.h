#pragma once

#include <string>
#include <vector>

namespace graphs {

/// Where the program's own data lives, the same for the command-line tool and the desktop app.

/// The bundled registries: $GRAPHS_DATA_DIR, then <executable>/../share/graphs/registries (installed), then the
/// source tree's registries/ (build tree).
std::string bundledRegistryDir();
/// Bundled models (squeezenet1_1 and the generated structure-only reference models): <executable>/../share/graphs/
/// models (installed, and the build tree, where tools/reference_models writes them), else the source tree's
/// resources/models.
std::string bundledModelsDir();
/// Runner programs: <executable>/../share/graphs/runners (installed), else the source tree's runners/.
std::string runnersDir();
/// A helper program shipped with graphs (the GEMM probes, the native runner): next to the running executable (build
/// tree), then <executable>/../libexec/graphs (installed); empty when neither holds it.
std::string helperProgramPath(const std::string& name);
/// The user registry: `option` when given (--registry DIR), else $XDG_DATA_HOME/graphs, else ~/.local/share/graphs;
/// empty when none can be named.
std::string userRegistryDir(const std::string& option = {});
/// The registry directories in overlay order: bundled first, then the user's when it is another folder.
std::vector<std::string> registryDirs(const std::string& option = {});

} // namespace graphs
