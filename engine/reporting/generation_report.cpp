#include "reporting/generation_report.h"

#include "reporting/json_builders.h"
#include "reporting/number_format.h"

#include <sstream>

namespace graphs {

namespace {

/// "25.005 ms per token ±46% THEORETICAL": the value with its unit, then its bound and confidence, as graphs analyze
/// prints them.
std::string withBound(const EstimationResult& e, int decimals, const std::string& unit = {})
{
    return fixed(e.value, decimals) + (unit.empty() ? "" : " " + unit) + " ±" + fixed(e.errorBoundPct, 0) + "% "
        + std::string(confidenceName(e.confidence));
}

std::string weightsText(const GenerationResult& r)
{
    if (r.weights.format == WeightFormat::AsCompute)
        return std::string(precisionName(r.precision)) + " (as compute)";
    return std::string(weightFormatName(r.weights.format)) + " (" + fixed(r.bytesPerWeight, 4) + " B/weight with "
        + std::string(precisionName(r.precision)) + " scales in groups of " + std::to_string(r.weights.groupSize)
        + ", " + std::to_string(r.quantizedMatMuls) + " MatMuls)";
}

std::string decoderText(const GenerationResult& r)
{
    const DecoderInterface& d = r.decoder;
    if (!d.hasCache)
        return "no KV cache (each step recomputes the prefix)";
    return std::to_string(d.layers) + " layers, " + std::to_string(d.kvHeads) + " KV heads × " + std::to_string(d.headDim)
        + " (KV cache " + humanBytes(r.kvCacheBytesPerToken) + " per token at " + std::string(precisionName(r.precision))
        + ")";
}

int64_t contextOf(const PassEstimate& p)
{
    return p.binding.past + p.binding.sequence;
}

std::string memoryText(const GenerationMemory& m, const GenerationResult& r)
{
    return humanBytes(m.totalBytes) + " of " + humanBytes(m.capacityBytes) + ": weights " + humanBytes(m.weightBytes)
        + " + KV cache " + humanBytes(m.kvCacheBytes) + " (" + std::to_string(r.promptTokens + r.generatedTokens)
        + " tokens × batch " + std::to_string(r.batch) + ") + activations " + humanBytes(m.activationBytes);
}

nlohmann::json passJson(const PassEstimate& p, const GenerationResult& r)
{
    return { { "phase", p.step < 0 ? "prefill" : "decode" }, { "step", p.step }, { "batch", p.binding.batch },
        { "sequence", p.binding.sequence }, { "past", p.binding.past }, { "context", contextOf(p) },
        { "latency_ms", reporting::estimationResultJson(p.latency) },
        { "energy_mj", reporting::estimationResultJson(p.energy) },
        { "bottleneck", std::string(bottleneckName(p.bottleneck)) }, { "flops", p.flops },
        { "off_chip_bytes", p.offChipBytes }, { "weight_bytes_read", p.weightBytes },
        { "activation_bytes", p.activationBytes },
        { "kv_cache_bytes", r.decoder.kvCacheBytes(contextOf(p), p.binding.batch, r.precision) },
        { "compute_bound_share", p.computeBoundShare }, { "linear_compute_bound_share", p.linearComputeBoundShare },
        { "subgraphs", p.subgraphs } };
}

std::string json(const GenerationResult& r)
{
    const DecoderInterface& d = r.decoder;
    nlohmann::json passes = nlohmann::json::array();
    for (const PassEstimate& p : r.decode)
        passes.push_back(passJson(p, r));
    nlohmann::json warnings = nlohmann::json::array();
    for (const Diagnostic& w : r.diagnostics)
        warnings.push_back(w.message);
    const GenerationMemory& m = r.memory;
    nlohmann::json doc = {
        { "model", { { "name", r.model }, { "file", r.modelPath } } },
        { "hardware", { { "id", r.hardwareId }, { "name", r.hardwareName } } },
        { "runtime", r.runtime },
        { "settings",
            { { "prompt_tokens", r.promptTokens }, { "generated_tokens", r.generatedTokens }, { "batch", r.batch },
                { "precision", std::string(precisionName(r.precision)) },
                { "weights", std::string(weightFormatName(r.weights.format)) },
                { "weight_group_size", r.weights.groupSize }, { "bytes_per_weight", r.bytesPerWeight },
                { "quantized_matmuls", r.quantizedMatMuls } } },
        { "decoder",
            { { "kv_cache", d.hasCache }, { "layers", d.layers }, { "kv_heads", d.kvHeads }, { "head_dim", d.headDim },
                { "kv_cache_bytes_per_token", r.kvCacheBytesPerToken }, { "past_inputs", d.pastInputs },
                { "present_outputs", d.presentOutputs } } },
        { "time_to_first_token_ms", reporting::estimationResultJson(r.timeToFirstToken) },
        { "decode_time_ms", reporting::estimationResultJson(r.decodeTime) },
        { "time_per_token_ms", reporting::estimationResultJson(r.timePerToken) },
        { "tokens_per_second", reporting::estimationResultJson(r.tokensPerSecond) },
        { "total_time_ms", reporting::estimationResultJson(r.totalTime) },
        { "prefill_energy_mj", reporting::estimationResultJson(r.prefillEnergy) },
        { "decode_energy_mj", reporting::estimationResultJson(r.decodeEnergy) },
        { "energy_per_token_mj", reporting::estimationResultJson(r.energyPerToken) },
        { "memory",
            { { "weight_bytes", m.weightBytes }, { "kv_cache_bytes", m.kvCacheBytes },
                { "activation_bytes", m.activationBytes }, { "total_bytes", m.totalBytes },
                { "device_bytes", m.capacityBytes }, { "fits", m.fits }, { "message", m.message } } },
        { "prefill", passJson(r.prefill, r) },
        { "decode_steps", passes },
        { "integration", r.integrationRule },
        { "warnings", warnings },
    };
    return doc.dump(2) + "\n";
}

std::string csv(const GenerationResult& r)
{
    std::ostringstream out;
    out << "model,hardware,runtime,precision,weights,batch,prompt_tokens,generated_tokens,ttft_ms,ttft_bound_pct,"
           "decode_ms,time_per_token_ms,tokens_per_s,tokens_per_s_bound_pct,energy_per_token_mj,prefill_energy_mj,"
           "weight_bytes,kv_cache_bytes,activation_bytes,total_memory_bytes,device_memory_bytes,fits,confidence\n";
    const GenerationMemory& m = r.memory;
    out << csvField(r.model) << ',' << r.hardwareId << ',' << r.runtime << ',' << precisionName(r.precision) << ','
        << weightFormatName(r.weights.format) << ',' << r.batch << ',' << r.promptTokens << ',' << r.generatedTokens
        << ',' << fixed(r.timeToFirstToken.value, 6) << ',' << fixed(r.timeToFirstToken.errorBoundPct, 1) << ','
        << fixed(r.decodeTime.value, 6) << ',' << fixed(r.timePerToken.value, 6) << ','
        << fixed(r.tokensPerSecond.value, 3) << ',' << fixed(r.tokensPerSecond.errorBoundPct, 1) << ','
        << fixed(r.energyPerToken.value, 6) << ',' << fixed(r.prefillEnergy.value, 6) << ','
        << fixed(m.weightBytes, 0) << ',' << fixed(m.kvCacheBytes, 0) << ',' << fixed(m.activationBytes, 0) << ','
        << fixed(m.totalBytes, 0) << ',' << fixed(m.capacityBytes, 0) << ',' << (m.fits ? "yes" : "no") << ','
        << confidenceName(r.tokensPerSecond.confidence) << '\n';
    return out.str();
}

/// Tokens per second of one decode step: the batch's tokens over its latency.
double stepRate(const PassEstimate& p)
{
    return p.latency.value > 0 ? static_cast<double>(p.binding.batch) * 1e3 / p.latency.value : 0;
}

std::string markdown(const GenerationResult& r)
{
    std::ostringstream out;
    out << "# Generation: " << r.model << " on " << r.hardwareId << "\n\n"
        << "Prompt " << r.promptTokens << " tokens, " << r.generatedTokens << " generated, batch " << r.batch << ", "
        << precisionName(r.precision) << ", weights " << weightsText(r) << ", runtime " << r.runtime << ". Decoder: "
        << decoderText(r) << ".\n\n"
        << "| quantity | estimate |\n|---|---:|\n"
        << "| time to first token (ms) | " << withBound(r.timeToFirstToken, 3) << " |\n"
        << "| decode time per token (ms) | " << withBound(r.timePerToken, 3) << " |\n"
        << "| tokens per second | " << withBound(r.tokensPerSecond, 1) << " |\n"
        << "| total time (ms) | " << withBound(r.totalTime, 1) << " |\n"
        << "| energy per token (mJ) | " << withBound(r.energyPerToken, 2) << " |\n"
        << "| prefill energy (mJ) | " << withBound(r.prefillEnergy, 1) << " |\n"
        << "| memory | " << memoryText(r.memory, r) << " |\n";
    if (!r.memory.fits)
        out << "\n**Does not fit:** " << r.memory.message << ".\n";
    out << "\n## Decode steps estimated\n\n| step | context | latency (ms) | tokens/s | bound | off-chip (MB) | "
           "KV cache |\n|---:|---:|---:|---:|---|---:|---:|\n";
    for (const PassEstimate& p : r.decode) {
        out << "| " << p.step << " | " << contextOf(p) << " | " << fixed(p.latency.value, 3) << " | "
            << fixed(stepRate(p), 1) << " | " << bottleneckName(p.bottleneck) << " | " << fixed(p.offChipBytes / 1e6, 1)
            << " | " << humanBytes(r.decoder.kvCacheBytes(contextOf(p), p.binding.batch, r.precision)) << " |\n";
    }
    out << "\n" << r.integrationRule << ".\n";
    return out.str();
}

std::string text(const GenerationResult& r)
{
    std::ostringstream out;
    out << padRight("model", 20) << r.model << " (" << r.modelPath << ")\n"
        << padRight("hardware", 20) << r.hardwareName << " (" << r.hardwareId << "), runtime " << r.runtime << '\n'
        << padRight("settings", 20) << "prompt " << r.promptTokens << ", " << r.generatedTokens << " tokens, batch "
        << r.batch << ", " << precisionName(r.precision) << '\n'
        << padRight("weights", 20) << weightsText(r) << '\n'
        << padRight("decoder", 20) << decoderText(r) << "\n\n"
        << padRight("time to first token", 22) << withBound(r.timeToFirstToken, 3, "ms") << " (prefill, "
        << bottleneckName(r.prefill.bottleneck) << "-bound)\n"
        << padRight("decode", 22) << withBound(r.timePerToken, 3, "ms per token") << " (" << fixed(r.decodeTime.value, 1)
        << " ms for " << r.generatedTokens << " tokens)\n"
        << padRight("tokens per second", 22) << withBound(r.tokensPerSecond, 1) << " (batch × tokens / decode time)\n"
        << padRight("total", 22) << fixed(r.totalTime.value, 1) << " ms\n"
        << padRight("energy", 22) << fixed(r.energyPerToken.value, 2) << " mJ per token (decode), prefill "
        << fixed(r.prefillEnergy.value, 1) << " mJ, ±" << fixed(r.energyPerToken.errorBoundPct, 0) << "% "
        << confidenceName(r.energyPerToken.confidence) << '\n'
        << padRight("memory", 22) << memoryText(r.memory, r) << '\n';
    if (!r.memory.fits)
        out << padRight("", 22) << "DOES NOT FIT: " << r.memory.message << '\n';
    out << "\ndecode steps estimated\n"
        << padLeft("step", 6) << padLeft("context", 9) << padLeft("latency ms", 12) << padLeft("tokens/s", 11) << "  "
        << padRight("bound", 9) << padLeft("off-chip MB", 12) << padLeft("KV cache", 12) << '\n';
    for (const PassEstimate& p : r.decode) {
        out << padLeft(std::to_string(p.step), 6) << padLeft(std::to_string(contextOf(p)), 9)
            << padLeft(fixed(p.latency.value, 3), 12) << padLeft(fixed(stepRate(p), 1), 11) << "  "
            << padRight(std::string(bottleneckName(p.bottleneck)), 9) << padLeft(fixed(p.offChipBytes / 1e6, 1), 12)
            << padLeft(humanBytes(r.decoder.kvCacheBytes(contextOf(p), p.binding.batch, r.precision)), 12) << '\n';
    }
    out << r.integrationRule << ".\n";
    return out.str();
}

} // namespace

std::string renderGeneration(const GenerationResult& result, ReportFormat format)
{
    switch (format) {
    case ReportFormat::Json: return json(result);
    case ReportFormat::Csv: return csv(result);
    case ReportFormat::Markdown: return markdown(result);
    case ReportFormat::Text: break;
    }
    return text(result);
}

} // namespace graphs
