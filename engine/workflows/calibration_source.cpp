#include "workflows/calibration_source.h"

#include "calibration/calibration_profile.h"
#include "calibration/calibration_transfer.h"

#include <algorithm>
#include <cmath>
#include <filesystem>

namespace graphs {

std::vector<std::shared_ptr<const HardwareSpec>> siblingProfiles(const std::string& registryDir,
    const HardwareSpec& hardware, const std::string& runtimeId, Precision precision, const HardwareFinder& find)
{
    std::vector<std::shared_ptr<const HardwareSpec>> found;
    std::error_code ec;
    const std::filesystem::path root = std::filesystem::path(registryDir) / "calibration";
    if (registryDir.empty() || !find || !std::filesystem::is_directory(root, ec))
        return found;
    const std::string family = hardwareFamily(hardware);
    const double peak = hardware.peakOpsPerSecond(precision);
    std::vector<std::string> ids;
    for (const auto& entry : std::filesystem::directory_iterator(root, ec))
        ids.push_back(entry.path().filename().string());
    std::sort(ids.begin(), ids.end()); // the same choice on every file system
    std::vector<std::pair<double, std::shared_ptr<const HardwareSpec>>> candidates;
    for (const std::string& id : ids) {
        if (id == hardware.id
            || !std::filesystem::exists(calibrationProfilePath(registryDir, id, runtimeId, precision), ec))
            continue;
        auto spec = find(id);
        if (!spec || hardwareFamily(*spec) != family)
            continue;
        const double other = spec->peakOpsPerSecond(precision);
        candidates.emplace_back(peak > 0 && other > 0 ? std::abs(std::log(other / peak)) : 1e9, spec);
    }
    std::stable_sort(
        candidates.begin(), candidates.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
    for (auto& candidate : candidates)
        found.push_back(std::move(candidate.second));
    return found;
}

CalibrationSource locateCalibration(const std::string& registryDir, const HardwareSpec& hardware,
    const std::string& runtimeId, Precision precision, const HardwareFinder& find)
{
    CalibrationSource source;
    if (registryDir.empty())
        return source;
    std::error_code ec;
    const std::string own = calibrationProfilePath(registryDir, hardware.id, runtimeId, precision);
    if (std::filesystem::exists(own, ec)) {
        source.kind = CalibrationSource::Kind::Own;
        source.hardware = hardware.id;
        source.profilePath = own;
        return source;
    }
    const auto siblings = siblingProfiles(registryDir, hardware, runtimeId, precision, find);
    if (siblings.empty())
        return source;
    source.kind = CalibrationSource::Kind::Sibling;
    source.hardware = siblings.front()->id;
    source.profilePath = calibrationProfilePath(registryDir, source.hardware, runtimeId, precision);
    return source;
}

} // namespace graphs
