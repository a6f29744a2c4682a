#pragma once

// Models the benchmarks write themselves: a transformer encoder stack as exported by PyTorch (LayerNorm and GELU
// decomposed into elementwise nodes, attention as MatMul/Reshape/Transpose/Softmax), either as structure only (as
// large as wanted in nodes, a few hundred KB on disk) or with every weight inline (ViT-B/16 sized: ~340 MB).

#include <cstdint>
#include <string>

namespace graphs::bench {

struct TransformerShape
{
    int blocks = 12;
    int64_t sequence = 197; ///< tokens (ViT-B/16 at 224×224: 196 patches + class token)
    int64_t hidden = 768;
    int64_t heads = 12;
    int64_t ffn = 3072;
    /// false: weights declared as external data in a file that is never written (the importer does not read
    /// external data), like ../shared/models/*.structure.onnx. true: random float32 values in raw_data.
    bool inlineWeights = false;
};

/// Nodes one encoder block adds: 2 × 9 (LayerNorm) + 12 (Q, K, V) + 4 (scores, softmax, context) + 2 (heads merged)
/// + 2 (output projection) + 9 (MLP with erf GELU) + 2 (residuals).
constexpr int kNodesPerBlock = 49;

/// A structure-only ViT-B/16-sized stack with at least `nodes` nodes.
TransformerShape transformerWithNodes(int nodes);

/// Float32 parameters the model holds (weights, biases, LayerNorm scales and shifts).
int64_t transformerParameters(const TransformerShape& shape);

/// Writes the model to `path`; returns false when the file cannot be written.
bool writeTransformerModel(const TransformerShape& shape, const std::string& path);

/// A model written to the temporary folder for the lifetime of this object (the benchmarks keep one per process).
class ScratchModel
{
public:
    ScratchModel(const TransformerShape& shape, const std::string& name);
    ~ScratchModel();
    ScratchModel(const ScratchModel&) = delete;
    ScratchModel& operator=(const ScratchModel&) = delete;

    /// Empty when writing failed.
    const std::string& path() const { return m_path; }

private:
    std::string m_path;
};

/// The 10,000-node structure-only stack (205 blocks, 10,045 nodes), written once per process.
const std::string& transformer10kPath();

/// The 200,000-node structure-only stack (4,082 blocks, 200,019 nodes, 24 MiB), written once per process.
const std::string& transformer200kPath();

} // namespace graphs::bench
