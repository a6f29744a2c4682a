#include "benchmarks/subgraph_records.h"

#include "calibration/latency_features.h"
#include "hardware/mapper.h"
#include "ir/compute_graph.h"
#include "transform/partition.h"

#include <cmath>
#include <filesystem>
#include <map>

namespace graphs {

std::string SubgraphRecords::summary() const
{
    const double profiled = match.matchedSeconds + match.unmatchedSeconds;
    const long share = std::lround(100 * match.matchedSeconds / std::max(profiled, 1e-12));
    return model + ": " + std::to_string(match.secondsBySubgraph.size()) + " subgraphs timed by the profiler; "
        + std::to_string(share) + "% of the profiled time matched, " + std::to_string(match.unmatched.size())
        + " runtime node(s) unmatched";
}

SubgraphRecords subgraphRecords(const ComputeGraph& graph, const Partition& partition, const BenchmarkResult& run,
    Precision precision, const std::string& date)
{
    SubgraphRecords out;
    out.model = std::filesystem::path(run.model.empty() ? run.modelPath : run.model).stem().string();
    out.match = matchNodeTimes(graph, partition, run.nodes);
    // Which runtime nodes went to which subgraph: matched one at a time, as matchNodeTimes matches each.
    std::map<int, std::vector<std::string>> kernels;
    for (const NodeTiming& node : run.nodes) {
        const NodeTimeMatch one = matchNodeTimes(graph, partition, { node });
        if (!one.secondsBySubgraph.empty())
            kernels[one.secondsBySubgraph.begin()->first].push_back(node.name);
    }
    for (const auto& [index, seconds] : out.match.secondsBySubgraph) {
        if (!(seconds > 0) || index < 0 || static_cast<size_t>(index) >= partition.subgraphs.size())
            continue;
        const Subgraph& s = partition.subgraphs[static_cast<size_t>(index)];
        MeasurementRecord r;
        r.date = date;
        r.benchmark = out.model + "/sg" + std::to_string(index);
        r.kind = MeasurementKind::Subgraph;
        r.runtime = run.runtime;
        r.runtimeVersion = run.runtimeVersion;
        r.batch = run.batch;
        r.threads = run.threads;
        r.samples = 1; // the profiler's mean over its own iterations
        r.minMs = r.medianMs = r.meanMs = r.p90Ms = seconds * 1000;
        r.precision = run.precision;
        r.warmup = run.warmup;
        r.pinned = run.pinned;
        r.materializedWeights = run.materializedWeights;
        std::string names;
        for (const std::string& k : kernels[index])
            names += (names.empty() ? "" : ", ") + k;
        // "(class)" is the subgraph's calibration class, which calibration reads back (training_data.cpp).
        r.detail = s.fusion + " (" + calibrationClass(s) + ") " + s.label + (names.empty() ? std::string() : ": " + names);
        r.flops = static_cast<double>(s.flops.total());
        r.bytes = mapping::bytesAtPrecision(s, precision);
        out.rows.push_back(std::move(r));
    }
    return out;
}

} // namespace graphs
