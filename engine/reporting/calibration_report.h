#pragma once

#include "calibration/calibration_profile.h"
#include "hardware/hardware_spec.h"

#include <string>

namespace graphs {

/// Per model group of a calibration: measured and held-out totals, the bound the held-out fit stated.
struct HeldOutGroup
{
    std::string group;
    double measuredSeconds = 0;
    double theoreticalSeconds = 0; ///< 0 when the points carry no theoretical estimate (imported subgraphs)
    double predictedSeconds = 0;
    double boundPct = 0;
    size_t points = 0;             ///< measurements summed (model files, batches, or imported subgraphs)
    double error() const { return measuredSeconds > 0 ? predictedSeconds / measuredSeconds - 1 : 0; }
    bool insideBound() const;
};

/// The nested cross-validation of a calibration summed per model group.
std::vector<HeldOutGroup> heldOutGroups(const Calibration& calibration);

/// The text report of `graphs calibrate`: roofs (measured against the spec), coefficients with the range of
/// kernels seen per class, fit quality, and the leave-one-model-out table with stated bounds and their coverage.
std::string calibrationText(const Calibration& calibration, const HardwareSpec& spec);

/// The same as JSON.
std::string calibrationJson(const Calibration& calibration, const HardwareSpec& spec);

} // namespace graphs
