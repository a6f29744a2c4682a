#include "hardware/mapper.h"

#include <algorithm>

namespace graphs {

std::unique_ptr<Mapper> makeCpuMapper(EfficiencyPriors priors);
std::unique_ptr<Mapper> makeGpuMapper(EfficiencyPriors priors);
std::unique_ptr<Mapper> makeSystolicMapper(EfficiencyPriors priors);

std::unique_ptr<Mapper> makeMapper(MapperKind kind, EfficiencyPriors priors)
{
    switch (kind) {
    case MapperKind::Cpu: return makeCpuMapper(priors);
    case MapperKind::Gpu: return makeGpuMapper(priors);
    case MapperKind::Systolic: return makeSystolicMapper(priors);
    }
    return makeCpuMapper(priors);
}

namespace mapping {

double bytesAtPrecision(const Subgraph& s, Precision precision)
{
    return static_cast<double>(s.otherBytesMoved)
        + static_cast<double>(s.floatingElementsMoved) * precisionBytes(precision);
}

double vectorPeak(const HardwareSpec& spec, Precision precision)
{
    const double direct = spec.peakOpsPerSecond(precision, Datapath::Vector);
    if (direct > 0)
        return direct;
    // Integer and reduced-precision models run their elementwise work in fp32 where no narrower vector path exists.
    for (Precision p : { Precision::FP32, Precision::FP16, Precision::BF16, Precision::INT8 }) {
        const double v = spec.peakOpsPerSecond(p, Datapath::Vector);
        if (v > 0)
            return v;
    }
    // Accelerators that publish only their array's peak: its vector unit is assumed to run 1/16 of it.
    return spec.peakOpsPerSecond(precision) / 16.0;
}

double matrixPeak(const HardwareSpec& spec, Precision precision)
{
    const double m = spec.peakOpsPerSecond(precision, Datapath::Matrix);
    return m > 0 ? m : vectorPeak(spec, precision);
}

Precision vectorPrecision(const HardwareSpec& spec, Precision precision)
{
    if (spec.peakOpsPerSecond(precision, Datapath::Vector) > 0)
        return precision;
    for (Precision p : { Precision::FP32, Precision::FP16, Precision::BF16, Precision::INT8 }) {
        if (spec.peakOpsPerSecond(p, Datapath::Vector) > 0)
            return p;
    }
    return precision;
}

double offChipLatencySeconds(const HardwareSpec& spec)
{
    if (spec.memory.empty())
        return 0;
    return spec.offChipMemory().latencyNs.value_or(kDefaultOffChipLatencyNs) * 1e-9;
}

double availableBandwidth(const HardwareSpec& spec, size_t level, double activeShare, const EfficiencyPriors& priors)
{
    const MemoryLevel& m = spec.memory[level];
    const double share = std::clamp(activeShare, 1e-3, 1.0);
    const bool offChip = level + 1 == spec.memory.size();
    const double peak = m.bandwidthBytesPerSecond * (offChip ? priors.offChip : 1.0);
    if (m.instances > 1 && !offChip)
        return peak * share;
    return peak * std::min(1.0, kSharedBandwidthHeadroom * share);
}

void applyLevelBytes(MappedSubgraph& m, const std::vector<double>& throughBytes, const HardwareSpec& spec,
    const EfficiencyPriors& priors, double offChipBandwidthShare)
{
    const size_t levels = spec.memory.size();
    m.levelBytes.assign(levels, 0.0);
    m.levelSeconds.assign(levels, 0.0);
    m.memorySeconds = 0;
    m.memoryLevel = static_cast<int>(levels) - 1;
    double slowest = -1;
    for (size_t i = 0; i < levels && i < throughBytes.size(); ++i) {
        m.levelBytes[i] = throughBytes[i];
        const double bandwidth = availableBandwidth(spec, i, m.activeShare, priors)
            * (i + 1 == levels ? std::clamp(offChipBandwidthShare, 1e-3, 1.0) : 1.0);
        m.levelSeconds[i] = bandwidth > 0 ? throughBytes[i] / bandwidth : 0;
        // Ties go to the farther level: it is the one that would have to get faster.
        if (throughBytes[i] > 0 && m.levelSeconds[i] >= slowest) {
            slowest = m.levelSeconds[i];
            m.memoryLevel = static_cast<int>(i);
        }
    }
    m.memorySeconds = std::max(0.0, slowest);
}

double vectorSeconds(const Subgraph& s, const HardwareSpec& spec, Precision precision, const EfficiencyPriors& priors,
    double utilisation)
{
    const double peak = vectorPeak(spec, precision) * priors.vector * std::max(utilisation, 1e-3);
    if (peak <= 0)
        return 0;
    const double work = static_cast<double>(s.flops.vector)
        + static_cast<double>(s.flops.transcendental) * priors.transcendentalCost;
    return work / peak;
}

bool runsOnVectorUnits(const Subgraph& s)
{
    return s.convKind == "depthwise" || s.convKind == "grouped";
}

double matrixEfficiency(const Subgraph& s, const EfficiencyPriors& priors)
{
    if (s.convKind == "depthwise")
        return priors.depthwise;
    if (s.convKind == "grouped")
        return priors.grouped;
    return priors.matrix;
}

} // namespace mapping

} // namespace graphs
