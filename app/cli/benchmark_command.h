#pragma once

#include <CLI/CLI.hpp>

#include <functional>

namespace graphs::cli {

/// Adds `graphs benchmark --models FILE... [--runtime onnxruntime | --runner CMD]` to `app`.
std::function<int()> addBenchmarkCommand(CLI::App& app);

} // namespace graphs::cli
