#include "workflows/calibration_store.h"

#include "calibration/calibrated_estimate.h"

namespace graphs {

CalibrationStore::CalibrationStore(std::string registryDir, CrossValidation validation)
    : m_registry(std::move(registryDir))
    , m_validation(validation)
{
}

Result<std::shared_ptr<const Calibration>> CalibrationStore::find(const std::shared_ptr<const HardwareSpec>& hardware,
    const FusionRules& runtime, Precision precision)
{
    if (m_registry.empty() || !hardware)
        return std::shared_ptr<const Calibration>();
    const std::string path = calibrationProfilePath(m_registry, hardware->id, runtime.runtimeId, precision);
    std::error_code ec;
    const auto stamp = std::filesystem::last_write_time(path, ec);
    if (ec)
        return std::shared_ptr<const Calibration>(); // none stored
    // One refit per profile version, even when several threads ask at once: the lock is held while it runs.
    const std::lock_guard lock(m_mutex);
    const auto known = m_loaded.find(path);
    if (known != m_loaded.end() && known->second.stamp == stamp) {
        if (known->second.error)
            return *known->second.error;
        return known->second.calibration;
    }
    Entry entry;
    entry.stamp = stamp;
    auto profile = loadCalibrationProfile(path);
    if (!profile) {
        entry.error = profile.error();
    } else {
        auto built = buildCalibration(*profile, hardware, runtime, m_registry, m_validation);
        if (built) {
            entry.calibration = std::make_shared<const Calibration>(std::move(*built));
        } else {
            Error e = built.error();
            e.message = "calibration profile " + path + ": " + e.message;
            entry.error = std::move(e);
        }
    }
    m_loaded[path] = entry;
    if (entry.error)
        return *entry.error;
    return entry.calibration;
}

Result<std::shared_ptr<const Calibration>> CalibrationStore::apply(const GraphAnalysis& analysis,
    const Partition& partition, ModelEstimate& estimate, const FusionRules& runtime)
{
    auto calibration = find(estimate.hardware, runtime, estimate.options.precision);
    if (calibration && *calibration)
        applyCalibration(analysis, partition, estimate, **calibration);
    return calibration;
}

} // namespace graphs
