#pragma once

// Published text-generation figures (decode tokens/s, time to first token, prefill tokens/s, batched throughput of
// Llama-class decoders) as a validation set for `graphs generate`: the file format (registries/published/README.md,
// "Generation"), and the estimate of every row with the generation workflow.

#include "core/diagnostic.h"
#include "core/error.h"
#include "estimation/estimate.h"
#include "hardware/hardware_registry.h"

#include <optional>
#include <string>
#include <vector>

namespace graphs {

/// What a generation row measured.
enum class GenerationMetric {
    DecodeTokensPerSecond, ///< batch × generated tokens / decode time (no prefill)
    ThroughputTokensPerSecond, ///< batch × generated tokens / (prefill + decode): a static-batch benchmark's output
                               ///< rate
    TimeToFirstTokenMs, ///< the prefill of the prompt
    PrefillTokensPerSecond, ///< batch × prompt tokens / prefill time
};

std::string_view generationMetricName(GenerationMetric m); ///< as in the file: "decode_tokens_per_s", …

struct PublishedGenerationRow
{
    int line = 0;
    std::string model; ///< "llama2_7b", "llama3_8b": the file <model>.structure.onnx or <model>.onnx
    std::string hardwareId;
    std::string device; ///< as the source names it
    std::string framework;
    std::string precision; ///< compute, activations and KV cache: "fp16", "bf16", "fp8", "int8"
    std::string weights; ///< weight-only quantisation: "int4", "int8", or "" (weights at the precision)
    int64_t batch = 1;
    int64_t promptTokens = 1;
    int64_t generatedTokens = 1;
    GenerationMetric metric = GenerationMetric::DecodeTokensPerSecond;
    double value = 0;
    std::string unit; ///< "tokens/s" or "ms", as the metric requires
    std::string source; ///< URL
    std::string notes;

    std::string label() const; ///< "llama3_8b on nvidia-jetson-agx-orin-64gb-gpu, decode_tokens_per_s, 128+128 b1"
};

/// Whether a published-results file is a generation file (its header starts with "model,").
bool isPublishedGenerationFile(const std::string& path);

/// Reads a generation CSV; each bad field is an error naming the file, line and column.
Result<std::vector<PublishedGenerationRow>> loadPublishedGeneration(const std::string& path);
Result<std::vector<PublishedGenerationRow>> parsePublishedGeneration(
    const std::string& text, const std::string& displayName);

struct PublishedGenerationRequest
{
    std::vector<PublishedGenerationRow> rows;
    std::vector<std::string> modelDirs; ///< where <model>.structure.onnx (or <model>.onnx) is looked for
    std::vector<std::string> registryDirs;
    const HardwareRegistry* registry = nullptr;
};

struct PublishedGenerationEstimate
{
    PublishedGenerationRow row;
    bool estimated = false;
    std::string skipped; ///< why not (no model, no hardware entry, an error of the estimate)
    std::string runtime;
    double estimate = 0; ///< in the row's unit
    double errorPct = 0; ///< (estimate / published − 1) · 100
    double boundPct = 0;
    Confidence confidence = Confidence::Theoretical;
    bool fits = true; ///< the estimate's memory fits the device
};

struct PublishedGenerationMetricSummary
{
    std::string metric;
    size_t rows = 0;
    double mapePct = 0;
    double medianAbsPct = 0;
    double within30Share = 0;
    double biasPct = 0; ///< mean signed error
};

struct PublishedGenerationValidation
{
    std::vector<PublishedGenerationEstimate> estimates;
    std::vector<PublishedGenerationMetricSummary> metrics; ///< one per metric present, then "all"
    size_t skipped = 0;
};

/// Estimates every row with runGeneration (docs/validation/published-figures.md, "Generation"): the row's model,
/// precision, weights, batch, prompt and generated tokens on its registry entry, NVIDIA GPUs with the `tensorrt`
/// runtime profile and everything else with `onnxruntime`'s, uncalibrated; rows sharing a configuration share one
/// estimate. The callback sees the fraction of rows done; false cancels.
Result<PublishedGenerationValidation> validatePublishedGeneration(
    const PublishedGenerationRequest& request, const ProgressCallback& progress = {});

std::string publishedGenerationMarkdown(const PublishedGenerationValidation& v);
std::string publishedGenerationCsv(const PublishedGenerationValidation& v);
std::string publishedGenerationJson(const PublishedGenerationValidation& v);

} // namespace graphs
