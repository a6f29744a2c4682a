#pragma once

#include "hardware/hardware_spec.h"
#include "hardware/precision.h"

#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace graphs {

/// Finds the specification of a registry entry by id (null when unknown).
using HardwareFinder = std::function<std::shared_ptr<const HardwareSpec>(const std::string& id)>;

/// The devices of `hardware`'s family (hardwareFamily()) other than itself whose calibration profile of
/// runtime × precision is stored in `registryDir`, in the order CalibrationStore tries to carry them over: the
/// nearest matrix peak first (|log| of the ratio), ties by id. Only files are looked at, nothing is fitted.
std::vector<std::shared_ptr<const HardwareSpec>> siblingProfiles(const std::string& registryDir,
    const HardwareSpec& hardware, const std::string& runtimeId, Precision precision, const HardwareFinder& find);

/// Where the latency calibration of hardware × runtime × precision would come from, from the stored files alone
/// (cheap enough for a hardware picker; the store's refit may still fail, which its find() then says):
///
///     auto source = locateCalibration(registry, *orinNano, "pytorch", Precision::FP16, find);
///     source.kind == CalibrationSource::Kind::Sibling → INTERPOLATED from source.hardware (source.profilePath)
struct CalibrationSource
{
    enum class Kind {
        None, ///< no profile of its own or of its family: THEORETICAL
        Own, ///< its own profile: CALIBRATED
        Sibling, ///< a family member's, carried over: INTERPOLATED
    };
    Kind kind = Kind::None;
    std::string hardware; ///< the device whose profile it is ("" for None)
    std::string profilePath; ///< that profile's file ("" for None)
};

CalibrationSource locateCalibration(const std::string& registryDir, const HardwareSpec& hardware,
    const std::string& runtimeId, Precision precision, const HardwareFinder& find);

} // namespace graphs
