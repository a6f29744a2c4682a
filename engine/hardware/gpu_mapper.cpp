// GPU: work is cut into thread-block tiles spread over the SMs in waves; a last partial wave leaves SMs idle (wave
// quantisation), and a kernel with fewer tiles than SMs cannot fill the chip (occupancy). For matrix work the mapper
// picks, like a GEMM library, the tile size and split-K factor that fill the SMs best. Tensor cores serve the
// precisions the spec gives them; everything else runs on the CUDA-core (vector) datapath. Every kernel pays the
// launch overhead, and kernels do not share L1, so traffic is served from L2 at best.

#include "hardware/mapper.h"

#include <algorithm>
#include <cmath>

namespace graphs {

namespace {

/// Output tiles a GEMM library chooses between, with the share of peak a tile of that size sustains (smaller tiles
/// reuse operands less). Libraries pick the tiling, and split K across blocks, to fill the SMs.
constexpr struct
{
    double size;
    double efficiency;
} kTiles[] = { { 128, 1.0 }, { 64, 0.85 }, { 32, 0.6 } };
constexpr double kMinSplitK = 512; ///< a K slice shorter than this costs more in reduction than it gains
constexpr double kElementsPerBlock = 256 * 4;  ///< 256 threads × 4 elements per elementwise thread block
constexpr double kBlocksPerSm = 4;             ///< resident blocks per SM an elementwise kernel needs to hide latency

class GpuMapper final : public Mapper
{
public:
    explicit GpuMapper(EfficiencyPriors priors) : m_priors(priors) { }

    MappedSubgraph map(const Subgraph& s, const HardwareSpec& spec, Precision precision) const override
    {
        using namespace mapping;
        MappedSubgraph m;
        const double sms = static_cast<double>(std::max<int64_t>(1, spec.totalUnits()));
        const auto& p = s.parallelism;
        const double rows = static_cast<double>(p.batch) * static_cast<double>(p.spatial);
        const double cols = static_cast<double>(p.channels);

        const double matrix = static_cast<double>(s.flops.matrix);
        if (matrix > 0) {
            const double k = std::max(1.0, static_cast<double>(s.macs) / std::max(1.0, rows * cols));
            double best = 0;
            for (const auto& tile : kTiles) {
                const double tiles = std::ceil(rows / tile.size) * std::ceil(cols / tile.size);
                const double split = std::clamp(std::floor(k / kMinSplitK), 1.0, std::ceil(sms / tiles));
                const double blocks = tiles * split;
                const double waves = std::ceil(blocks / sms);
                const double score = blocks / (waves * sms) * tile.efficiency;
                best = std::max(best, score);
            }
            m.utilisation = best;
            const bool tensorCores = spec.peakOpsPerSecond(precision, Datapath::Matrix) > 0;
            m.datapath = tensorCores ? "matrix" : "vector";
            m.attainablePeak = matrixPeak(spec, precision) * matrixEfficiency(s, m_priors) * m.utilisation;
            m.computeSeconds = m.attainablePeak > 0 ? matrix / m.attainablePeak : 0;
        } else {
            const double blocks = std::ceil(rows * cols / kElementsPerBlock);
            m.utilisation = std::min(1.0, blocks / (sms * kBlocksPerSm));
            m.datapath = "vector";
            m.attainablePeak = vectorPeak(spec, precision) * m_priors.vector * m.utilisation;
        }
        m.computeSeconds += vectorSeconds(s, spec, precision, m_priors, m.utilisation);

        m.bytesMoved = bytesAtPrecision(s, precision);
        m.memoryLevel = servingLevel(spec, m.bytesMoved, spec.memory.size() > 1 ? 1 : 0);
        // A kernel that occupies few SMs cannot pull the whole bandwidth either.
        const double bandwidthShare = std::max(m.utilisation, 0.1);
        m.memorySeconds = m.bytesMoved / (spec.memory[m.memoryLevel].bandwidthBytesPerSecond * bandwidthShare);
        m.overheadSeconds = s.zeroCost ? 0 : spec.launchOverheadUs * 1e-6;
        return m;
    }

private:
    EfficiencyPriors m_priors;
};

} // namespace

std::unique_ptr<Mapper> makeGpuMapper(EfficiencyPriors priors)
{
    return std::make_unique<GpuMapper>(priors);
}

} // namespace graphs
