#pragma once

#include <CLI/CLI.hpp>

#include <functional>

namespace graphs::cli {

/// Adds `graphs validate --hardware ID --runtime R --models DIR_OR_FILES [--measure]` to `app`: estimates beside
/// measured whole-model latencies, with the accuracy report.
std::function<int()> addValidateCommand(CLI::App& app);

} // namespace graphs::cli
