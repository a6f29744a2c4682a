#pragma once

#include "core/error.h"

#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace graphs {

/// What a runner program is asked to do (protocol "graphs-runner/1", docs/reference/runner-protocol.md).
struct RunnerRequest
{
    std::string model;                                   ///< path of the ONNX model
    std::map<std::string, std::vector<int64_t>> inputShapes; ///< name → shape; inputs not listed use the model's
    std::map<std::string, std::string> inputTypes;       ///< name → "float32", "int64", … (defaults to the model's)
    int warmup = 5;
    int repeats = 20;
    int threads = 0;                                     ///< 0: the runtime's default
    bool pinThreads = false;
    bool profile = false;                                ///< also return per-node times
};

struct NodeTiming
{
    std::string name;
    std::string opType;
    double meanMs = 0;
};

/// What a runner program answers.
struct RunnerResponse
{
    std::string runtime;        ///< "onnxruntime"
    std::string runtimeVersion; ///< "1.30.0"
    std::vector<double> runMs;  ///< wall time of each timed run
    std::vector<NodeTiming> nodes;
    int threads = 0;
    std::string executionProvider;
};

std::string toJson(const RunnerRequest& request);
/// Parses a runner's reply; {"error": "…"} and malformed replies become errors naming the runner.
Result<RunnerResponse> parseRunnerResponse(const std::string& json, const std::string& runnerName);
/// The other direction, for runner programs written in C++ and for tests.
Result<RunnerRequest> parseRunnerRequest(const std::string& json);
std::string toJson(const RunnerResponse& response);

} // namespace graphs
