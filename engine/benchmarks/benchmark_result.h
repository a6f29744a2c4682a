#pragma once

#include "benchmarks/runner_protocol.h"
#include "benchmarks/statistics.h"

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace graphs {

/// Where and how a result set was measured, recorded with every result.
struct EnvironmentFingerprint
{
    std::string hardwareId = "local";
    std::string cpuModel;
    int cores = 0;
    int logicalCpus = 0;
    std::string governor;      ///< cpufreq scaling governor, "" where unreadable
    double maxMhz = 0;
    std::string date;          ///< ISO 8601, UTC
    std::string toolVersion;
    std::vector<std::string> energySensors; ///< one line per sensor kind, present or absent with the reason
    /// What the runner reported about the device it measured (RunnerResponse::environment: GPU, driver, TensorRT
    /// version, power mode); empty for runners that report nothing.
    std::map<std::string, std::string> runtime;
};

/// Reads the processor, cores and frequency governor of this machine.
EnvironmentFingerprint currentEnvironment(const std::string& toolVersion);

/// Latency of one model with one runtime and its settings.
struct BenchmarkResult
{
    std::string model;
    std::string modelPath;
    std::string runtime;
    std::string runtimeVersion;
    int threads = 0;
    int warmup = 0;
    bool pinned = false;
    bool materializedWeights = false;
    int64_t batch = 1;
    std::string precision = "fp32"; ///< as requested from the runner (RunnerRequest::precision)
    LatencyStats stats;
    std::vector<double> samplesMs;
    std::vector<NodeTiming> nodes;
    std::optional<double> energyJ; ///< per run; absent when no sensor measured it (never zero for "absent")
    std::string powerSensor;       ///< the sensor behind energyJ
    std::string energyNote;        ///< how energy was obtained, or why it is absent
    std::map<std::string, std::string> runtimeEnvironment; ///< the runner's RunnerResponse::environment
};

std::string benchmarkResultsText(const std::vector<BenchmarkResult>& results);
/// {"environment": {...}, "results": [{..., "stats": {...}, "samples_ms": [...], "nodes": [...]}]}
std::string benchmarkResultsJson(const std::vector<BenchmarkResult>& results, const EnvironmentFingerprint& env);

} // namespace graphs
