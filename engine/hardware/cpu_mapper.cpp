// CPU: cores × SIMD lanes × FMA pipes (the spec's vector/matrix datapaths) and threads limited by how much work a
// small operator offers. The busy cores decide how much of each private cache and of the shared bandwidth the
// operator sees (estimation/traffic_model.h, mapping::availableBandwidth).

#include "hardware/mapper.h"

#include <algorithm>
#include <cmath>

namespace graphs {

namespace {

/// Below this much work per core, spreading an operator over more cores costs more than it saves.
constexpr double kMinFlopsPerCore = 2.0e5;

class CpuMapper final : public Mapper
{
public:
    explicit CpuMapper(EfficiencyPriors priors) : m_priors(priors) { }

    MappedSubgraph map(const Subgraph& s, const HardwareSpec& spec, Precision precision) const override
    {
        using namespace mapping;
        MappedSubgraph m;
        const double cores = static_cast<double>(std::max<int64_t>(1, spec.totalUnits()));
        const double work = static_cast<double>(s.flops.total());
        const double usefulCores = std::clamp(std::ceil(work / kMinFlopsPerCore), 1.0, cores);
        m.utilisation = usefulCores / cores;
        m.activeShare = m.utilisation;

        const double matrix = static_cast<double>(s.flops.matrix);
        m.executedMatrixFlops = matrix;
        if (matrix > 0) {
            const bool onVector = runsOnVectorUnits(s);
            const double matrixPath = onVector ? 0 : spec.peakOpsPerSecond(precision, Datapath::Matrix);
            m.datapath = matrixPath > 0 ? "matrix" : "vector";
            const double peak = onVector ? vectorPeak(spec, precision) : matrixPeak(spec, precision);
            m.attainablePeak = peak * matrixEfficiency(s, m_priors) * m.utilisation;
            m.computeSeconds = m.attainablePeak > 0 ? matrix / m.attainablePeak : 0;
        } else {
            m.datapath = "vector";
            m.attainablePeak = vectorPeak(spec, precision) * m_priors.vector * m.utilisation;
        }
        m.computeSeconds += vectorSeconds(s, spec, precision, m_priors, m.utilisation);
        m.bytesMoved = bytesAtPrecision(s, precision);
        m.overheadSeconds = s.zeroCost ? 0 : spec.launchOverheadUs * 1e-6;
        return m;
    }

private:
    EfficiencyPriors m_priors;
};

} // namespace

std::unique_ptr<Mapper> makeCpuMapper(EfficiencyPriors priors)
{
    return std::make_unique<CpuMapper>(priors);
}

} // namespace graphs
