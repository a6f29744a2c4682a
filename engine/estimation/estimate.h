#pragma once

#include <string>
#include <string_view>

namespace graphs {

/// Where a figure stands: fitted to measurements of this hardware and runtime, fitted but outside the measured
/// range, or from vendor specifications alone.
enum class Confidence { Calibrated, Interpolated, Theoretical };

std::string_view confidenceName(Confidence c); ///< "CALIBRATED", "INTERPOLATED", "THEORETICAL"

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
