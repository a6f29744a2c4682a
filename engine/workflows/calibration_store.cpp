#include "workflows/calibration_store.h"

#include "calibration/calibrated_estimate.h"
#include "calibration/calibration_transfer.h"
#include "calibration/few_shot.h"
#include "core/data_paths.h"
#include "hardware/hardware_registry.h"
#include "workflows/calibration_source.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace graphs {

CalibrationStore::CalibrationStore(std::string registryDir, CrossValidation validation, HardwareLookup lookup)
    : m_registry(std::move(registryDir))
    , m_validation(validation)
    , m_lookup(std::move(lookup))
{
}

Result<std::shared_ptr<const Calibration>> CalibrationStore::find(const std::shared_ptr<const HardwareSpec>& hardware,
    const FusionRules& runtime, Precision precision)
{
    auto mine = own(hardware, runtime, precision);
    if (!mine || *mine || m_registry.empty() || !hardware)
        return mine;
    return sibling(hardware, runtime, precision);
}

std::shared_ptr<const HardwareSpec> CalibrationStore::lookup(const std::string& id)
{
    if (m_lookup)
        return m_lookup(id);
    const std::lock_guard lock(m_lookupMutex);
    if (!m_hardwareLoaded) {
        m_hardwareLoaded = true;
        auto loaded = loadHardwareCatalog(registryDirs(m_registry));
        if (loaded)
            m_hardware = std::make_shared<const HardwareRegistry>(std::move(*loaded));
    }
    return m_hardware ? m_hardware->find(id) : nullptr;
}

std::shared_ptr<const Calibration> CalibrationStore::sibling(const std::shared_ptr<const HardwareSpec>& hardware,
    const FusionRules& runtime, Precision precision)
{
    const auto candidates = siblingProfiles(m_registry, *hardware, runtime.runtimeId, precision,
        [this](const std::string& id) { return lookup(id); });
    // The nearest sibling whose profile gives a latency fit; one that cannot be refitted is passed over.
    for (const auto& spec : candidates) {
        auto source = own(spec, runtime, precision);
        if (!source || !*source || !(*source)->hasLatency())
            continue;
        auto carried = transferCalibration(**source, *spec, hardware);
        if (carried)
            return std::make_shared<const Calibration>(std::move(*carried));
    }
    return nullptr;
}

Result<std::shared_ptr<const Calibration>> CalibrationStore::own(const std::shared_ptr<const HardwareSpec>& hardware,
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
        // An adapted profile (graphs calibrate --prior-from) is refitted towards its prior, carried over again.
        std::optional<Result<Calibration>> prior;
        if (!profile->priorProfile.empty())
            prior = carriedPrior(profile->priorProfile, hardware,
                [this](const std::string& id) { return lookup(id); }, m_registry);
        auto built = prior && !*prior
            ? Result<Calibration>(prior->error())
            : buildCalibration(*profile, hardware, runtime, m_registry, m_validation, {}, prior ? &**prior : nullptr);
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
