#pragma once

#include "calibration/calibration_profile.h"
#include "core/error.h"

#include <filesystem>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>

namespace graphs {

struct GraphAnalysis;
struct Partition;
struct ModelEstimate;

/// The calibration profiles of one user registry, found by hardware × runtime × precision, loaded and refitted on
/// first use and kept until the profile file changes (a refit reads the measurements: about half a second). One
/// store serves `graphs analyze`, `graphs compare` and `graphs validate` and the app's estimates and Compare page,
/// so the same profile gives the same figure everywhere. Safe to use from several threads.
///
///     CalibrationStore store(userRegistryDir(option));
///     auto calibration = store.apply(*outcome.analysis, *outcome.partition, *outcome.estimate, fusion);
///     if (!calibration) → the stored profile could not be used (the error names it)
///     else if (*calibration) → the estimate is CALIBRATED
class CalibrationStore
{
public:
    /// `registryDir` empty: no user registry, nothing is ever found.
    explicit CalibrationStore(std::string registryDir, CrossValidation validation = CrossValidation::Groups);

    const std::string& registryDir() const { return m_registry; }

    /// The calibration stored for hardware × runtime × precision; nullptr when no profile is stored. A stored
    /// profile that cannot be read or refitted is an error naming its file (asked again, it is retried only once
    /// the file has changed).
    Result<std::shared_ptr<const Calibration>> find(const std::shared_ptr<const HardwareSpec>& hardware,
        const FusionRules& runtime, Precision precision);

    /// find() for the estimate's hardware and precision, applied to the estimate when one is stored.
    Result<std::shared_ptr<const Calibration>> apply(const GraphAnalysis& analysis, const Partition& partition,
        ModelEstimate& estimate, const FusionRules& runtime);

private:
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
};

} // namespace graphs
