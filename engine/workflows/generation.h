#pragma once

#include "core/diagnostic.h"
#include "core/error.h"
#include "estimation/estimator.h"
#include "transform/fusion_rules.h"
#include "transform/weight_quantization.h"
#include "workflows/decoder_interface.h"

#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace graphs {

struct GraphAnalysis;
struct Partition;

/// A generative run of a decoder: a prompt, then tokens one at a time against the growing KV cache.
struct GenerationRequest
{
    std::string modelPath;                     ///< an ONNX decoder (decoder_interface.h says which ones)
    std::shared_ptr<const HardwareSpec> hardware;
    FusionRules fusion;                        ///< the runtime profile
    Precision precision = Precision::FP16;     ///< compute, activations and the KV cache
    WeightQuantization weights;                ///< weight-only quantisation of the MatMul weights
    int64_t promptTokens = 512;
    int64_t generatedTokens = 128;
    int64_t batch = 1;                         ///< sequences generated together
    /// Decode steps estimated exactly (at least 2: the first and the last); the others are interpolated
    /// (GenerationResult::integrationRule).
    int decodeSamples = 5;
    /// Called on every estimate before it is used, on the calling thread (the CLI applies stored calibration here).
    std::function<void(const GraphAnalysis&, const Partition&, ModelEstimate&)> refine;
};

/// One forward pass of the decoder, estimated.
struct PassEstimate
{
    DecoderBinding binding;
    int64_t step = -1;               ///< decode step t (past = prompt + t); -1 for the prefill
    EstimationResult latency;        ///< ms, the whole batch
    EstimationResult energy;         ///< mJ, the whole batch
    Bottleneck bottleneck = Bottleneck::None;
    double flops = 0;                ///< executed, all classes
    double offChipBytes = 0;         ///< bytes moved to and from off-chip memory (DRAM/HBM), steady state
    double weightBytes = 0;          ///< weights read, at their stored width
    double activationBytes = 0;      ///< peak of live activations, the KV cache excluded (it is counted apart)
    /// Share of the pass's latency in subgraphs bound by compute, and in the matrix multiplications with weights
    /// (the linear layers) bound by compute.
    double computeBoundShare = 0;
    double linearComputeBoundShare = 0;
    int subgraphs = 0;
};

struct GenerationMemory
{
    double weightBytes = 0;      ///< as stored (quantised weights with their scales)
    double kvCacheBytes = 0;     ///< at the final context (prompt + generated tokens), the whole batch
    double activationBytes = 0;  ///< the larger peak of prefill and decode, the cache excluded
    double totalBytes = 0;
    double capacityBytes = 0;    ///< the device's off-chip memory
    bool fits = true;
    std::string message;         ///< why it does not fit ("weights … > … of HBM3 on …; …"); empty when it fits
};

struct GenerationResult
{
    std::string model;           ///< display name
    std::string modelPath;
    std::string hardwareId;
    std::string hardwareName;
    std::string runtime;
    Precision precision = Precision::FP16;
    WeightQuantization weights;
    double bytesPerWeight = 0;   ///< of the quantised weights, scales included; 0 when not quantised
    int64_t quantizedMatMuls = 0;
    int64_t promptTokens = 0;
    int64_t generatedTokens = 0;
    int64_t batch = 1;
    DecoderInterface decoder;

    PassEstimate prefill;
    std::vector<PassEstimate> decode; ///< the decode steps estimated, in step order (first and last included)
    std::string integrationRule;      ///< how the decode steps in between were counted

    EstimationResult timeToFirstToken; ///< ms: the prefill
    EstimationResult decodeTime;       ///< ms: every decode step, summed
    EstimationResult timePerToken;     ///< ms: decode time / generated tokens
    EstimationResult tokensPerSecond;  ///< batch × generated tokens / decode time
    EstimationResult totalTime;        ///< ms: prefill + decode
    EstimationResult prefillEnergy;    ///< mJ, the whole batch
    EstimationResult decodeEnergy;     ///< mJ, the whole batch, summed like the latency
    EstimationResult energyPerToken;   ///< mJ per generated token of one sequence: decode energy / (batch × tokens)
    double kvCacheBytesPerToken = 0;   ///< one sequence, at the execution precision
    GenerationMemory memory;
    Diagnostics diagnostics;
};

/// The weights with which `samples` decode steps (the first, the last and evenly between) stand for all `tokens`
/// steps when the latency of the steps in between is interpolated linearly: Σ_t f(t) ≈ Σ_i w_i f(t_i), exact when
/// f is affine in t. Returned with the steps, in order.
std::vector<std::pair<int64_t, double>> decodeQuadrature(int64_t tokens, int samples);

/// Prefill and decode of a decoder on one device:
///  - prefill binds sequence = prompt and past = 0 and gives the time to the first token;
///  - decode step t binds sequence = 1 and past = prompt + t (a decoder without a cache recomputes the prefix:
///    sequence = prompt + t + 1); steps 0 and T−1 and evenly spaced ones between are estimated, the rest interpolated
///    (decodeQuadrature);
///  - every pass goes through the same import, count, partition, traffic model and estimate as `graphs analyze`;
///  - memory = weights + KV cache at the final context + the larger activation peak, against the device's memory.
/// The callback sees the fraction of passes done; returning false stops with ErrorCode::Cancelled.
///
///     GenerationRequest request;
///     request.modelPath = "llama2_7b.structure.onnx";
///     request.hardware = registry.find("nvidia-h100-sxm5");
///     request.fusion = *findFusionRules(dirs, "tensorrt");
///     auto result = runGeneration(request);
///     double tokensPerSecond = result->tokensPerSecond.value;
Result<GenerationResult> runGeneration(const GenerationRequest& request, const ProgressCallback& progress = {});

} // namespace graphs
