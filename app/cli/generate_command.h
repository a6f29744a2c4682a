#pragma once

#include <CLI/CLI.hpp>

#include <functional>

namespace graphs::cli {

/// Adds `graphs generate` (prefill and decode of a decoder with a KV cache) to `app`; the returned function runs it
/// after parsing and gives the exit code.
std::function<int()> addGenerateCommand(CLI::App& app);

} // namespace graphs::cli
