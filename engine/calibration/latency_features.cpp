#include "calibration/latency_features.h"

namespace graphs {

std::string calibrationClass(const Subgraph& subgraph)
{
    if (subgraph.opClass == OpClass::Convolution)
        return "conv-" + (subgraph.convKind.empty() ? std::string("standard") : subgraph.convKind);
    std::string name(opClassName(subgraph.opClass));
    for (char& c : name)
        c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return name;
}

LatencyFeatures latencyFeatures(const Partition& partition, const ModelEstimate& estimate)
{
    LatencyFeatures f;
    for (size_t i = 0; i < partition.subgraphs.size() && i < estimate.subgraphs.size(); ++i) {
        const Subgraph& s = partition.subgraphs[i];
        if (s.zeroCost)
            continue;
        const MappedSubgraph& m = estimate.subgraphs[i].mapped;
        const std::string key = calibrationClass(s);
        f.computeSeconds[key] += m.computeSeconds;
        f.memorySeconds[key] += m.memorySeconds;
        ++f.kernels;
    }
    f.theoreticalSeconds = estimate.summary.latency.value / 1000;
    return f;
}

Result<LatencyFeatures> latencyFeatures(const AnalysisRequest& request)
{
    auto outcome = runAnalysis(request);
    if (!outcome)
        return outcome.error();
    if (!outcome->partition || !outcome->estimate)
        return Error { ErrorCode::InvalidArgument, "no hardware to estimate on", request.modelPath };
    return latencyFeatures(*outcome->partition, *outcome->estimate);
}

} // namespace graphs
