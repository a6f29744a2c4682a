#pragma once

#include "core/error.h"
#include "hardware/hardware_spec.h"
#include "transform/partition.h"

#include <memory>
#include <string>

namespace graphs {

/// Efficiencies a mapper assumes before any calibration: the share of a datapath's peak that well-tuned kernels
/// reach. Priors, documented in docs/hardware/mappers.md; calibration replaces them with fitted values.
struct EfficiencyPriors
{
    double matrix = 0.75;     ///< GEMM and standard/pointwise convolution on the matrix (or SIMD FMA) datapath
    double grouped = 0.5;     ///< grouped convolution, on the vector datapath
    double depthwise = 0.25;  ///< depthwise convolution, on the vector datapath: little reuse per weight
    double vector = 0.5;      ///< elementwise, normalisation, pooling, reductions
    double transcendentalCost = 8; ///< a transcendental call costs this many vector FLOPs of throughput
    double offChip = 0.85;    ///< share of the off-chip bandwidth streaming kernels sustain (STREAM-like)
    /// How a GPU runtime tiles convolutions. false: as a tuner would (the tile that finishes first, split-K where
    /// there are fewer tiles than SMs). true: the architecture family's largest tile, without split-K — what an eager
    /// framework's convolutions get from the library's heuristics (FusionRules::fixedConvolutionTiles), so a small
    /// convolution leaves SMs idle.
    bool fixedConvolutionTiles = false;
};

/// How a subgraph maps onto one piece of hardware: the time its work needs on the units that execute it, the time
/// its traffic needs from each memory level, and the fixed overhead of running it.
struct MappedSubgraph
{
    double computeSeconds = 0;
    double memorySeconds = 0;      ///< the slowest level's time (levels stream concurrently)
    double overheadSeconds = 0;
    /// An eager framework's cost on the host core for the kernel's operators (dispatch, and the launch on a GPU or an
    /// accelerator), set by the estimator from the runtime's host costs; 0 for runtimes without them.
    double hostSeconds = 0;
    int memoryLevel = 0;           ///< index into HardwareSpec::memory of the level whose time binds
    double bytesMoved = 0;         ///< boundary bytes at the execution precision
    std::vector<double> levelBytes;   ///< bytes through each level (aligned with HardwareSpec::memory)
    std::vector<double> levelSeconds; ///< time each level needs for them at the bandwidth available to the kernel
    double utilisation = 1;        ///< use of the units (threads, waves, tiles and their padding), 0..1
    double activeShare = 1;        ///< share of the units the kernel occupies (cores, SMs, arrays), 0..1
    double attainablePeak = 0;     ///< FLOP/s the mapper assumes for the subgraph's main work
    double executedMatrixFlops = 0;///< matrix work including tile padding (what the datapath switches)
    /// Operand bytes re-read inside the kernel: a tiled GEMM reads each row panel once per column tile and each
    /// column panel once per row tile; beyond the first read (boundary traffic) they come from the closest level
    /// that holds data between tiles (GPU L2, an accelerator's SRAM) and pass every level closer to the compute.
    double tileRereadBytes = 0;
    std::string datapath;          ///< "matrix" or "vector"
};

class Mapper
{
public:
    virtual ~Mapper() = default;
    /// The compute side of a subgraph: datapath, utilisation, compute seconds and overhead. Memory time follows
    /// from the traffic per level (estimation/traffic_model.h, mapping::applyTraffic).
    virtual MappedSubgraph map(const Subgraph& subgraph, const HardwareSpec& spec, Precision precision) const = 0;
};

/// The mapper the spec names (cpu, gpu or systolic).
std::unique_ptr<Mapper> makeMapper(MapperKind kind, EfficiencyPriors priors = {});

namespace mapping {

/// Bytes the subgraph moves when floating-point tensors are held at `precision`.
double bytesAtPrecision(const Subgraph& s, Precision precision);
/// Peak of a datapath for a precision, falling back to the widest supported precision of the vector datapath for
/// vector work (elementwise work of int8 models runs in fp32 on most hardware).
double vectorPeak(const HardwareSpec& spec, Precision precision);
/// The matrix datapath's peak for a precision; without one, the vector datapath's (vectorPeak(), fallbacks included:
/// hardware without arithmetic at a precision, fp16 on a CPU without AVX512-FP16, converts and computes in fp32).
double matrixPeak(const HardwareSpec& spec, Precision precision);
/// The precision vector work runs at: `precision` where the vector datapath has it, else the widest it has.
Precision vectorPrecision(const HardwareSpec& spec, Precision precision);
/// The bandwidth of `level` available to a kernel that occupies `activeShare` of the units: a private level (one
/// instance per core or SM) only in the busy units; a shared level up to kSharedBandwidthHeadroom times the busy
/// units' equal share; the off-chip level at the `offChip` efficiency prior.
double availableBandwidth(const HardwareSpec& spec, size_t level, double activeShare, const EfficiencyPriors& priors);
/// Sets `m.levelBytes`, `m.levelSeconds`, `m.memorySeconds` (the slowest level) and `m.memoryLevel` from the bytes
/// through each level.
void applyLevelBytes(MappedSubgraph& m, const std::vector<double>& throughBytes, const HardwareSpec& spec,
    const EfficiencyPriors& priors, double offChipBandwidthShare = 1.0);

/// Latency of one access to the off-chip level: the spec's latency_ns, else kDefaultOffChipLatencyNs.
double offChipLatencySeconds(const HardwareSpec& spec);

/// Off-chip load latency seen by GPUs and accelerators when the spec states none: pointer-chasing measurements of
/// HBM, GDDR and LPDDR behind a GPU's L2 fall between 400 and 800 ns.
constexpr double kDefaultOffChipLatencyNs = 600;

/// One unit draws at most this many times its equal share of a shared level's bandwidth (latency hiding headroom).
constexpr double kSharedBandwidthHeadroom = 4.0;
/// Compute seconds of the subgraph's vector and transcendental work.
double vectorSeconds(const Subgraph& s, const HardwareSpec& spec, Precision precision, const EfficiencyPriors& priors,
    double utilisation);
/// The efficiency prior for a subgraph's matrix work (depthwise and grouped convolutions: of the vector peak).
double matrixEfficiency(const Subgraph& s, const EfficiencyPriors& priors);
/// Depthwise and grouped convolutions: little reuse per weight and tiny GEMMs per group; libraries run them on the
/// vector units (CUDA cores, SIMD lanes), not on tensor cores, AMX or systolic arrays.
bool runsOnVectorUnits(const Subgraph& s);

} // namespace mapping

} // namespace graphs
