// Systolic arrays (TPU MXU, Edge TPU, NPUs): a GEMM of M×K by K×N runs weight-stationary on an R×C array, so K is
// cut into ceil(K/R) row tiles and N into ceil(N/C) column tiles; the padding of the last tiles is wasted. Work
// whose working set fits in on-chip SRAM streams from it; larger sets stream from off-chip memory.

#include "hardware/mapper.h"

#include <algorithm>
#include <cmath>

namespace graphs {

namespace {

class SystolicMapper final : public Mapper
{
public:
    explicit SystolicMapper(EfficiencyPriors priors) : m_priors(priors) { }

    MappedSubgraph map(const Subgraph& s, const HardwareSpec& spec, Precision precision) const override
    {
        using namespace mapping;
        MappedSubgraph m;
        const double matrix = static_cast<double>(s.flops.matrix);
        if (matrix > 0) {
            const auto& p = s.parallelism;
            const double rows = std::max(1.0, static_cast<double>(p.batch) * static_cast<double>(p.spatial));
            const double n = std::max(1.0, static_cast<double>(p.channels));
            const double k = std::max(1.0, static_cast<double>(s.macs) / (rows * n));
            double r = 0;
            double c = 0;
            for (const ComputeCluster& cluster : spec.clusters) {
                if (cluster.arrayRows > 0) {
                    r = cluster.arrayRows;
                    c = cluster.arrayCols;
                    break;
                }
            }
            m.utilisation = 1.0;
            if (r > 0 && c > 0)
                m.utilisation = (k / (std::ceil(k / r) * r)) * (n / (std::ceil(n / c) * c));
            m.datapath = "matrix";
            m.attainablePeak = matrixPeak(spec, precision) * matrixEfficiency(s, m_priors) * m.utilisation;
            m.computeSeconds = m.attainablePeak > 0 ? matrix / m.attainablePeak : 0;
        } else {
            m.datapath = "vector";
            m.attainablePeak = vectorPeak(spec, precision) * m_priors.vector;
        }
        m.computeSeconds += vectorSeconds(s, spec, precision, m_priors, 1.0);

        m.bytesMoved = bytesAtPrecision(s, precision);
        m.memoryLevel = servingLevel(spec, m.bytesMoved, 0);
        m.memorySeconds = m.bytesMoved / spec.memory[m.memoryLevel].bandwidthBytesPerSecond;
        m.overheadSeconds = s.zeroCost ? 0 : spec.launchOverheadUs * 1e-6;
        return m;
    }

private:
    EfficiencyPriors m_priors;
};

} // namespace

std::unique_ptr<Mapper> makeSystolicMapper(EfficiencyPriors priors)
{
    return std::make_unique<SystolicMapper>(priors);
}

} // namespace graphs
