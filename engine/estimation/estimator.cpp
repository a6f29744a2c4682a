#include "estimation/estimator.h"

#include <algorithm>
#include <map>

namespace graphs {

std::string_view confidenceName(Confidence c)
{
    switch (c) {
    case Confidence::Calibrated: return "CALIBRATED";
    case Confidence::Interpolated: return "INTERPOLATED";
    case Confidence::Theoretical: return "THEORETICAL";
    }
    return "THEORETICAL";
}

std::string_view bottleneckName(Bottleneck b)
{
    switch (b) {
    case Bottleneck::Compute: return "compute";
    case Bottleneck::Memory: return "memory";
    case Bottleneck::Overhead: return "overhead";
    case Bottleneck::None: return "none";
    }
    return "none";
}

double theoreticalErrorBoundPct(Bottleneck b)
{
    // Uncalibrated priors (docs/architecture/estimation.md): a vendor peak times a prior efficiency is rarely off by
    // more than a third for dense compute; bandwidth-bound work depends on cache behaviour the spec cannot tell;
    // fixed overheads vary most between runtimes.
    switch (b) {
    case Bottleneck::Compute: return 35;
    case Bottleneck::Memory: return 45;
    case Bottleneck::Overhead:
    case Bottleneck::None: return 75; // a zero-cost subgraph's 0 ms is exact; the band only keeps one rule for all
    }
    return 50;
}

namespace {

constexpr double kTheoreticalEnergyBoundPct = 60;

double energyPerOp(const HardwareSpec& spec, Precision p)
{
    auto it = spec.energyPjPerOp.find(p);
    if (it != spec.energyPjPerOp.end())
        return it->second;
    // Not listed: scale the fp32 figure by operand width (multiplier energy grows with it).
    auto fp32 = spec.energyPjPerOp.find(Precision::FP32);
    if (fp32 != spec.energyPjPerOp.end())
        return fp32->second * precisionBytes(p) / 4.0;
    return spec.energyPjPerOp.begin()->second;
}

EstimationResult result(double value, const char* unit, const std::string& source, double bound)
{
    return EstimationResult { value, unit, Confidence::Theoretical, source, bound };
}

} // namespace

Result<ModelEstimate> estimateModel(const GraphAnalysis& analysis, const Partition& partition,
    std::shared_ptr<const HardwareSpec> hardware, const EstimateOptions& options, const std::string& runtime)
{
    const HardwareSpec& spec = *hardware;
    const Precision p = options.precision;
    if (spec.peakOpsPerSecond(p) <= 0) {
        std::string supported;
        for (Precision q : spec.supportedPrecisions())
            supported += (supported.empty() ? "" : ", ") + std::string(precisionName(q));
        return Error { ErrorCode::InvalidArgument,
            spec.id + " has no " + std::string(precisionName(p)) + " throughput (it supports: " + supported + ")",
            spec.id };
    }
    if (spec.memory.empty())
        return Error { ErrorCode::InvalidData, spec.id + " has no memory levels", spec.file };

    ModelEstimate estimate;
    estimate.hardware = hardware;
    estimate.options = options;
    estimate.runtime = runtime;
    const auto mapper = makeMapper(spec.mapper, options.priors);
    const std::string source = "roofline, " + std::string(mapperName(spec.mapper)) + " mapper, " + spec.id
        + " specification (uncalibrated)";
    const double pjPerOp = energyPerOp(spec, p);

    double latency = 0;
    double boundWeighted = 0;
    double computeJ = 0;
    double memoryJ = 0;
    double staticJ = 0;
    std::vector<double> levelJ(spec.memory.size(), 0.0);
    std::map<Bottleneck, double> shareByBottleneck;

    for (const Subgraph& s : partition.subgraphs) {
        SubgraphEstimate e;
        e.subgraph = s.descriptor.id;
        e.mapped = mapper->map(s, spec, p);
        const MappedSubgraph& m = e.mapped;
        const double roof = std::max(m.computeSeconds, m.memorySeconds);
        const double seconds = roof + m.overheadSeconds;
        if (s.zeroCost)
            e.bottleneck = Bottleneck::None;
        else if (m.overheadSeconds > roof)
            e.bottleneck = Bottleneck::Overhead;
        else
            e.bottleneck = m.computeSeconds >= m.memorySeconds ? Bottleneck::Compute : Bottleneck::Memory;
        const double bound = theoreticalErrorBoundPct(e.bottleneck);
        e.latency = result(seconds * 1e3, "ms", source, bound);

        const double c = static_cast<double>(s.flops.total()) * pjPerOp * 1e-12;
        double mem = 0;
        e.energy.memoryByLevelJoules.assign(spec.memory.size(), 0.0);
        // Data served from a level passes through every level closer to the compute on its way.
        for (int level = 0; level <= m.memoryLevel; ++level) {
            const double j = m.bytesMoved * spec.memory[level].energyPjPerByte * 1e-12;
            e.energy.memoryByLevelJoules[level] = j;
            levelJ[level] += j;
            mem += j;
        }
        const double st = spec.idleWatts * seconds;
        e.energy.compute = result(c * 1e3, "mJ", source, kTheoreticalEnergyBoundPct);
        e.energy.memory = result(mem * 1e3, "mJ", source, kTheoreticalEnergyBoundPct);
        e.energy.staticPart = result(st * 1e3, "mJ", source, kTheoreticalEnergyBoundPct);
        e.energy.total = result((c + mem + st) * 1e3, "mJ", source, kTheoreticalEnergyBoundPct);

        latency += seconds;
        boundWeighted += seconds * bound;
        computeJ += c;
        memoryJ += mem;
        staticJ += st;
        shareByBottleneck[e.bottleneck] += seconds;
        estimate.subgraphs.push_back(std::move(e));
    }

    if (latency <= 0) {
        // Nothing runs a kernel (a graph of views): an inference still costs the runtime one dispatch.
        latency = spec.launchOverheadUs * 1e-6;
        boundWeighted = latency * theoreticalErrorBoundPct(Bottleneck::Overhead);
        staticJ += spec.idleWatts * latency;
        shareByBottleneck[Bottleneck::Overhead] += latency;
    }
    estimate.memory = estimateMemory(analysis, p);
    const double latencyBound = latency > 0 ? boundWeighted / latency : 0;
    ModelSummary& sum = estimate.summary;
    sum.latency = result(latency * 1e3, "ms", source, latencyBound);
    sum.throughput = result(latency > 0 ? static_cast<double>(options.batch) / latency : 0, "samples/s", source,
        latencyBound);
    sum.energy = result((computeJ + memoryJ + staticJ) * 1e3, "mJ", source, kTheoreticalEnergyBoundPct);
    sum.peakMemory = result(estimate.memory.peakBytes() / 1e6, "MB", "tensor liveness over the execution order", 10);
    double most = -1;
    for (const auto& [b, seconds] : shareByBottleneck) {
        if (b != Bottleneck::None && seconds > most) {
            most = seconds;
            sum.bottleneck = b;
        }
    }
    estimate.energy.compute = result(computeJ * 1e3, "mJ", source, kTheoreticalEnergyBoundPct);
    estimate.energy.memory = result(memoryJ * 1e3, "mJ", source, kTheoreticalEnergyBoundPct);
    estimate.energy.staticPart = result(staticJ * 1e3, "mJ", source, kTheoreticalEnergyBoundPct);
    estimate.energy.total = sum.energy;
    estimate.energy.memoryByLevelJoules = levelJ;
    return estimate;
}

} // namespace graphs
