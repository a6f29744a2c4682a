#include "cli/calibration_lookup.h"

#include "core/data_paths.h"

#include <filesystem>

namespace graphs::cli {

Result<std::optional<Calibration>> findCalibration(const std::string& registryOption,
    std::shared_ptr<const HardwareSpec> hardware, const std::string& runtime, Precision precision,
    const FusionRules& fusion, CrossValidation validation)
{
    const std::string registryDir = userRegistryDir(registryOption);
    const std::string path = calibrationProfilePath(registryDir, hardware->id, runtime, precision);
    std::error_code ec;
    if (!std::filesystem::exists(path, ec))
        return std::optional<Calibration>();
    auto profile = loadCalibrationProfile(path);
    if (!profile)
        return profile.error();
    auto calibration = buildCalibration(*profile, hardware, fusion, registryDir, validation);
    if (!calibration) {
        Error e = calibration.error();
        e.message = "calibration profile " + path + ": " + e.message;
        return e;
    }
    return std::optional<Calibration>(std::move(*calibration));
}

} // namespace graphs::cli
