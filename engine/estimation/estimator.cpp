#include "estimation/estimator.h"

#include <algorithm>
#include <map>

namespace graphs {

std::string_view confidenceName(Confidence c)
{
    switch (c) {
    case Confidence::Calibrated: return "CALIBRATED";
    case Confidence::Extrapolated: return "EXTRAPOLATED";
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

/// The host cost of a kernel's operators on the hardware's host core, in seconds.
double hostSeconds(const HostCosts& host, const GraphAnalysis& analysis, const Subgraph& s, const HardwareSpec& spec)
{
    double seconds = 0;
    for (int n : s.descriptor.nodes)
        seconds += hostOperatorSeconds(host, std::string(opClassName(analysis.nodes[static_cast<size_t>(n)].opClass)),
            spec);
    return seconds;
}

constexpr double kTheoreticalEnergyBoundPct = 60;
constexpr double kLowestClockShare = 0.3; ///< DVFS does not go lower; below it the limit is reported exceeded

double energyPerOp(const HardwareSpec& spec, Precision p)
{
    auto it = spec.energyPjPerOp.find(p);
    if (it != spec.energyPjPerOp.end())
        return it->second;
    // Not listed: scale the fp32 figure by operand width (multiplier energy grows with it).
    auto fp32 = spec.energyPjPerOp.find(Precision::FP32);
    if (fp32 != spec.energyPjPerOp.end())
        return fp32->second * precisionBytes(p) / 4.0;
    return spec.energyPjPerOp.empty() ? 0 : spec.energyPjPerOp.begin()->second;
}

double vectorEnergyPerOp(const HardwareSpec& spec, Precision p)
{
    auto it = spec.vectorEnergyPjPerOp.find(p);
    return it != spec.vectorEnergyPjPerOp.end() ? it->second : energyPerOp(spec, p);
}

EstimationResult result(double value, const char* unit, const std::string& source, double bound)
{
    return EstimationResult { value, unit, Confidence::Theoretical, source, bound };
}

/// What a subgraph costs at a core clock share f: compute time scales with 1/f, compute energy with f² (voltage
/// follows the clock), memory time and energy and the fixed overhead do not.
struct SubgraphCost
{
    double computeSeconds = 0;
    double memorySeconds = 0;
    double overheadSeconds = 0;
    double computeJoules = 0;
    double memoryJoules = 0;
    double hostSeconds = 0; ///< the framework's cost on the host core before the kernel can run

    double seconds(double f) const { return std::max(computeSeconds / f, memorySeconds) + overheadSeconds; }
};

/// Host and device in one timeline (docs/architecture/estimation.md, "Host cost of an eager framework"). On a CPU
/// the host core runs the kernels too: a kernel starts when its dispatch is done, so the two add. A GPU or an
/// accelerator runs a kernel while the host dispatches the next ones: a kernel starts when the device is free and its
/// own dispatch is done.
struct Timeline
{
    bool overlapped = false;
    double host = 0;   ///< when the host finishes dispatching the kernels so far
    double device = 0; ///< when the device finishes them

    /// Adds one kernel and returns how much later the last kernel now finishes.
    double add(double hostSeconds, double deviceSeconds)
    {
        const double before = device;
        if (overlapped) {
            host += hostSeconds;
            device = std::max(device, host) + deviceSeconds;
        } else {
            device += hostSeconds + deviceSeconds;
        }
        return device - before;
    }
};

struct ModelCost
{
    std::vector<SubgraphCost> parts;
    double staticWatts = 0;
    double callSeconds = 0; ///< once per inference: a compiled program's dispatch, an eager caller's synchronisation
    bool hostOverlaps = false;

    double seconds(double f) const
    {
        Timeline timeline { hostOverlaps };
        for (const SubgraphCost& c : parts)
            timeline.add(c.hostSeconds, c.seconds(f));
        return timeline.device + callSeconds;
    }
    double dynamicJoules(double f) const
    {
        double e = 0;
        for (const SubgraphCost& c : parts)
            e += c.computeJoules * f * f + c.memoryJoules;
        return e;
    }
    /// Static power follows the clock too: the voltage that DVFS lowers with it drives the leakage.
    double watts(double f) const
    {
        const double t = seconds(f);
        return t > 0 ? staticWatts * f + dynamicJoules(f) / t : staticWatts * f;
    }
};

/// The highest clock share up to `ceiling` at which the modelled power meets `limit`: power falls monotonically with
/// the clock, so bisection finds it.
double clockShareUnder(const ModelCost& cost, double limit, double ceiling)
{
    if (limit <= 0 || cost.watts(ceiling) <= limit)
        return ceiling;
    if (cost.watts(kLowestClockShare) > limit)
        return kLowestClockShare;
    double lo = kLowestClockShare;
    double hi = ceiling;
    for (int i = 0; i < 60; ++i) {
        const double mid = 0.5 * (lo + hi);
        (cost.watts(mid) > limit ? hi : lo) = mid;
    }
    return lo;
}

} // namespace

double hostOperatorSeconds(const HostCosts& host, const std::string& opClass, const HardwareSpec& hardware)
{
    double us = host.dispatch(opClass);
    if (hardware.mapper != MapperKind::Cpu && opClass != "view" && opClass != "metadata") {
        const auto call = host.deviceCallUs.find(opClass);
        us = call != host.deviceCallUs.end() ? call->second : us + host.launchUs;
    }
    return us * 1e-6 / hardware.host.relativeSpeed;
}

double hostSyncSeconds(const EstimateOptions& options, const HardwareSpec& hardware)
{
    if (!options.hostCosts || hardware.mapper == MapperKind::Cpu)
        return 0;
    return options.hostCosts->syncUs * 1e-6 / hardware.host.relativeSpeed;
}

Precision mathPrecision(const Subgraph& subgraph, const HardwareSpec& spec, const EstimateOptions& options)
{
    if (options.tf32Convolutions && options.precision == Precision::FP32 && subgraph.opClass == OpClass::Convolution
        && spec.peakOpsPerSecond(Precision::TF32, Datapath::Matrix) > 0)
        return Precision::TF32;
    return options.precision;
}

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
    // A compiled accelerator program sequences its layers on the chip: the spec's dispatch cost (rule L3) is paid once
    // per inference, and a layer costs only its pipeline fill and drain (in the mapper). CPUs and GPUs pay per kernel.
    const bool perCall = spec.mapper == MapperKind::Systolic;
    const double launchUs = options.kernelOverheadUs.value_or(perCall ? 0.0 : spec.launchOverheadUs);
    // An eager framework pays its host cost per operator on the device's host core, and its caller waits for a
    // GPU or an accelerator once per inference.
    const bool onDevice = spec.mapper != MapperKind::Cpu;
    const double callSeconds = (perCall ? spec.launchOverheadUs * 1e-6 : 0.0) + hostSyncSeconds(options, spec);
    // A GPU kernel or an accelerator layer cannot finish before its first loads and its last stores have each made
    // a round trip to off-chip memory (the next kernel or layer depends on them): two latencies per kernel.
    const double roundTrips = spec.mapper == MapperKind::Cpu ? 0.0
                                                             : 2.0 * mapping::offChipLatencySeconds(spec);
    const double matrixPj = energyPerOp(spec, p);
    const Precision vp = mapping::vectorPrecision(spec, p);
    const double vectorPj = vectorEnergyPerOp(spec, vp);

    // Compute side first: how many units each kernel occupies decides how much of the private caches holds its data.
    std::vector<MappedSubgraph> mapped;
    TrafficOptions trafficOptions;
    trafficOptions.precision = p;
    mapped.reserve(partition.subgraphs.size());
    for (const Subgraph& s : partition.subgraphs) {
        MappedSubgraph m = mapper->map(s, spec, mathPrecision(s, spec, options));
        m.overheadSeconds = s.zeroCost ? 0 : launchUs * 1e-6 + roundTrips;
        if (options.hostCosts)
            m.hostSeconds = hostSeconds(*options.hostCosts, analysis, s, spec);
        trafficOptions.activeShare.push_back(m.activeShare);
        mapped.push_back(std::move(m));
    }
    std::vector<SubgraphTraffic> traffic = modelTraffic(analysis, partition, spec, trafficOptions);

    ModelCost cost;
    cost.staticWatts = spec.staticWatts > 0 ? spec.staticWatts : spec.idleWatts;
    cost.callSeconds = callSeconds;
    cost.hostOverlaps = onDevice;
    for (size_t i = 0; i < partition.subgraphs.size(); ++i) {
        const Subgraph& s = partition.subgraphs[i];
        MappedSubgraph& m = mapped[i];
        std::vector<double> through(spec.memory.size(), 0.0);
        for (size_t level = 0; level < through.size(); ++level)
            through[level] = traffic[i].throughBytes(level);
        // Operand re-reads between tiles come from the closest level that holds data across tiles (the first on-chip
        // level data stays in between kernels: GPU L2, an accelerator's SRAM) and pass every closer level.
        if (m.tileRereadBytes > 0 && spec.memory.size() > 1) {
            const int holder = std::min(traffic::firstInterKernelLevel(spec), spec.lastOnChipLevel());
            for (int level = 0; level <= holder; ++level)
                through[static_cast<size_t>(level)] += m.tileRereadBytes;
        }
        mapping::applyLevelBytes(m, through, spec, options.priors, options.offChipBandwidthShare);

        SubgraphCost c;
        c.computeSeconds = m.computeSeconds;
        c.memorySeconds = m.memorySeconds;
        c.overheadSeconds = m.overheadSeconds;
        c.hostSeconds = m.hostSeconds;
        const double matrixOps = m.executedMatrixFlops;
        const double vectorOps = static_cast<double>(s.flops.vector)
            + static_cast<double>(s.flops.transcendental) * options.priors.transcendentalCost;
        const double subgraphMatrixPj = mathPrecision(s, spec, options) == p ? matrixPj
                                                                             : energyPerOp(spec, mathPrecision(s, spec, options));
        c.computeJoules
            = (matrixOps * (m.datapath == "matrix" ? subgraphMatrixPj : vectorPj) + vectorOps * vectorPj) * 1e-12;
        for (size_t level = 0; level < through.size(); ++level)
            c.memoryJoules += through[level] * spec.memory[level].energyPjPerByte * 1e-12;
        cost.parts.push_back(c);
    }

    PowerEstimate& power = estimate.power;
    power.limitWatts = options.powerLimitWatts.value_or(spec.tdpWatts);
    const double ceiling = std::clamp(options.clockLimitShare, kLowestClockShare, 1.0);
    power.uncappedWatts = cost.watts(ceiling);
    const double f = options.powerLimit ? clockShareUnder(cost, power.limitWatts, ceiling) : ceiling;
    power.capped = f < ceiling;
    power.clockShare = f;
    power.staticWatts = cost.staticWatts * f;
    std::string cappedSource = source;
    if (ceiling < 1.0)
        cappedSource += "; clocks capped at " + std::to_string(static_cast<int>(ceiling * 100 + 0.5)) + "%";
    if (power.capped)
        cappedSource += "; power-limited to " + std::to_string(static_cast<int>(power.limitWatts + 0.5)) + " W";

    double latency = 0;
    double boundWeighted = 0;
    double computeJ = 0;
    double memoryJ = 0;
    double staticJ = 0;
    std::vector<double> levelJ(spec.memory.size(), 0.0);
    std::map<Bottleneck, double> shareByBottleneck;

    estimate.subgraphs.reserve(partition.subgraphs.size());
    Timeline timeline { onDevice };
    for (size_t i = 0; i < partition.subgraphs.size(); ++i) {
        const Subgraph& s = partition.subgraphs[i];
        SubgraphEstimate e;
        e.subgraph = s.descriptor.id;
        e.mapped = std::move(mapped[i]);
        e.traffic = std::move(traffic[i]);
        MappedSubgraph& m = e.mapped;
        m.computeSeconds /= f;
        m.attainablePeak *= f;
        const double roof = std::max(m.computeSeconds, m.memorySeconds);
        // The kernel's share of the timeline: its roof and fixed costs, and whatever of its host cost the device
        // waits for.
        const double seconds = timeline.add(m.hostSeconds, roof + m.overheadSeconds);
        if (s.zeroCost && seconds <= 0)
            e.bottleneck = Bottleneck::None;
        else if (seconds - roof > roof)
            e.bottleneck = Bottleneck::Overhead;
        else
            e.bottleneck = m.computeSeconds >= m.memorySeconds ? Bottleneck::Compute : Bottleneck::Memory;
        const double bound = theoreticalErrorBoundPct(e.bottleneck);
        e.latency = result(seconds * 1e3, "ms", cappedSource, bound);

        const double c = cost.parts[i].computeJoules * f * f;
        double mem = 0;
        e.energy.memoryByLevelJoules.assign(spec.memory.size(), 0.0);
        for (size_t level = 0; level < spec.memory.size(); ++level) {
            const double j = m.levelBytes[level] * spec.memory[level].energyPjPerByte * 1e-12;
            e.energy.memoryByLevelJoules[level] = j;
            levelJ[level] += j;
            mem += j;
        }
        const double st = cost.staticWatts * f * seconds;
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

    if (callSeconds > 0) {
        latency += callSeconds;
        boundWeighted += callSeconds * theoreticalErrorBoundPct(Bottleneck::Overhead);
        staticJ += cost.staticWatts * f * callSeconds;
        shareByBottleneck[Bottleneck::Overhead] += callSeconds;
    }
    if (latency <= 0) {
        // Nothing runs a kernel (a graph of views): an inference still costs the runtime one dispatch.
        latency = std::max(launchUs, spec.launchOverheadUs) * 1e-6;
        boundWeighted = latency * theoreticalErrorBoundPct(Bottleneck::Overhead);
        staticJ += cost.staticWatts * latency;
        shareByBottleneck[Bottleneck::Overhead] += latency;
    }
    power.dynamicWatts = latency > 0 ? (computeJ + memoryJ) / latency : 0;
    power.averageWatts = power.staticWatts + power.dynamicWatts;
    estimate.memory = estimateMemory(analysis, partition, p, options.workspaceBytes);
    const double latencyBound = latency > 0 ? boundWeighted / latency : 0;
    ModelSummary& sum = estimate.summary;
    sum.latency = result(latency * 1e3, "ms", cappedSource, latencyBound);
    sum.throughput = result(latency > 0 ? static_cast<double>(options.batch) / latency : 0, "samples/s", cappedSource,
        latencyBound);
    sum.energy = result((computeJ + memoryJ + staticJ) * 1e3, "mJ", source, kTheoreticalEnergyBoundPct);
    sum.peakMemory = result(estimate.memory.peakBytes() / 1e6, "MB",
        "tensor liveness over the runtime's fused subgraphs", 10);
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
