#pragma once

#include "calibration/calibration_profile.h"
#include "estimation/estimator.h"
#include "estimation/graph_analysis.h"
#include "transform/partition.h"

namespace graphs {

/// Replaces the latencies of an estimate made on the calibration's hardware, runtime and precision by the
/// calibrated model's: every kernel's latency, the total (kernels plus the call's own cost) and the throughput.
/// Each becomes CALIBRATED with the calibration's cross-validated error bound, or EXTRAPOLATED — with twice the
/// bound — when the kernel lies outside the range of shapes the fit saw (for the total: when such kernels carry
/// more than a tenth of its time). Without whole-model measurements (no cross-validated bound) the latencies stay
/// as estimated.
///
/// Where the calibration has an energy fit, every kernel's energy becomes e_flop·FLOPs (compute) + e_byte·bytes
/// (memory, booked at the level that serves it) + P_static·latency, CALIBRATED with the fit's held-out bound;
/// otherwise energy stays THEORETICAL.
void applyCalibration(const GraphAnalysis& analysis, const Partition& partition, ModelEstimate& estimate,
    const Calibration& calibration);

} // namespace graphs
