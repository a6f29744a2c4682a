#pragma once

#include <CLI/CLI.hpp>

#include <functional>

namespace graphs::cli {

/// Adds `graphs compare MODEL... --hardware ID,ID [--batch 1,8] [--precision P]` to `app`.
std::function<int()> addCompareCommand(CLI::App& app);

} // namespace graphs::cli
