#pragma once

#include <string>
#include <string_view>

namespace graphs {

/// Where a figure stands:
/// - Calibrated: fitted to measurements of this hardware and runtime, inside the shapes the fit saw;
/// - Extrapolated: fitted to measurements of this hardware and runtime, but outside the shapes the fit saw (wider
///   bound);
/// - Interpolated: derived from measurements of similar hardware (the calibration of a device of the same family,
///   scaled by the specifications: calibration_transfer.h);
/// - Theoretical: from vendor specifications alone.
enum class Confidence { Calibrated, Extrapolated, Interpolated, Theoretical };

std::string_view confidenceName(Confidence c); ///< "CALIBRATED", "EXTRAPOLATED", "INTERPOLATED", "THEORETICAL"

/// Every estimate the program reports carries its confidence, where it came from, and an error band.
struct EstimationResult
{
    double value = 0;
    std::string unit;
    Confidence confidence = Confidence::Theoretical;
    std::string source;
    double errorBoundPct = 0; ///< ± percent
};

} // namespace graphs
