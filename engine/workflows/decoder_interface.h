#pragma once

#include "core/error.h"
#include "frontends/onnx_importer.h"
#include "frontends/onnx_interface.h"
#include "hardware/precision.h"

#include <cstdint>
#include <string>
#include <vector>

namespace graphs {

/// The lengths one forward pass of a decoder runs at: prefill is {batch, prompt, 0}, decode step t is
/// {batch, 1, prompt + t}; a decoder without a cache recomputes the prefix, {batch, prompt + t + 1, 0}.
struct DecoderBinding
{
    int64_t batch = 1;
    int64_t sequence = 1; ///< new tokens this pass
    int64_t past = 0;     ///< tokens already in the KV cache
};

/// What a dimension of a decoder input stands for.
enum class DecoderDim { Fixed, Batch, Sequence, Past, Total };

/// A decoder's inputs as common exporters write them (transformers / optimum: input_ids or inputs_embeds,
/// attention_mask, position_ids, cache_position, past_key_values.N.key/value; outputs logits and
/// present.N.key/value), with the role of every dimension, and the KV cache's structure read off the declared shapes
/// of the past tensors (never from a configuration file).
struct DecoderInterface
{
    struct Input
    {
        std::string name;
        std::vector<DecoderDim> roles;
        std::vector<int64_t> fixed; ///< the declared size where the role is Fixed
    };
    std::vector<Input> inputs;
    bool hasCache = false;          ///< past_key_values inputs: decode reads them; false: the prefix is recomputed
    int64_t layers = 0;             ///< distinct N of past_key_values.N.key/value
    int64_t kvHeads = 0;            ///< of the first past tensor (the dimension before head_dim)
    int64_t headDim = 0;            ///< of the first past tensor (its last fixed dimension)
    bool cacheIsFloating = true;    ///< the cache is held at the execution precision (else at its integer width)
    int64_t cacheBytesPerElementStored = 4; ///< of the declared type
    int64_t cacheElementsPerToken = 0; ///< per sequence, over every past tensor: layers × 2 × KV heads × head dim
    std::vector<std::string> pastInputs;
    std::vector<std::string> presentOutputs;

    /// Bytes of an element of the cache at the execution precision (fp16: 2, int8 and fp8: 1, fp32: 4).
    double cacheBytesPerElement(Precision precision) const;
    /// KV-cache bytes for `batch` sequences of `context` tokens: Σ over the past tensors of their elements per token
    /// × context × bytes per element × batch (layers × 2 × KV heads × head dim × context × bytes × batch).
    double kvCacheBytes(int64_t context, int64_t batch, Precision precision) const;
    /// The whole shape of every input for one pass, as the importer takes them (0 allowed for an empty cache).
    ImportOptions bind(const DecoderBinding& binding) const;
};

/// Recognises a decoder in a model's declared inputs and outputs. Fails, naming the input, when there is no
/// input_ids/inputs_embeds, when a past tensor is not [batch, …, past, …] with fixed head sizes, or when an input has
/// a symbolic dimension the roles above do not explain.
Result<DecoderInterface> describeDecoder(const ModelInterface& io, const std::string& displayName);

} // namespace graphs
