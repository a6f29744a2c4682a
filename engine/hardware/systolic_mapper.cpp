// Systolic arrays (TPU MXU, Edge TPU, NPUs): a GEMM of M×K by K×N runs weight-stationary on R×C arrays. K is cut
// into ⌈K/R⌉ row tiles and N into ⌈N/C⌉ column tiles, one weight tile per pass; the padding of the last tiles is
// wasted. A pass streams the M rows of activations through the array; loading the next weight tile (R cycles) hides
// behind a pass of at least R rows, so a pass costs max(M, R) cycles, and the pipeline fills and drains once per
// kernel (R + C cycles). Passes spread over the arrays; with fewer passes than arrays, M is split between arrays that
// hold the same weights. Depthwise and grouped convolutions run on the vector unit.

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
        m.executedMatrixFlops = matrix;
        if (matrix > 0 && !runsOnVectorUnits(s)) {
            const auto& p = s.parallelism;
            const double rows = std::max(1.0, static_cast<double>(p.batch) * static_cast<double>(p.spatial));
            const double n = std::max(1.0, static_cast<double>(p.channels));
            const double k = std::max(1.0, static_cast<double>(s.macs) / (rows * n));
            double r = 0;
            double c = 0;
            double arrays = 0;
            for (const ComputeCluster& cluster : spec.clusters) {
                if (cluster.arrayRows > 0) {
                    r = cluster.arrayRows;
                    c = cluster.arrayCols;
                    arrays = static_cast<double>(cluster.units) * std::max(1, cluster.arraysPerUnit);
                    break;
                }
            }
            m.utilisation = 1.0;
            if (r > 0 && c > 0) {
                const double passes = std::ceil(k / r) * std::ceil(n / c);
                const double padding = (k / (std::ceil(k / r) * r)) * (n / (std::ceil(n / c) * c));
                double rowsPerPass = rows;
                double passesPerArray = std::ceil(passes / arrays);
                double arrayFill = passes / (passesPerArray * arrays);
                if (passes < arrays) {
                    const double split = std::min(std::floor(arrays / passes), rows);
                    rowsPerPass = std::ceil(rows / split);
                    passesPerArray = 1;
                    arrayFill = passes * split / arrays;
                }
                const double cycles = passesPerArray * std::max(rowsPerPass, r) + r + c;
                const double streaming = passesPerArray * rowsPerPass / cycles;
                m.utilisation = padding * arrayFill * streaming;
                m.activeShare = std::min(1.0, arrayFill);
                m.executedMatrixFlops = matrix / padding;
                // Weight-stationary: each weight tile loads once, the activations stream once per column tile.
                m.tileRereadBytes = rows * k * (std::ceil(n / c) - 1) * precisionBytes(precision);
            }
            m.datapath = "matrix";
            m.attainablePeak = matrixPeak(spec, precision) * matrixEfficiency(s, m_priors) * m.utilisation;
            m.computeSeconds = m.attainablePeak > 0 ? matrix / m.attainablePeak : 0;
        } else {
            m.datapath = "vector";
            m.attainablePeak = vectorPeak(spec, precision) * m_priors.vector;
            if (matrix > 0) {
                const double peak = vectorPeak(spec, precision) * matrixEfficiency(s, m_priors);
                m.computeSeconds = peak > 0 ? matrix / peak : 0;
            }
        }
        m.computeSeconds += vectorSeconds(s, spec, precision, m_priors, 1.0);
        m.bytesMoved = bytesAtPrecision(s, precision);
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
