#pragma once

#include "benchmarks/benchmark_result.h"

#include <CLI/CLI.hpp>

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

namespace graphs::cli {

/// Adds `graphs benchmark --models FILE... [--runtime onnxruntime | --runner CMD]` to `app`.
std::function<int()> addBenchmarkCommand(CLI::App& app);

/// What `graphs validate --measure` asks of the benchmark machinery: whole models, measured and appended to the
/// user registry as `graphs benchmark --models … --results-name NAME` would.
struct ModelMeasurement
{
    std::vector<std::string> models;
    std::string runtime = "native";
    int threads = 0;
    int64_t batch = 1;
    double maxSeconds = 10;
    std::string registry;
    std::string resultsName;
    bool profile = false;                          ///< also collect per-node times
    std::vector<BenchmarkResult>* results = nullptr; ///< receives the full results (per-node times included)
    std::string precision = "fp32";                ///< RunnerRequest::precision (tensorrt lowers it)
};

/// Measures the models (the report goes nowhere; the rows go to the registry). Returns an exit code.
int measureModels(const ModelMeasurement& request);

/// ONNX files among `paths`, folders expanded to the .onnx files they hold (sorted).
std::vector<std::string> expandModelPaths(const std::vector<std::string>& paths);

} // namespace graphs::cli
