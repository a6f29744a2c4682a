#pragma once

#include "calibration/energy_fit.h"
#include "calibration/latency_model.h"
#include "calibration/roofline_fit.h"
#include "core/diagnostic.h"
#include "core/error.h"
#include "hardware/hardware_spec.h"
#include "hardware/precision.h"
#include "transform/fusion_rules.h"

#include <cmath>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace graphs {

/// What a calibration is made from, as stored in the user registry at
/// `calibration/<hardware>/<runtime>/<precision>.yaml`. It names the raw measurements and the fit's settings, not
/// fitted numbers: the fit is redone whenever the profile is loaded, so a corrected specification or a changed
/// estimator never leaves stale efficiencies behind. The summary block records what the fit gave when the profile
/// was written, for a reader's information only.
///
///     hardware: local
///     runtime: native
///     precision: fp32
///     created: 2026-11-24T10:00:00Z
///     tool: graphs 0.4.0
///     fit: { ridge: 0.05, balance_models: true, coverage: 0.9 }
///     measurements: [ benchmarks/local/native/calibration.csv ]   # relative to the registry, or absolute
///     models: [ /home/me/models ]                                  # where workload rows' model files are
///     summary: { points: 140, models: 11, lomo_mape_pct: 6.1, error_bound_pct: 14.5 }
///
/// A profile adapted from another device's (`graphs calibrate --prior-from`, few_shot.h) also names that device's
/// profile, which is refitted and carried over each time as the prior its fit is pulled towards:
///
///     prior: { hardware: intel-core-i7-12700k, profile: /home/me/.local/share/graphs/calibration/…/fp32.yaml }
struct CalibrationProfile
{
    std::string hardware;
    std::string runtime;
    Precision precision = Precision::FP32;
    std::string created;             ///< ISO 8601 UTC
    std::string tool;                ///< program and version that wrote it
    FitOptions fit;
    std::vector<std::string> measurements;
    std::vector<std::string> modelDirs;
    /// Models held out of every fit (`graphs calibrate --hold-out`): their rows are not fitted, not cross-validated
    /// and give no bound; the final fit estimates them afterwards, the honest check of a model it never saw.
    std::vector<std::string> holdOut;
    std::string priorHardware;       ///< the device whose calibration the fit is pulled towards ("": none)
    std::string priorProfile;        ///< that calibration's profile file (absolute)
    // Informational, as of `created`.
    size_t points = 0;
    size_t models = 0;
    double lomoMapePct = 0;
    double errorBoundPct = 0;

    std::string file;                ///< where it was read from ("" when built in memory)
};

/// <registry>/calibration/<hardware>/<runtime>/<precision>.yaml
std::string calibrationProfilePath(const std::string& registryDir, const std::string& hardware,
    const std::string& runtime, Precision precision);

/// The profiles stored for `hardware` under <registry>/calibration/, as "runtime/precision", sorted.
std::vector<std::string> storedCalibrations(const std::string& registryDir, const std::string& hardware);

/// Reads a profile; errors name the file, line and key.
Result<CalibrationProfile> loadCalibrationProfile(const std::string& path);

/// Writes a profile atomically (the old one stays when writing fails), creating folders as needed.
Status saveCalibrationProfile(const CalibrationProfile& profile, const std::string& path);

enum class CrossValidation
{
    None,   ///< the fit alone
    Groups, ///< leave each model out once: the error bound of new estimates
    Nested  ///< and, for each left-out model, the bound its fit would have stated (to check bound coverage)
};

/// A model held out of every fit (CalibrationProfile::holdOut), estimated by the final fit.
struct HoldOutModel
{
    std::string group;
    size_t points = 0;             ///< its measurements (subgraphs, or runs)
    double measuredSeconds = 0;    ///< summed over its points, as the harness defines the whole model
    double predictedSeconds = 0;
    double theoreticalSeconds = 0; ///< the uncalibrated estimate (0 where the points carry none: imported rows)
    double boundPct = 0;           ///< the bound the fit states for models it has not seen

    double errorPct() const { return measuredSeconds > 0 ? (predictedSeconds / measuredSeconds - 1) * 100 : 0; }
    bool insideBound() const { return std::abs(errorPct()) <= boundPct; }
};

/// A calibration as used: the profile, the roofs and the model fitted from its measurements, and its errors.
struct Calibration
{
    CalibrationProfile profile;
    RooflineFit roofs;
    LatencyModel model;
    FitQuality quality;
    std::vector<TrainingPoint> points;
    std::vector<HeldOutPrediction> heldOut;  ///< Nested only
    std::vector<HoldOutModel> holdOut;       ///< the profile's held-out models, in its order
    std::map<std::string, double> groupErrors; ///< model group → leave-one-out relative error
    double errorBoundPct = 0;                ///< for estimates of models the fit has not seen
    std::vector<EnergyFitGroup> energyFits;  ///< the energy fit of the profile's precision, with its held-out errors,
                                             ///< as reported; empty when no row carries an energy reading
    std::optional<EnergyFit> energy;         ///< from the rows with measured energy; absent when there are none
    double energyBoundPct = 0;               ///< from the energy fit's k-fold held-out errors
    std::set<std::string> measurementKeys;   ///< measurementKey() of every row fitted on
    /// Set when this calibration was carried over from another device of the same family (calibration_transfer.h):
    /// the id of the device it was fitted on. Its estimates are INTERPOLATED, not CALIBRATED.
    std::string transferredFrom;
    /// Set when the fit was pulled towards a calibration carried over from this device (few-shot adaptation): the
    /// estimates are CALIBRATED (this device's own measurements), and say which prior they were adapted from.
    std::string priorFrom;
    std::shared_ptr<const LatencyModel> prior; ///< the coefficients that fit was pulled towards (null: the roofline's)

    /// Whether the latency model has a cross-validated bound (some whole models were measured): without one its
    /// latencies are not applied.
    bool hasLatency() const { return !groupErrors.empty(); }
    Diagnostics diagnostics;                 ///< rows skipped, files missing
};

/// "<file>#<benchmark>#<batch>#<threads>": a stored measurement, `file` made absolute and canonical so that the same
/// row named through different paths gives the same key.
std::string measurementKey(const std::string& file, const MeasurementRecord& record);

/// The rows of a profile's measurement files that a calibration uses: those of its runtime and precision, and every
/// roof row; with the file each came from.
struct ProfileRecords
{
    std::vector<MeasurementRecord> records;
    std::vector<std::string> sources;
};

/// Reads the profile's measurement files (paths relative to `registryDir`); fails naming a file that cannot be read.
Result<ProfileRecords> loadProfileRecords(const CalibrationProfile& profile, const std::string& registryDir);

/// The least a compute coefficient of a fit against `roofs` may be (FitOptions::computeFloor): 1 on a registry entry's
/// specification peaks; 0 (none) on measured peaks, on the detected `local` entry's estimated ones, and for a fit
/// pulled towards a carried-over prior.
double computeFloorFor(const RooflineFit& roofs, const HardwareSpec& hardware, bool carriedPrior);

/// Loads the profile's measurements (paths relative to `registryDir`), keeps the rows of its runtime and
/// precision, fits the roofs and the latency model, and cross-validates as asked. Fails when a measurement file
/// cannot be read or there is not enough data.
/// `progress` sees the share done (rebuilding the training points, then the cross-validation's folds); returning
/// false stops the build with ErrorCode::Cancelled.
/// With a `prior` (a calibration carried over to `hardware` from a device of its family: few_shot.h) the features
/// are taken against the prior's roofs, the fit is pulled towards its coefficients, only whole models are fitted
/// (operator rows are left out, with a note) and a model left out of the cross-validation alone is estimated by
/// the prior.
Result<Calibration> buildCalibration(const CalibrationProfile& profile, std::shared_ptr<const HardwareSpec> hardware,
    const FusionRules& fusion, const std::string& registryDir, CrossValidation validation = CrossValidation::Groups,
    const ProgressCallback& progress = {}, const Calibration* prior = nullptr);

} // namespace graphs
