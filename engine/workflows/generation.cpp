#include "workflows/generation.h"

#include "estimation/analysis_pipeline.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <set>

namespace graphs {

namespace {

Error cancelled(const std::string& model)
{
    return Error { ErrorCode::Cancelled, "generation estimate cancelled", model };
}

double tensorBytes(const TensorDescriptor& t, Precision precision)
{
    auto n = t.elementCount();
    if (!n)
        return 0;
    return static_cast<double>(*n)
        * (isFloatingPoint(t.dtype) ? precisionBytes(precision) : static_cast<double>(bytesPerElement(t.dtype)));
}

/// The peak of live activations over the pass with the cache tensors taken out (they are the KV-cache term): a past
/// input is live from the start to its last reader, a present output from its producer to the end, as
/// estimateMemory() counts them.
double activationPeakWithoutCache(const ComputeGraph& g, const MemoryProfile& memory, Precision precision,
    const DecoderInterface& decoder)
{
    const size_t nodes = memory.liveBytesAfterNode.size();
    std::vector<double> delta(nodes + 1, 0.0);
    for (const std::string& name : decoder.pastInputs) {
        const int t = g.findTensor(name);
        if (t < 0 || g.tensor(t).consumers.empty())
            continue;
        const int last = *std::max_element(g.tensor(t).consumers.begin(), g.tensor(t).consumers.end());
        const double bytes = tensorBytes(g.tensor(t), precision);
        delta[0] += bytes;
        delta[static_cast<size_t>(last) + 1] -= bytes;
    }
    for (const std::string& name : decoder.presentOutputs) {
        const int t = g.findTensor(name);
        if (t >= 0 && g.tensor(t).producer >= 0 && static_cast<size_t>(g.tensor(t).producer) < nodes)
            delta[static_cast<size_t>(g.tensor(t).producer)] += tensorBytes(g.tensor(t), precision);
    }
    double cache = 0;
    double peak = 0;
    for (size_t i = 0; i < nodes; ++i) {
        cache += delta[i];
        peak = std::max(peak, memory.liveBytesAfterNode[i] - cache);
    }
    return peak;
}

struct Pass
{
    PassEstimate estimate;
    double weightBytesStored = 0; ///< every weight of the model as stored (not only those read)
    Diagnostics diagnostics;
    int64_t quantizedMatMuls = 0;
};

std::string describeBinding(const DecoderBinding& b, int64_t step)
{
    const std::string lengths = "sequence " + std::to_string(b.sequence) + ", past " + std::to_string(b.past)
        + ", batch " + std::to_string(b.batch);
    return step < 0 ? "prefill (" + lengths + ")" : "decode step " + std::to_string(step) + " (" + lengths + ")";
}

Result<Pass> estimatePass(const GenerationRequest& request, const DecoderInterface& decoder,
    const DecoderBinding& binding, int64_t step)
{
    const auto prefix = [&](Error e) {
        if (e.code != ErrorCode::Cancelled)
            e.message = describeBinding(binding, step) + ": " + e.message;
        return e;
    };
    auto imported = importOnnxFile(request.modelPath, decoder.bind(binding));
    if (!imported)
        return prefix(imported.error());
    auto quantized = quantizeWeights(*imported->graph, request.weights);
    if (!quantized)
        return prefix(quantized.error());
    auto analysis = analyzeGraph(quantized->graph);
    if (!analysis)
        return prefix(analysis.error());
    auto estimated = estimateOn(*analysis, request.hardware, request.precision, request.fusion, binding.batch);
    if (!estimated)
        return prefix(estimated.error());
    auto& [partition, estimate] = *estimated;
    if (request.refine)
        request.refine(*analysis, partition, estimate);

    Pass pass;
    pass.diagnostics = imported->diagnostics;
    pass.diagnostics.insert(pass.diagnostics.end(), analysis->diagnostics.begin(), analysis->diagnostics.end());
    pass.quantizedMatMuls = quantized->matMuls;
    pass.weightBytesStored = estimate.memory.weightBytes;
    PassEstimate& p = pass.estimate;
    p.binding = binding;
    p.step = step;
    p.latency = estimate.summary.latency;
    p.energy = estimate.summary.energy;
    p.bottleneck = estimate.summary.bottleneck;
    p.subgraphs = static_cast<int>(partition.subgraphs.size());
    const size_t offChip = request.hardware->memory.size() - 1;
    double computeSeconds = 0;
    double linearSeconds = 0;
    double linearComputeSeconds = 0;
    for (size_t i = 0; i < partition.subgraphs.size(); ++i) {
        const Subgraph& s = partition.subgraphs[i];
        const SubgraphEstimate& e = estimate.subgraphs[i];
        p.flops += e.mapped.executedMatrixFlops + static_cast<double>(s.flops.vector + s.flops.transcendental);
        p.offChipBytes += e.traffic.servedBytes.empty() ? 0 : e.traffic.servedBytes[offChip];
        p.weightBytes += e.traffic.weightBytes;
        const double ms = e.latency.value;
        if (e.bottleneck == Bottleneck::Compute)
            computeSeconds += ms;
        const bool linear = s.opClass == OpClass::Matrix && s.weightBytesRead > 0;
        if (linear) {
            linearSeconds += ms;
            if (e.bottleneck == Bottleneck::Compute)
                linearComputeSeconds += ms;
        }
    }
    const double total = p.latency.value;
    p.computeBoundShare = total > 0 ? computeSeconds / total : 0;
    p.linearComputeBoundShare = linearSeconds > 0 ? linearComputeSeconds / linearSeconds : 0;
    p.activationBytes
        = activationPeakWithoutCache(*analysis->graph, estimate.memory, request.precision, decoder);
    return pass;
}

/// Σ w_i · r_i over the samples, with the worst confidence among them and the value-weighted mean of their bounds.
EstimationResult integrate(const std::vector<std::pair<EstimationResult, double>>& terms, const std::string& unit,
    const std::string& source)
{
    EstimationResult out;
    out.unit = unit;
    out.source = source;
    out.confidence = Confidence::Calibrated;
    double weightedBound = 0;
    for (const auto& [r, w] : terms) {
        out.value += w * r.value;
        weightedBound += w * r.value * r.errorBoundPct;
        out.confidence = std::max(out.confidence, r.confidence);
    }
    out.errorBoundPct = out.value > 0 ? weightedBound / out.value : 0;
    return out;
}

EstimationResult scaled(EstimationResult r, double factor, const std::string& unit)
{
    r.value *= factor;
    r.unit = unit;
    return r;
}

std::string gigabytes(double bytes)
{
    char text[32];
    std::snprintf(text, sizeof text, "%.2f GB", bytes / 1e9);
    return text;
}

Status checkRequest(const GenerationRequest& r)
{
    auto bad = [&](const std::string& what) { return Error { ErrorCode::InvalidArgument, what, r.modelPath }; };
    if (!r.hardware)
        return bad("no hardware to estimate on");
    if (r.promptTokens < 1)
        return bad("the prompt must have at least one token, got " + std::to_string(r.promptTokens));
    if (r.generatedTokens < 1)
        return bad("at least one token must be generated, got " + std::to_string(r.generatedTokens));
    if (r.batch < 1)
        return bad("batch size must be positive, got " + std::to_string(r.batch));
    if (r.decodeSamples < 2)
        return bad("at least two decode steps must be estimated (the first and the last)");
    if (r.promptTokens > (int64_t { 1 } << 40) || r.generatedTokens > (int64_t { 1 } << 40))
        return bad("the context is too long to count");
    return Ok {};
}

} // namespace

std::vector<std::pair<int64_t, double>> decodeQuadrature(int64_t tokens, int samples)
{
    std::vector<std::pair<int64_t, double>> out;
    if (tokens < 1)
        return out;
    const int64_t k = std::clamp<int64_t>(samples, 1, tokens);
    std::set<int64_t> steps { 0, tokens - 1 };
    for (int64_t i = 1; i + 1 < k; ++i)
        steps.insert(static_cast<int64_t>(std::llround(static_cast<double>(i) * static_cast<double>(tokens - 1)
            / static_cast<double>(k - 1))));
    for (int64_t t : steps)
        out.emplace_back(t, 0.0);
    if (out.size() == 1) {
        out[0].second = 1;
        return out;
    }
    // Segment [a, b] holds b − a + 1 steps whose interpolated values average (f(a) + f(b)) / 2; a sample shared by
    // two segments is counted by both, once too often.
    for (size_t i = 0; i + 1 < out.size(); ++i) {
        const double half = static_cast<double>(out[i + 1].first - out[i].first + 1) / 2.0;
        out[i].second += half;
        out[i + 1].second += half;
        if (i > 0)
            out[i].second -= 1;
    }
    return out;
}

Result<GenerationResult> runGeneration(const GenerationRequest& request, const ProgressCallback& progress)
{
    if (auto s = checkRequest(request); !s)
        return s.error();
    auto io = readOnnxInterface(request.modelPath);
    if (!io)
        return io.error();
    auto decoder = describeDecoder(*io, request.modelPath);
    if (!decoder)
        return decoder.error();

    const int64_t P = request.promptTokens;
    const int64_t T = request.generatedTokens;
    const auto quadrature = decodeQuadrature(T, request.decodeSamples);
    const double passes = 1.0 + static_cast<double>(quadrature.size());
    double done = 0;
    const auto report = [&] { return !progress || progress(std::min(1.0, done / passes)); };
    if (!report())
        return cancelled(request.modelPath);

    GenerationResult result;
    result.modelPath = request.modelPath;
    result.model = std::filesystem::path(request.modelPath).stem().string();
    result.hardwareId = request.hardware->id;
    result.hardwareName = request.hardware->name;
    result.runtime = request.fusion.runtimeId;
    result.precision = request.precision;
    result.weights = request.weights;
    result.promptTokens = P;
    result.generatedTokens = T;
    result.batch = request.batch;
    result.decoder = *decoder;

    auto prefill = estimatePass(request, *decoder, { request.batch, P, 0 }, -1);
    if (!prefill)
        return prefill.error();
    done += 1;
    if (!report())
        return cancelled(request.modelPath);
    result.prefill = prefill->estimate;
    result.diagnostics = prefill->diagnostics;
    result.quantizedMatMuls = prefill->quantizedMatMuls;
    const double scaleBytes = precisionBytes(request.precision);
    result.bytesPerWeight = request.weights.bytesPerWeight(scaleBytes);

    std::vector<std::pair<EstimationResult, double>> latencyTerms;
    std::vector<std::pair<EstimationResult, double>> energyTerms;
    double activations = result.prefill.activationBytes;
    std::string steps;
    for (const auto& [t, weight] : quadrature) {
        // Step t makes token t + 2 of the output from a context of P + t + 1 tokens: the prompt and the t + 1
        // tokens generated so far (the prefill made the first); with a cache, P + t of them are in it.
        const DecoderBinding binding = decoder->hasCache ? DecoderBinding { request.batch, 1, P + t }
                                                         : DecoderBinding { request.batch, P + t + 1, 0 };
        auto pass = estimatePass(request, *decoder, binding, t);
        if (!pass)
            return pass.error();
        done += 1;
        if (!report())
            return cancelled(request.modelPath);
        latencyTerms.emplace_back(pass->estimate.latency, weight);
        energyTerms.emplace_back(pass->estimate.energy, weight);
        activations = std::max(activations, pass->estimate.activationBytes);
        steps += (steps.empty() ? "" : ", ") + std::to_string(t);
        result.decode.push_back(pass->estimate);
    }
    result.integrationRule = "decode steps " + steps + " of 0…" + std::to_string(T - 1)
        + " estimated; the latency and energy of the steps between are interpolated linearly and summed (exact "
          "when they are affine in the context)";
    const std::string source = result.prefill.latency.source + "; " + result.integrationRule;

    result.timeToFirstToken = result.prefill.latency;
    result.prefillEnergy = result.prefill.energy;
    result.decodeTime = integrate(latencyTerms, "ms", source);
    result.decodeEnergy = integrate(energyTerms, "mJ", source);
    result.timePerToken = scaled(result.decodeTime, 1.0 / static_cast<double>(T), "ms");
    const double decodeSeconds = result.decodeTime.value / 1e3;
    result.tokensPerSecond = scaled(result.decodeTime, 0, "tokens/s");
    result.tokensPerSecond.value
        = decodeSeconds > 0 ? static_cast<double>(request.batch * T) / decodeSeconds : 0;
    result.totalTime = result.decodeTime;
    result.totalTime.value += result.timeToFirstToken.value;
    result.totalTime.errorBoundPct = result.totalTime.value > 0
        ? (result.decodeTime.value * result.decodeTime.errorBoundPct
              + result.timeToFirstToken.value * result.timeToFirstToken.errorBoundPct)
            / result.totalTime.value
        : 0;
    result.totalTime.confidence = std::max(result.decodeTime.confidence, result.timeToFirstToken.confidence);
    result.energyPerToken
        = scaled(result.decodeEnergy, 1.0 / static_cast<double>(request.batch * T), "mJ/token");
    result.kvCacheBytesPerToken = decoder->kvCacheBytes(1, 1, request.precision);

    GenerationMemory& m = result.memory;
    m.weightBytes = prefill->weightBytesStored;
    m.kvCacheBytes = decoder->kvCacheBytes(P + T, request.batch, request.precision);
    m.activationBytes = activations;
    m.totalBytes = m.weightBytes + m.kvCacheBytes + m.activationBytes;
    m.capacityBytes = request.hardware->offChipMemory().totalCapacityBytes();
    m.fits = m.capacityBytes <= 0 || m.totalBytes <= m.capacityBytes;
    if (!m.fits) {
        m.message = "weights " + gigabytes(m.weightBytes) + " + KV cache " + gigabytes(m.kvCacheBytes)
            + " (" + std::to_string(P + T) + " tokens × batch " + std::to_string(request.batch)
            + ") + activations " + gigabytes(m.activationBytes) + " = " + gigabytes(m.totalBytes) + " > "
            + gigabytes(m.capacityBytes) + " of " + request.hardware->offChipMemory().name + " on "
            + request.hardware->id + "; quantise the weights (--weights int4), lower the batch or shorten the context";
    }
    return result;
}

} // namespace graphs
