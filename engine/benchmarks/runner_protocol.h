#pragma once

#include "core/error.h"

#include <cstdint>
#include <map>
#include <string>
#include <utility>
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
    /// When set, the runner writes each graph output of its last run to <outputsDir>/output_<index>.bin (raw
    /// little-endian) and lists the files in RunnerResponse::outputs, so runtimes can be compared numerically.
    std::string outputsDir;
    /// "fp32" (the default), or what a runtime that can lower precision should use: "tf32", "fp16", "bf16",
    /// "int8", "fp8", "best" (TensorRT's fastest mix). Runners that cannot refuse anything but fp32.
    std::string precision = "fp32";
};

struct NodeTiming
{
    NodeTiming() = default;
    NodeTiming(std::string name, std::string opType, double meanMs, std::string layer = {})
        : name(std::move(name)), opType(std::move(opType)), meanMs(meanMs), layer(std::move(layer))
    {
    }

    std::string name;
    std::string opType;
    double meanMs = 0;
    /// The runtime's own name for the kernel when `name` is the graph node it was matched to (TensorRT: the
    /// layer "/features/features.0/Conv + /features/features.1/Relu" under "/features/features.0/Conv").
    std::string layer;
};

/// One graph output written by the runner (RunnerRequest::outputsDir).
struct OutputFile
{
    std::string name;           ///< the graph output's name
    std::string dtype;          ///< "float32", "int64", "int32", "bool"
    std::vector<int64_t> shape;
    std::string file;           ///< path of the raw little-endian data, row-major
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
    std::vector<OutputFile> outputs; ///< only when the request named an outputs_dir
    /// What the runner found about the device and runtime: "gpu", "gpu_driver", "tensorrt", "power_mode", …
    std::map<std::string, std::string> environment;
};

std::string toJson(const RunnerRequest& request);
/// Parses a runner's reply; {"error": "…"} and malformed replies become errors naming the runner.
Result<RunnerResponse> parseRunnerResponse(const std::string& json, const std::string& runnerName);
/// The other direction, for runner programs written in C++ and for tests.
Result<RunnerRequest> parseRunnerRequest(const std::string& json);
std::string toJson(const RunnerResponse& response);

} // namespace graphs
