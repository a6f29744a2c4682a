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
    return m > 0 ? m : spec.peakOpsPerSecond(precision, Datapath::Vector);
}

int servingLevel(const HardwareSpec& spec, double workingSet, int firstLevel)
{
    const int last = static_cast<int>(spec.memory.size()) - 1;
    for (int i = std::min(firstLevel, last); i < last; ++i) {
        if (workingSet <= spec.memory[i].totalCapacityBytes())
            return i;
    }
    return last;
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
