#pragma once

#include "benchmarks/runner.h"
#include "core/error.h"

#include <memory>
#include <string>

namespace graphs::cli {

/// The runner for `--runtime` (native, onnxruntime) or for a `--runner` command line.
Result<std::unique_ptr<Runner>> makeRunner(const std::string& runtime, const std::string& runnerCommand);

/// The GEMM roof probe matching this processor, or "" when it is not installed.
std::string gemmProbePath();

} // namespace graphs::cli
