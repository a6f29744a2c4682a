#pragma once

#include "benchmarks/benchmark_result.h"
#include "benchmarks/results_registry.h"

#include <string>
#include <vector>

namespace graphs {

/// Measurements of a suite as text tables: roofs (rates), operators (latency and achieved FLOP/s), workloads.
std::string measurementsText(const std::vector<MeasurementRecord>& records);

/// {"environment": {...}, "suite": NAME, "measurements": [rows as in the results CSV],
///  "results": [full results of operators and workloads, with samples and per-node times]}
std::string measurementsJson(const std::vector<MeasurementRecord>& records, const std::vector<BenchmarkResult>& results,
    const EnvironmentFingerprint& env, const std::string& suite);

} // namespace graphs
