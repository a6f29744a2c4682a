#pragma once

// The JSON files trtexec exports (NVIDIA TensorRT's samples/trtexec; writers in samples/common/sampleReporting.cpp
// and the engine inspector), read into value types. Every error names the file it is about.

#include "core/error.h"

#include <string>
#include <vector>

namespace graphs {

/// One timed inference of `--exportTimes=FILE`: an array of
/// {"startEnqMs", "endEnqMs", "startH2dMs", …, "h2dMs", "computeMs", "d2hMs", "latencyMs"}, warm-up excluded.
struct TrtexecIteration
{
    double enqueueMs = 0;  ///< endEnqMs − startEnqMs: host time to enqueue the inference
    double h2dMs = 0;      ///< input copies to the GPU
    double computeMs = 0;  ///< the engine on the GPU ("GPU Compute Time" in trtexec's summary)
    double d2hMs = 0;      ///< output copies back
    double latencyMs = 0;  ///< h2dMs + computeMs + d2hMs
};

/// One layer of `--exportProfile=FILE`: [{"count": N}, {"name", "timeMs", "averageMs", "medianMs", "percentage"}, …]
struct TrtexecLayerTime
{
    std::string name;
    double totalMs = 0;   ///< "timeMs": summed over the profiled iterations
    double averageMs = 0;
    double medianMs = 0;
    double percentage = 0;
};

struct TrtexecProfile
{
    int iterations = 0; ///< the leading {"count": N}
    std::vector<TrtexecLayerTime> layers;
};

/// One layer of `--exportLayerInfo=FILE` (the engine inspector's JSON): {"Layers": [...], "Bindings": [...]}. With
/// --profilingVerbosity=detailed each layer is an object; otherwise only its name is given.
struct TrtexecLayer
{
    std::string name;              ///< "Name"
    std::string type;              ///< "LayerType": "CaskConvolution", "Reformat", "Myelin", …; "" without detail
    std::vector<std::string> onnxNodes; ///< from "Metadata" (TensorRT ≥ 8.6): the ONNX nodes fused into this layer
};

Result<std::vector<TrtexecIteration>> parseTrtexecTimes(const std::string& text, const std::string& file);
Result<TrtexecProfile> parseTrtexecProfile(const std::string& text, const std::string& file);
Result<std::vector<TrtexecLayer>> parseTrtexecLayerInfo(const std::string& text, const std::string& file);

/// The ONNX node names in a layer's "Metadata": entries "[ONNX Layer: NAME]" or "[ONNX Layer: NAME | Local
/// Function: F]" (onnx-tensorrt's processMetadata), joined by TensorRT with \x1F or \x1E when layers fuse.
std::vector<std::string> onnxNodesFromMetadata(const std::string& metadata);

/// The whole file, for the parsers above; an error naming it when it cannot be read or is empty.
Result<std::string> readTrtexecFile(const std::string& file);

} // namespace graphs
