#pragma once

#include <CLI/CLI.hpp>

#include <functional>

namespace graphs::cli {

/// Adds `graphs hardware list|show` to `app`; the returned function runs it after parsing.
std::function<int()> addHardwareCommand(CLI::App& app);

} // namespace graphs::cli
