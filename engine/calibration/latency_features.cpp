#include "calibration/latency_features.h"

#include "hardware/mapper.h"

#include <algorithm>
#include <cctype>
#include <limits>

namespace graphs {

namespace {

bool endsWith(const std::string& text, const std::string& suffix)
{
    return text.size() >= suffix.size() && text.compare(text.size() - suffix.size(), suffix.size(), suffix) == 0;
}

/// Classes whose main work runs on the GEMM path (blocked, packed): their FLOPs are held to the matrix peak and
/// their shapes decide the packing and epilogue terms. Depthwise convolutions run a direct kernel.
bool gemmShaped(const std::string& opClass)
{
    return opClass == "matrix" || opClass == "conv-standard" || opClass == "conv-pointwise"
        || opClass == "conv-grouped";
}

} // namespace

double termPrior(const std::string& key)
{
    return endsWith(key, ":compute") || endsWith(key, ":memory") || endsWith(key, ":host") ? 1.0 : 0.0;
}

std::string termUnit(const std::string& key)
{
    if (endsWith(key, ":compute") || endsWith(key, ":memory") || endsWith(key, ":host"))
        return "×";
    if (endsWith(key, ":kernels"))
        return "s/kernel";
    if (key == "run:io")
        return "s/byte";
    return "s/element";
}

std::string calibrationClass(const Subgraph& subgraph)
{
    if (subgraph.opClass == OpClass::Convolution)
        return "conv-" + (subgraph.convKind.empty() ? std::string("standard") : subgraph.convKind);
    std::string name(opClassName(subgraph.opClass));
    for (char& c : name)
        c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return name;
}

SubgraphFeatures kernelFeatures(const std::string& opClass, double flops, double bytes, const RooflineFit& roofs,
    const std::vector<LevelBytes>& levels)
{
    SubgraphFeatures f;
    f.opClass = opClass;
    f.flops = flops;
    f.bytes = bytes;
    const double peak = gemmShaped(opClass) ? roofs.matrixPeak : roofs.vectorPeak;
    f.terms[opClass + ":compute"] = peak > 0 ? flops / peak : 0;
    // The bytes each level serves stream at the bandwidth measured for a working set that level can hold: the
    // kernel's own, or the level's usable capacity when the kernel's exceeds it. Without a traffic split, all
    // bytes at the kernel's working set.
    double memory = 0;
    if (levels.empty()) {
        const double bandwidth = roofs.bandwidthAt(bytes);
        memory = bandwidth > 0 ? bytes / bandwidth : 0;
    }
    for (const LevelBytes& l : levels) {
        const double bandwidth = roofs.bandwidthAt(std::min(l.capacityBytes, bytes));
        memory += bandwidth > 0 ? l.bytes / bandwidth : 0;
    }
    f.terms[opClass + ":memory"] = memory;
    f.terms[opClass + ":kernels"] = 1;
    return f;
}

double tf32ConvolutionShare(
    const std::string& opClass, const HardwareSpec& spec, Precision precision, bool tf32Convolutions)
{
    if (!tf32Convolutions || precision != Precision::FP32 || !opClass.starts_with("conv-") || !gemmShaped(opClass))
        return 1;
    const double tf32 = spec.peakOpsPerSecond(Precision::TF32, Datapath::Matrix);
    return tf32 > 0 ? mapping::matrixPeak(spec, Precision::FP32) / tf32 : 1;
}

LatencyFeatures latencyFeatures(const GraphAnalysis& analysis, const Partition& partition,
    const ModelEstimate& estimate, const RooflineFit& roofs)
{
    LatencyFeatures f;
    const Precision precision = estimate.options.precision;
    for (size_t i = 0; i < partition.subgraphs.size(); ++i) {
        const Subgraph& s = partition.subgraphs[i];
        if (s.zeroCost)
            continue;
        // The traffic model says which level serves which bytes (first touches of weights and inputs and
        // activations evicted between kernels come from off-chip memory); its total adds the write-backs.
        const SubgraphTraffic& traffic = estimate.subgraphs[i].traffic;
        std::vector<LevelBytes> levels;
        if (estimate.hardware && traffic.servedBytes.size() == estimate.hardware->memory.size()) {
            for (size_t l = 0; l < traffic.servedBytes.size(); ++l) {
                const bool offChip = l + 1 == traffic.servedBytes.size();
                const double capacity = offChip ? std::numeric_limits<double>::max()
                                                : traffic::kUsableCapacityShare
                        * estimate.hardware->memory[l].totalCapacityBytes();
                levels.push_back({ traffic.servedBytes[l], capacity });
            }
        }
        const double bytes = std::max(mapping::bytesAtPrecision(s, precision), traffic.totalBytes());
        SubgraphFeatures k = kernelFeatures(calibrationClass(s), static_cast<double>(s.flops.total()), bytes, roofs,
            levels);
        k.subgraph = static_cast<int>(i);
        k.macFlops = 2.0 * static_cast<double>(s.macs);
        if (estimate.hardware)
            k.terms[k.opClass + ":compute"]
                *= tf32ConvolutionShare(k.opClass, *estimate.hardware, precision, estimate.options.tf32Convolutions);
        // On a GPU the FLOPs run where the mapper puts them: on its tiles (their padding, the SMs a partial wave
        // leaves idle, a small tile's reuse), or on the CUDA cores (a skinny product or convolution as a GEMV, a
        // grouped convolution) at their fill of the SMs. The compute term is the FLOPs at that datapath's roof (the
        // vector roof for the CUDA cores, whatever the class) over the mapper's utilisation.
        if (estimate.hardware && estimate.hardware->mapper == MapperKind::Gpu && gemmShaped(k.opClass)) {
            const MappedSubgraph& mapped = estimate.subgraphs[i].mapped;
            double& compute = k.terms[k.opClass + ":compute"];
            if (mapped.datapath == "vector")
                compute = roofs.vectorPeak > 0 ? k.flops / roofs.vectorPeak : 0;
            if (mapped.utilisation > 0 && mapped.utilisation < 1)
                compute /= mapped.utilisation;
        }
        if (const double host = estimate.subgraphs[i].mapped.hostSeconds; host > 0)
            k.terms[k.opClass + ":host"] = host;
        if (gemmShaped(k.opClass) && s.macs > 0) {
            // GEMM view of the kernel: M = output channels (or features), N = output positions, batched.
            const double b = static_cast<double>(std::max<int64_t>(1, s.parallelism.batch));
            const double m = static_cast<double>(std::max<int64_t>(1, s.parallelism.channels));
            const double n = static_cast<double>(std::max<int64_t>(1, s.parallelism.spatial));
            const double kDim = static_cast<double>(s.macs) / (b * m * n);
            k.terms[k.opClass + ":outputs"] = b * m * n;
            k.terms[k.opClass + ":inputs"] = b * n * kDim;
            k.terms[k.opClass + ":weights"] = b * m * kDim;
        }
        f.subgraphs.push_back(std::move(k));
    }
    double io = 0;
    if (analysis.graph) {
        for (const TensorDescriptor& t : analysis.graph->tensors()) {
            if ((t.isGraphInput && !t.isInitializer) || t.isGraphOutput) {
                if (auto bytes = t.byteSize())
                    io += static_cast<double>(*bytes);
            }
        }
    }
    f.runTerms["run:io"] = io;
    if (const double sync = hostSyncSeconds(estimate.options, *estimate.hardware); sync > 0)
        f.runTerms["run:host"] = sync;
    f.theoreticalSeconds = estimate.summary.latency.value / 1000;
    return f;
}

FeatureVector LatencyFeatures::total() const
{
    FeatureVector sum = runTerms;
    for (const SubgraphFeatures& k : subgraphs)
        for (const auto& [key, value] : k.terms)
            sum[key] += value;
    return sum;
}

Result<LatencyFeatures> latencyFeatures(const AnalysisRequest& request, const RooflineFit& roofs)
{
    auto outcome = runAnalysis(request);
    if (!outcome)
        return outcome.error();
    if (!outcome->partition || !outcome->estimate)
        return Error { ErrorCode::InvalidArgument, "no hardware to estimate on", request.modelPath };
    return latencyFeatures(*outcome->analysis, *outcome->partition, *outcome->estimate, roofs);
}

} // namespace graphs
