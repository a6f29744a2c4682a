#pragma once

#include "core/diagnostic.h"
#include "core/error.h"

#include <CLI/CLI.hpp>

#include <string>

namespace graphs::cli {

/// Exit codes, as a Unix tool: 0 success, 1 the work failed (bad model, I/O), 2 the command line is wrong.
enum ExitCode { ExitOk = 0, ExitFailure = 1, ExitUsage = 2 };

void printError(const Error& error);
void printError(const std::string& message);
void printDiagnostics(const Diagnostics& diagnostics);

/// Replacements for CLI::PositiveNumber / CLI::NonNegativeNumber, whose message prints the range as
/// "0.000000 to 1797…(300 digits)": these say "--batch: must be positive, got 0".
CLI::Validator positiveNumber();
CLI::Validator nonNegativeNumber();

/// Writes `text` to `outputPath` atomically, or to standard output when the path is empty or "-".
int emit(const std::string& text, const std::string& outputPath);

} // namespace graphs::cli
