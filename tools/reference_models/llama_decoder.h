#pragma once

// A Llama-style decoder as transformers' LlamaForCausalLM exports to ONNX with its KV cache (optimum's
// "decoder_model_merged" interface): inputs input_ids, attention_mask, position_ids and past_key_values.N.key/value,
// outputs logits and present.N.key/value, symbolic batch_size / sequence_length / past_sequence_length dimensions.
// Structure only: every weight is external data in a file that is never written.

#include <onnx/onnx_pb.h>

#include <cstdint>
#include <string>

namespace graphs::reference {

struct LlamaConfig
{
    std::string name = "llama";
    int64_t layers = 32;
    int64_t hidden = 4096;
    int64_t heads = 32;
    int64_t kvHeads = 32;        ///< fewer than heads: grouped-query attention (K and V repeated by Expand/Reshape)
    int64_t intermediate = 11008;///< SwiGLU MLP width
    int64_t vocab = 32000;
    bool kvCache = true;         ///< false: a plain decoder that recomputes the prefix (no past/present tensors)
    /// true: head split and merge reshape to shapes computed by Shape/Gather/Unsqueeze/Concat, as torch.onnx.export
    /// writes `view(bsz, q_len, heads, head_dim)`; false: to constant shapes with 0 (copy) and -1 (infer).
    bool shapeOps = false;
    std::string weightsFile = "llama.weights.bin";
};

/// Llama-2-7B: 32 layers, hidden 4096, 32 heads of 128, MLP 11008, vocabulary 32000 (6.74 B parameters).
LlamaConfig llama2_7b();

/// Llama-3-8B: 32 layers, hidden 4096, 32 query heads of 128 sharing 8 KV heads (grouped-query attention), MLP
/// 14336, vocabulary 128256, untied LM head (8.03 B parameters).
LlamaConfig llama3_8b();

/// The decoder, opset 14: per layer RMSNorm (Pow/ReduceMean/Add/Sqrt/Div/Mul), Q/K/V projections, rotary embedding
/// (Slice/Neg/Concat/Mul/Add with Sin/Cos of position_ids × inv_freq), the cache append (Concat of past and new
/// along the sequence axis → present), K/V heads repeated for grouped-query attention (Unsqueeze/Expand/Reshape),
/// MatMul/Div/Add(mask)/Softmax/MatMul, the output projection and residual, and the SwiGLU MLP
/// (MatMul, Sigmoid, Mul, Mul, MatMul); then the final RMSNorm and the LM head. The mask is causal by position
/// (CumSum of attention_mask against position_ids) and masks padding.
onnx::ModelProto llamaDecoder(const LlamaConfig& config);

} // namespace graphs::reference
