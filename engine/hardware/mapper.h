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
    double grouped = 0.5;     ///< grouped convolution
    double depthwise = 0.25;  ///< depthwise convolution: little reuse per weight
    double vector = 0.5;      ///< elementwise, normalisation, pooling, reductions
    double transcendentalCost = 8; ///< a transcendental call costs this many vector FLOPs of throughput
};

/// How a subgraph maps onto one piece of hardware: the time its work needs on the units that execute it, the time
/// its boundary traffic needs from the memory level that serves it, and the fixed overhead of running it.
struct MappedSubgraph
{
    double computeSeconds = 0;
    double memorySeconds = 0;
    double overheadSeconds = 0;
    int memoryLevel = 0;           ///< index into HardwareSpec::memory of the level that serves the traffic
    double bytesMoved = 0;         ///< at the execution precision
    double utilisation = 1;        ///< spatial use of the units (threads, waves, array tiles), 0..1
    double attainablePeak = 0;     ///< FLOP/s the mapper assumes for the subgraph's main work
    std::string datapath;          ///< "matrix" or "vector"
};

class Mapper
{
public:
    virtual ~Mapper() = default;
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
double matrixPeak(const HardwareSpec& spec, Precision precision);
/// The closest memory level, from `firstLevel` on, whose total capacity holds `workingSet` bytes (the last level
/// when none does).
int servingLevel(const HardwareSpec& spec, double workingSet, int firstLevel);
/// Compute seconds of the subgraph's vector and transcendental work.
double vectorSeconds(const Subgraph& s, const HardwareSpec& spec, Precision precision, const EfficiencyPriors& priors,
    double utilisation);
/// The efficiency prior for a subgraph's matrix work.
double matrixEfficiency(const Subgraph& s, const EfficiencyPriors& priors);

} // namespace mapping

} // namespace graphs
