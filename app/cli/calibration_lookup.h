#pragma once

#include "calibration/calibration_profile.h"
#include "core/error.h"

#include <memory>
#include <optional>
#include <string>

namespace graphs::cli {

/// The calibration of hardware × runtime × precision stored in the user registry, refitted from its measurements;
/// nullopt when no profile is stored. A stored profile that cannot be read or refitted is an error naming it.
Result<std::optional<Calibration>> findCalibration(const std::string& registryOption,
    std::shared_ptr<const HardwareSpec> hardware, const std::string& runtime, Precision precision,
    const FusionRules& fusion, CrossValidation validation = CrossValidation::Groups);

} // namespace graphs::cli
