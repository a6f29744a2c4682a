#pragma once

// Internal to the native executor: an ONNX file turned into plain structures (nodes in execution order, constant
// tensors with their data), so that nothing past the loader sees protobuf.

#include "native/kernel.h"

#include <string>
#include <unordered_map>
#include <vector>

namespace graphs::native {

struct LoadedInput
{
    int value = -1;
    DataType type = DataType::Float32;
    Dims declaredShape; ///< -1 for symbolic or missing dimensions
};

struct LoadedModel
{
    int64_t opset = 0;
    std::vector<std::string> valueNames; ///< value index → tensor name
    std::vector<NodeDesc> nodes; ///< topologically sorted
    std::unordered_map<int, ConstTensor> constants; ///< initializers, by value index
    std::vector<LoadedInput> inputs; ///< graph inputs that are not initializers
    std::vector<int> outputs;
};

/// Reads the model; initializers whose external data is absent get the materializer's deterministic weights
/// (`seed`, `scale`; see benchmarks/model_materializer.h), so structure-only models run as is.
Result<LoadedModel> loadModel(const std::string& path, uint32_t seed, double scale);

} // namespace graphs::native
