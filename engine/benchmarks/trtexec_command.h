#pragma once

// How the tensorrt runner calls trtexec: where trtexec is, the arguments a request turns into, and the engine
// cache that spares a rebuild on every measurement round.

#include "benchmarks/runner_protocol.h"
#include "core/error.h"

#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace graphs {

class ComputeGraph;

/// Where to look for trtexec: `option` (--trtexec PATH) first, then `environment` ($GRAPHS_TRTEXEC), then PATH,
/// then `standardLocations` (where JetPack and NVIDIA's TensorRT packages put it). NotFound says how to get it.
Result<std::string> findTrtexec(const std::string& option, const std::string& environment,
    const std::vector<std::string>& standardLocations);

/// trtexec's flags for a request's precision: "fp32" → --noTF32 (TensorRT would otherwise use TF32 tensor cores),
/// "tf32" → none, "fp16" → --fp16, "bf16" → --bf16, "int8" → --int8, "fp8" → --fp8, "best" → --best.
Result<std::vector<std::string>> trtexecPrecisionFlags(const std::string& precision);

/// The inputs that need --shapes: those the model leaves dynamic, at the request's shape. A static input the
/// request asks at another shape is an error (TensorRT cannot change it; the model needs a dynamic dimension).
Result<std::map<std::string, std::vector<int64_t>>> trtexecShapeBindings(const ComputeGraph& model,
    const RunnerRequest& request);

/// The files of one trtexec run.
struct TrtexecFiles
{
    std::string engine;      ///< the cached engine plan; "" without a cache
    bool buildEngine = true; ///< build from the ONNX model (and save to `engine`), or load `engine`
    std::string timingCache; ///< "" without a cache
    std::string times;       ///< --exportTimes
    std::string profile;     ///< --exportProfile; "" when not profiling
    std::string layerInfo;   ///< --exportLayerInfo; "" when not profiling
};

/// The argument list after the program name. Warm-up: trtexec warms up for 200 ms (none when the request asks for
/// no warm-up), then runs `warmup + repeats` iterations (--duration=0, so no more than asked); the runner drops
/// the first `warmup` from the exported times.
Result<std::vector<std::string>> trtexecArguments(const RunnerRequest& request,
    const std::map<std::string, std::vector<int64_t>>& shapes, const TrtexecFiles& files);

/// Key of a cached engine: the model's bytes, the precision, the shape bindings, the trtexec binary (path, size,
/// time) and the GPU. Hex; an error when the model cannot be read.
Result<std::string> trtexecEngineKey(const std::string& modelPath, const std::string& precision,
    const std::map<std::string, std::vector<int64_t>>& shapes, const std::string& trtexec, const std::string& gpu);

/// The engine cache folder: `option` (--cache DIR; "none" disables it), $GRAPHS_TENSORRT_CACHE,
/// $XDG_CACHE_HOME/graphs/tensorrt, ~/.cache/graphs/tensorrt; created when missing; "" when none can be used.
std::string tensorrtCacheDir(const std::string& option);

/// Removes cached engines not used for `days` days (a cache hit touches its plan).
void pruneEngineCache(const std::string& dir, int days = 30);

} // namespace graphs
