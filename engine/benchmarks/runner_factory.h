#pragma once

#include "benchmarks/benchmark_result.h"
#include "benchmarks/runner.h"
#include "benchmarks/suite_runner.h"
#include "core/error.h"

#include <memory>
#include <string>
#include <vector>

namespace graphs {

/// The runner of a runtime this program ships ("native": the built-in executor, "onnxruntime": the Node runner,
/// "tensorrt": graphs-tensorrt-runner driving trtexec) or,
/// when `runnerCommand` is given, the program that command line starts. `nativeDirs` are searched for the native
/// runner before the installed locations (a build tree, in tests). Used by `graphs benchmark` and the app alike.
Result<std::unique_ptr<Runner>> makeRunner(const std::string& runtime, const std::string& runnerCommand = {},
    const std::vector<std::string>& nativeDirs = {});

/// The GEMM roof probe built for the native runner's x86-64 level, or "" when it is not installed.
std::string gemmProbePath();

/// Suite options for measuring this machine: `threads` (0: one per logical CPU, recorded as the number used), the
/// energy meter of `device` ("cpu", or "gpu" for a runtime on the GPU) where it has one (absent, with the reason,
/// otherwise; never zero), the GEMM probe and the run's date. Records the energy sensors in `env`.
SuiteRunOptions localRunOptions(EnvironmentFingerprint& env, int threads, const std::string& device = "cpu");

} // namespace graphs
