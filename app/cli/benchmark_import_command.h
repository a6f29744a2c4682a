#pragma once

#include <CLI/CLI.hpp>

#include <functional>

namespace graphs::cli {

/// Adds `graphs benchmark import FILE...` under the benchmark command; the function returned runs it.
std::function<int()> addBenchmarkImportCommand(CLI::App& benchmark);

} // namespace graphs::cli
