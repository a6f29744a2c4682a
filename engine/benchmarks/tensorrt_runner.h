#pragma once

// The tensorrt runtime: NVIDIA's trtexec driven through the runner protocol. runTensorrt() is what the runner
// program graphs-tensorrt-runner (app/tensorrt_runner) does with one request: find trtexec, build (or load from the
// cache) an engine at the requested precision and shapes, time it, and read the exported JSON into a reply whose
// per-layer times are named after the ONNX nodes they ran (docs/reference/runner-protocol.md, "tensorrt").

#include "benchmarks/runner.h"
#include "benchmarks/runner_protocol.h"
#include "benchmarks/trtexec_reports.h"
#include "core/error.h"

#include <map>
#include <memory>
#include <string>
#include <vector>

namespace graphs {

class OnnxNodeIndex;

struct TensorrtRunnerOptions
{
    std::string trtexec;  ///< --trtexec PATH; empty: $GRAPHS_TRTEXEC, then PATH, then `standardLocations`
    std::string cacheDir; ///< --cache DIR ("none": rebuild every time); empty: see tensorrtCacheDir()
    double timeoutSeconds = 3600; ///< per trtexec run: a large model's engine takes minutes to build
    std::vector<std::string> standardLocations { "/usr/src/tensorrt/bin/trtexec" }; ///< JetPack, TensorRT .debs
};

/// Runs one request. Errors are the reply's message: trtexec missing (and how to get it), a model TensorRT
/// rejects (quoting its error), the GPU out of memory, an unusable request.
///
///     auto reply = runTensorrt(*request, options);
///     std::cout << (reply ? toJson(*reply) : errorReply(reply.error()));
Result<RunnerResponse> runTensorrt(const RunnerRequest& request, const TensorrtRunnerOptions& options);

/// The reply from trtexec's exports: `run_ms` the GPU compute time of each iteration after the first `warmup`,
/// `nodes` one entry per profiled layer named after its ONNX node (matchTensorrtLayer; layers TensorRT added keep
/// their own name). `profile` and `index` may be null (not profiled; model not indexed).
Result<RunnerResponse> tensorrtReply(const std::vector<TrtexecIteration>& times, int warmup,
    const TrtexecProfile* profile, const std::vector<TrtexecLayer>& layers, const OnnxNodeIndex* index);

/// GPU, driver and clocks from nvidia-smi ("gpu", "gpu_driver", "sm_clock_mhz", …) and a Jetson's power mode from
/// nvpmodel ("power_mode"), where those tools exist; empty elsewhere.
std::map<std::string, std::string> tensorrtDeviceEnvironment();

/// The runner of `graphs benchmark --runtime tensorrt`: graphs-tensorrt-runner beside the running program or in
/// libexec/graphs, given `--trtexec PATH` when `trtexec` is set. NotFound when it is not installed.
Result<std::unique_ptr<Runner>> makeTensorrtRunner(const std::string& trtexec = {});

} // namespace graphs
