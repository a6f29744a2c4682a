#pragma once

#include "core/error.h"

#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace graphs {

/// How hard to try for each benchmark of a suite: repeat until the median's 95% interval is within ±targetCi,
/// at least `minSamples` and at most `maxSeconds` of timed work per benchmark.
struct MeasurementPolicy
{
    int warmup = 3;
    int minSamples = 10;
    double targetCi = 0.03;
    double maxSeconds = 2.0;
};

/// Hardware roofs measured in process (engine/benchmarks/roofs.h).
struct RoofsDefinition
{
    bool enabled = false;
    std::vector<std::string> fmaPrecisions;  ///< "fp32", "fp64"
    int64_t bandwidthLargestBytes = 0;       ///< triad sweep from 16 KiB up to this; 0: no sweep
    bool stream = false;                     ///< the STREAM-sized (1.9 GB) triad, 1 thread and all threads
    std::vector<int64_t> gemmSizes;          ///< n of n×n×n SGEMM with the GEMM probe
    double seconds = 0.3;                    ///< time per roof measurement
};

/// One single-op (or small-block) benchmark: the engine writes it as an ONNX model (operator_models.h), so every
/// runner executes exactly the same definition.
struct OperatorCase
{
    std::string group;                       ///< the suite entry it came from, e.g. "conv-depthwise"
    std::string op;                          ///< matmul, gemm, conv2d, elementwise, softmax, layernorm, pool, attention
    std::string function;                    ///< elementwise: add, mul, relu, sigmoid, gelu; pool: max, average, global
    std::map<std::string, int64_t> params;   ///< m, n, k, batch, channels, …

    int64_t param(const std::string& key, int64_t fallback) const;
    /// "m=64,n=64,k=64" (sorted keys), the same text for the same case everywhere.
    std::string shapeText() const;
    /// "conv-depthwise/conv2d channels=32,kernel=3,…": unique within a suite.
    std::string name() const;
};

/// The case a results row describes: `op` and its shapeText() ("function=max,channels=64,…"), as recorded in the
/// `detail` and `shape` columns, so the same operator model can be written again for calibration.
Result<OperatorCase> operatorCaseFromText(const std::string& op, const std::string& shapeText);

/// A whole model measured at each batch size.
struct WorkloadDefinition
{
    std::string model;                                       ///< path (relative ones are against the suite file)
    std::vector<int64_t> batches { 1 };
    std::map<std::string, std::vector<int64_t>> inputShapes; ///< optional explicit shapes, overriding batch
};

struct SuiteDefinition
{
    std::string name;
    std::string description;
    std::string file;                        ///< where it was read from
    MeasurementPolicy policy;
    RoofsDefinition roofs;
    std::vector<OperatorCase> operators;     ///< grids already expanded
    std::vector<WorkloadDefinition> workloads;
    std::vector<int64_t> workloadBatches { 1 }; ///< batches for models given on the command line
};

/// The operators an operator benchmark may name, and the parameters each takes.
const std::map<std::string, std::vector<std::string>>& operatorParameters();

/// Parses a suite (schema documented in docs/reference/benchmark-suites.md). Errors name file:line and key.
Result<SuiteDefinition> parseSuiteDefinition(const std::string& yamlText, const std::string& displayName);
Result<SuiteDefinition> loadSuiteDefinition(const std::string& path);

/// A suite by name (<registry>/benchmarks/definitions/<name>.yaml, user registry first) or by file path.
Result<SuiteDefinition> findSuite(const std::string& nameOrPath, const std::vector<std::string>& registryDirs);
/// The names of the suites found in the registries, sorted.
std::vector<std::string> listSuites(const std::vector<std::string>& registryDirs);

} // namespace graphs
