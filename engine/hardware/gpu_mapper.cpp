// GPU: work is cut into thread-block tiles spread over the SMs in waves. A GEMM library picks, among the tile shapes
// its kernels offer on the architecture, the one (with split-K where there are fewer tiles than SMs) that wastes the
// least: the padding of partial tiles in M, N and K is computed on zeros, a last partial wave leaves SMs idle, and a
// small tile reuses its operands less. Tensor cores serve the precisions the spec gives them; depthwise and grouped
// convolutions and everything else run on the CUDA-core (vector) datapath. Every kernel pays the launch overhead.
// Tile sets: docs/hardware/mappers.md ("GPU tile sets").

#include "hardware/mapper.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <string>
#include <vector>

namespace graphs {

namespace {

struct TileShape
{
    double m;
    double n;
};

/// The threadblock tiles one architecture family's GEMM kernels use, the K step of their main loop in bytes of
/// operand, and the operand reuse (MACs per element loaded, m·n/(m+n)) at which a tile feeds the tensor cores fully.
struct TileFamily
{
    const char* name;
    std::vector<TileShape> tiles;
    double kStepBytes;
    double fullReuse;
};

const TileFamily& tileFamily(const std::string& architecture)
{
    // CUTLASS's tensor-op kernel configurations per SM generation; AMD from hipBLASLt's MFMA macro tiles.
    static const TileFamily volta { "volta/turing", { { 256, 128 }, { 128, 256 }, { 128, 128 }, { 128, 64 },
        { 64, 128 }, { 64, 64 } }, 64, 64 };
    static const TileFamily ampere { "ampere/ada", { { 256, 128 }, { 128, 256 }, { 128, 128 }, { 256, 64 },
        { 64, 256 }, { 128, 64 }, { 64, 128 }, { 64, 64 } }, 64, 64 };
    static const TileFamily hopper { "hopper", { { 128, 256 }, { 256, 128 }, { 128, 128 }, { 64, 256 },
        { 64, 128 } }, 128, 256.0 * 128 / 384 };
    static const TileFamily blackwell { "blackwell", { { 256, 256 }, { 128, 256 }, { 256, 128 }, { 128, 128 },
        { 64, 128 } }, 128, 256.0 * 128 / 384 };
    static const TileFamily cdna { "cdna", { { 256, 256 }, { 256, 128 }, { 128, 256 }, { 128, 128 }, { 64, 64 } },
        64, 64 };
    auto has = [&](const char* word) { return architecture.find(word) != std::string::npos; };
    if (has("Volta") || has("Turing"))
        return volta;
    if (has("Hopper"))
        return hopper;
    if (has("Blackwell"))
        return blackwell;
    if (has("CDNA"))
        return cdna;
    return ampere;
}

constexpr double kMinSplitK = 512;            ///< a K slice shorter than this costs more in reduction than it gains
/// A GEMM whose smaller side (M or N) is at most this runs, where it finishes sooner, as a GEMV-like kernel on the
/// CUDA cores (cuBLAS's gemv and CUTLASS's GEMV kernels): no tile padding, each operand element used by its
/// few rows.
constexpr double kSkinnySide = 16;
constexpr double kGemvOutputsPerSm = 128;     ///< outputs (one warp lane each) an SM needs to hide latency
constexpr double kElementsPerBlock = 256 * 4; ///< 256 threads × 4 elements per elementwise thread block
constexpr double kBlocksPerSm = 4;            ///< resident blocks per SM an elementwise kernel needs to hide latency

/// The tiling chosen for a GEMM.
struct Tiling
{
    double utilisation = 0;  ///< padding × wave fill × tile efficiency
    double padding = 1;      ///< useful share of the work the tiles compute
    double activeShare = 0;  ///< SMs the blocks occupy in their first wave
    double tilesM = 1;       ///< row tiles
    double tilesN = 1;       ///< column tiles
    /// Its time: the longer of its compute (at the peak × its utilisation) and its L2 traffic (operands read once
    /// per tile that needs them, the output written once, at the L2 bandwidth its blocks can draw).
    double seconds = 0;
};

/// An M×N×K GEMM on `sms` SMs.
struct TilingInputs
{
    double m, n, k;
    double sms;
    double operandBytes;
    double peak;          ///< FLOP/s at full utilisation (peak × efficiency prior)
    double l2Bandwidth;   ///< B/s; 0: L2 traffic does not enter the choice
};

/// One tile shape on the GEMM, with split-K where there are fewer tiles than SMs if `splitK`.
Tiling tiling(const TilingInputs& in, const TileFamily& family, const TileShape& tile, bool splitK)
{
    const double kStep = std::max(1.0, family.kStepBytes / std::max(in.operandBytes, 0.5));
    const double kPadding = in.k / (std::ceil(in.k / kStep) * kStep);
    const double flops = 2 * in.m * in.n * in.k;
    const double tilesM = std::ceil(in.m / tile.m);
    const double tilesN = std::ceil(in.n / tile.n);
    const double padding = in.m / (tilesM * tile.m) * (in.n / (tilesN * tile.n)) * kPadding;
    const double tiles = tilesM * tilesN;
    const double split = splitK
        ? std::clamp(std::floor(in.k / kMinSplitK), 1.0, std::max(1.0, std::ceil(in.sms / tiles)))
        : 1.0;
    const double blocks = tiles * split;
    const double waves = std::ceil(blocks / in.sms);
    const double waveFill = blocks / (waves * in.sms);
    const double reuse = tile.m * tile.n / (tile.m + tile.n);
    const double tileEfficiency = std::sqrt(std::min(1.0, reuse / family.fullReuse));
    const double utilisation = padding * waveFill * tileEfficiency;
    const double activeShare = std::min(1.0, blocks / in.sms);
    double seconds = in.peak > 0 ? flops / (in.peak * utilisation) : 0;
    if (in.l2Bandwidth > 0) {
        const double l2Bytes = (in.m * in.k * tilesN + in.k * in.n * tilesM + in.m * in.n) * in.operandBytes;
        const double bandwidth = in.l2Bandwidth * std::min(1.0, mapping::kSharedBandwidthHeadroom * activeShare);
        seconds = std::max(seconds, l2Bytes / bandwidth);
    }
    return { utilisation, padding, activeShare, tilesM, tilesN, seconds };
}

/// The tiling a library's tuner would pick: of the family's tiles, with split-K, the one that finishes first.
Tiling bestTiling(const TilingInputs& in, const TileFamily& family)
{
    Tiling best;
    best.seconds = std::numeric_limits<double>::infinity();
    for (const TileShape& tile : family.tiles) {
        const Tiling t = tiling(in, family, tile, true);
        if (t.seconds < best.seconds)
            best = t;
    }
    return best;
}

/// The family's largest tile (by area), without split-K: a library's heuristic choice for an eager framework's
/// convolution, which does not size the tile to the problem.
Tiling fixedTiling(const TilingInputs& in, const TileFamily& family)
{
    const auto largest = std::max_element(family.tiles.begin(), family.tiles.end(),
        [](const TileShape& a, const TileShape& b) { return a.m * a.n < b.m * b.n; });
    return tiling(in, family, *largest, false);
}

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
        const double rows = std::max(1.0, static_cast<double>(p.batch) * static_cast<double>(p.spatial));
        const double cols = std::max(1.0, static_cast<double>(p.channels));
        const double matrix = static_cast<double>(s.flops.matrix);
        m.executedMatrixFlops = matrix;
        const bool tensorCores = spec.peakOpsPerSecond(precision, Datapath::Matrix) > 0;

        if (matrix > 0 && !runsOnVectorUnits(s)) {
            const double k = std::max(1.0, static_cast<double>(s.macs) / (rows * cols));
            const size_t l2 = spec.memory.size() > 2 ? 1 : 0;
            const double l2Bandwidth = spec.memory.size() > 2 ? spec.memory[l2].bandwidthBytesPerSecond : 0;
            const TilingInputs in { rows, cols, k, sms, precisionBytes(precision),
                matrixPeak(spec, precision) * matrixEfficiency(s, m_priors), l2Bandwidth };
            const Tiling t = m_priors.fixedConvolutionTiles && s.opClass == OpClass::Convolution
                ? fixedTiling(in, tileFamily(spec.architecture))
                : bestTiling(in, tileFamily(spec.architecture));
            m.utilisation = t.utilisation;
            m.activeShare = t.activeShare;
            m.executedMatrixFlops = matrix / std::max(t.padding, 1e-9);
            // The activation panel (rows × K) is read once per column tile, the weight panel (K × columns) once per
            // row tile; the first reads are boundary traffic.
            const double operand = precisionBytes(precision);
            m.tileRereadBytes = (rows * k * (t.tilesN - 1) + k * cols * (t.tilesM - 1)) * operand;
            m.datapath = tensorCores ? "matrix" : "vector";
            m.attainablePeak = matrixPeak(spec, precision) * matrixEfficiency(s, m_priors) * m.utilisation;
            m.computeSeconds = m.attainablePeak > 0 ? matrix / m.attainablePeak : 0;
            // A skinny GEMM (a batch-1 linear layer) as a GEMV on the CUDA cores: one output per lane, no padding.
            if (std::min(rows, cols) <= kSkinnySide) {
                const double fill = std::min(1.0, rows * cols / (sms * kGemvOutputsPerSm));
                const double gemvPeak = vectorPeak(spec, precision) * matrixEfficiency(s, m_priors) * fill;
                const double gemvSeconds = gemvPeak > 0 ? matrix / gemvPeak : 0;
                if (gemvPeak > 0 && gemvSeconds < m.computeSeconds) {
                    m.utilisation = fill;
                    m.activeShare = fill;
                    m.executedMatrixFlops = matrix;
                    m.tileRereadBytes = 0;
                    m.datapath = "vector";
                    m.attainablePeak = gemvPeak;
                    m.computeSeconds = gemvSeconds;
                }
            }
        } else {
            // Element-wise, normalisation and reduction kernels spread the elements they touch over thread blocks.
            const double elements = std::max(rows * cols, static_cast<double>(s.largestActivationElements));
            const double blocks = std::ceil(elements / kElementsPerBlock);
            m.utilisation = std::min(1.0, blocks / (sms * kBlocksPerSm));
            m.activeShare = std::min(1.0, blocks / sms);
            m.datapath = "vector";
            m.attainablePeak = vectorPeak(spec, precision) * m_priors.vector * m.utilisation;
            if (matrix > 0) {
                const double peak = vectorPeak(spec, precision) * matrixEfficiency(s, m_priors) * m.utilisation;
                m.computeSeconds = peak > 0 ? matrix / peak : 0;
            }
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

std::unique_ptr<Mapper> makeGpuMapper(EfficiencyPriors priors)
{
    return std::make_unique<GpuMapper>(priors);
}

} // namespace graphs
