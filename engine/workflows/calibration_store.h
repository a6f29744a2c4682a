#pragma once

#include "calibration/calibration_profile.h"
#include "core/error.h"

#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>

namespace graphs {

struct GraphAnalysis;
struct Partition;
struct ModelEstimate;
class HardwareRegistry;

/// The calibration profiles of one user registry, found by hardware × runtime × precision, loaded and refitted on
/// first use and kept until the profile file changes (a refit reads the measurements: about half a second). One
/// store serves `graphs analyze`, `graphs compare` and `graphs validate` and the app's estimates and Compare page,
/// so the same profile gives the same figure everywhere. Safe to use from several threads.
///
///     CalibrationStore store(userRegistryDir(option));
///     auto calibration = store.apply(*outcome.analysis, *outcome.partition, *outcome.estimate, fusion);
///     if (!calibration) → the stored profile could not be used (the error names it)
///     else if (*calibration) → the estimate is CALIBRATED (INTERPOLATED when (*calibration)->transferredFrom is set)
///
/// Where no profile is stored for the hardware itself but one is for a device of its family (hardwareFamily(): an
/// Orin Nano for an Orin AGX profile, one x86 CPU for another) with the same runtime and precision, that one is carried
/// over (transferCalibration()) and the estimates say INTERPOLATED and name it. Of several, the one whose matrix peak
/// is nearest the hardware's is used.
class CalibrationStore
{
public:
    /// Finds the specification of a registry entry by id (null when unknown): the source devices of transfers.
    using HardwareLookup = std::function<std::shared_ptr<const HardwareSpec>(const std::string& id)>;

    /// `registryDir` empty: no user registry, nothing is ever found. Without `lookup`, source devices are found in
    /// the bundled registry, the user registry and `local` (this machine), loaded the first time a transfer needs
    /// one.
    explicit CalibrationStore(std::string registryDir, CrossValidation validation = CrossValidation::Groups,
        HardwareLookup lookup = {});

    const std::string& registryDir() const { return m_registry; }

    /// The calibration stored for hardware × runtime × precision, else one carried over from a device of its family;
    /// nullptr when neither is stored. The hardware's own profile that cannot be read or refitted is an error naming
    /// its file (asked again, it is retried only once the file has changed); a sibling's that cannot is passed over.
    Result<std::shared_ptr<const Calibration>> find(const std::shared_ptr<const HardwareSpec>& hardware,
        const FusionRules& runtime, Precision precision);

    /// find() for the estimate's hardware and precision, applied to the estimate when one is stored.
    Result<std::shared_ptr<const Calibration>> apply(const GraphAnalysis& analysis, const Partition& partition,
        ModelEstimate& estimate, const FusionRules& runtime);

private:
    Result<std::shared_ptr<const Calibration>> own(const std::shared_ptr<const HardwareSpec>& hardware,
        const FusionRules& runtime, Precision precision);
    std::shared_ptr<const Calibration> sibling(const std::shared_ptr<const HardwareSpec>& hardware,
        const FusionRules& runtime, Precision precision);
    std::shared_ptr<const HardwareSpec> lookup(const std::string& id);

    struct Entry
    {
        std::filesystem::file_time_type stamp;
        std::shared_ptr<const Calibration> calibration; ///< null when `error` says why it could not be built
        std::optional<Error> error;
    };

    std::string m_registry;
    CrossValidation m_validation;
    std::mutex m_mutex;
    std::map<std::string, Entry> m_loaded; ///< by profile path
    HardwareLookup m_lookup;
    std::mutex m_lookupMutex;
    std::shared_ptr<const HardwareRegistry> m_hardware; ///< the default lookup's entries, loaded on first use
    bool m_hardwareLoaded = false;
};

} // namespace graphs
