#pragma once

#include "benchmarks/benchmark_result.h"
#include "benchmarks/energy_meter.h"
#include "benchmarks/results_registry.h"
#include "benchmarks/runner.h"
#include "benchmarks/suite_definition.h"
#include "core/error.h"

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace graphs {

/// One model to measure: its path and, once imported, the concrete input shapes the runner gets.
struct ModelJob
{
    std::string path;
    std::optional<int64_t> batch;
    std::map<std::string, std::vector<int64_t>> inputShapes;
};

/// Settings recorded with every result.
struct RunSettings
{
    int threads = 0; ///< 0: the runtime's default
    bool pinThreads = false;
    bool profile = false;
    std::string precision = "fp32"; ///< RunnerRequest::precision
    double timeoutSeconds = 600; ///< per runner call
    /// Energy sensor read around each benchmark (energy_meter.h); nullptr: none, and energy is recorded absent.
    EnergyMeter* energyMeter = nullptr;
    std::string energyAbsentNote = "no energy sensor"; ///< why, when energyMeter is nullptr
};

/// Imports the model, binds its inputs, materializes absent weights into a scratch copy, and runs it until the
/// median's 95% interval is within the policy's target or its time budget is spent. The runner sees `warmup`
/// untimed runs first; later rounds re-warm with one run. Cancelled runs fail with ErrorCode::Cancelled.
Result<BenchmarkResult> measureModel(const Runner& runner, const ModelJob& job, const MeasurementPolicy& policy,
    const RunSettings& settings, const ProgressCallback& cancel);

struct SuiteProgress
{
    size_t done = 0;
    size_t total = 0;
    std::string current;       ///< the benchmark being measured
    double etaSeconds = -1;    ///< < 0 while unknown
};

struct SuiteRunOptions
{
    RunSettings settings;
    std::vector<std::string> models;   ///< extra whole models (--models), measured at the suite's workload batches
    std::string gemmProbe;             ///< GEMM probe executable for the roofs; empty: no GEMM roof
    std::string date;                  ///< stamped on every record (ISO 8601 UTC)
};

/// What a suite run measured and what failed (failures do not stop the suite).
struct SuiteOutcome
{
    size_t measured = 0;
    std::vector<Error> failures;
    bool cancelled = false;
};

/// Runs every benchmark of the suite in order (roofs, operators, workloads) and hands each measurement to
/// `record` as soon as it is taken, so the caller can store it before the next one starts. `progress` is called
/// before each benchmark and after each round; returning false stops the suite after keeping what was measured.
///
///     auto outcome = runSuite(suite, runner, options,
///         [&](const MeasurementRecord& r, const BenchmarkResult*) { return file.append(r); },
///         [](const SuiteProgress& p) { return !interrupted; });
SuiteOutcome runSuite(const SuiteDefinition& suite, const Runner& runner, const SuiteRunOptions& options,
    const std::function<Status(const MeasurementRecord&, const BenchmarkResult*)>& record,
    const std::function<bool(const SuiteProgress&)>& progress);

/// Number of benchmarks runSuite will measure (for progress displays and dry runs).
size_t suiteSize(const SuiteDefinition& suite, const SuiteRunOptions& options);

} // namespace graphs
