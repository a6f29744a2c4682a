#pragma once

#include "benchmarks/results_registry.h"
#include "hardware/hardware_spec.h"
#include "hardware/precision.h"

#include <string>
#include <vector>

namespace graphs {

/// Achieved bandwidth at one working-set size.
struct BandwidthPoint
{
    double workingSetBytes = 0;
    double bytesPerSecond = 0;
};

/// The roofs a calibration works against: what the machine achieved in the microbenchmarks (FMA peaks, a large GEMM,
/// the triad sweep), or the specification's figures where nothing was measured. Achieved bandwidth is kept as a
/// curve over the working-set size rather than per named level, so a spec whose cache sizes are wrong (virtual
/// machines report odd ones) does not decide which bandwidth a tensor sees.
///
///     RooflineFit roofs = fitRoofline(records, *spec, Precision::FP32);
///     double seconds = bytes / roofs.bandwidthAt(bytes);
struct RooflineFit
{
    double vectorPeak = 0;              ///< FLOP/s: best FMA roof at the most threads measured
    double matrixPeak = 0;              ///< FLOP/s: a large GEMM (what dense matrix work achieves)
    std::vector<BandwidthPoint> bandwidth; ///< ascending working set
    bool measuredCompute = false;       ///< false: the peaks are the specification's
    bool measuredBandwidth = false;
    /// The bandwidth points are memory levels at their capacities (the specification's levels, or a curve carried
    /// over to them), not a measured sweep: bandwidthAt steps from one to the next instead of interpolating.
    bool bandwidthByLevel = false;
    std::string source;                 ///< which rows the roofs come from

    /// Log-linear interpolation over a measured curve, clamped at its ends; over levels (bandwidthByLevel) a step:
    /// the bandwidth of the smallest level that holds the working set.
    double bandwidthAt(double workingSetBytes) const;
};

/// The specification's roofs: vector and matrix peaks at `precision`, one bandwidth point per memory level at its
/// total capacity.
RooflineFit specRoofline(const HardwareSpec& spec, Precision precision);

/// Roofs from the roof rows of `records` (`fma/<precision>/…`, `sgemm/…` for fp32, `triad/…` and `stream-triad/…`),
/// taking for each the rows at the most threads. What is not measured comes from the specification.
RooflineFit fitRoofline(const std::vector<MeasurementRecord>& records, const HardwareSpec& spec, Precision precision);

} // namespace graphs
