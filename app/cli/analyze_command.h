#pragma once

#include <CLI/CLI.hpp>

#include <functional>

namespace graphs::cli {

/// Adds `graphs analyze` to `app`; the returned function runs it after parsing and gives the exit code.
std::function<int()> addAnalyzeCommand(CLI::App& app);

} // namespace graphs::cli
