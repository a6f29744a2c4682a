#pragma once

#include <CLI/CLI.hpp>

#include <functional>

namespace graphs::cli {

/// Adds `graphs calibrate`; the function returned runs it.
std::function<int()> addCalibrateCommand(CLI::App& app);

} // namespace graphs::cli
