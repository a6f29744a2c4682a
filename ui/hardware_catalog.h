#pragma once

#include <QString>
#include <QStringList>
#include <memory>
#include <vector>

namespace graphs {
class HardwareRegistry;
struct HardwareSpec;
struct FusionRules;
} // namespace graphs

namespace graphs::ui {

/// What the hardware toolbar offers: the registry entries (bundled, the user's, and this machine's `local`
/// entry) and the runtime profiles that decide fusion.
struct HardwareCatalog
{
    std::shared_ptr<const HardwareRegistry> registry;
    std::vector<std::shared_ptr<const FusionRules>> runtimes; ///< by id
    QStringList problems; ///< files skipped and entries not generated; each names the file

    std::shared_ptr<const HardwareSpec> hardware(const QString& id) const;
    std::shared_ptr<const FusionRules> runtime(const QString& id) const;
    /// The rules a calibration of runtime `id` partitions with: its own, else the unfused profile's (as the engine's
    /// calibrationFusionRules()); null when neither is loaded.
    std::shared_ptr<const FusionRules> calibrationRuntime(const QString& id) const;
};

} // namespace graphs::ui
