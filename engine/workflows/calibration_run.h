#pragma once

#include "calibration/calibration_profile.h"
#include "calibration/calibration_transfer.h"
#include "calibration/few_shot.h"
#include "core/diagnostic.h"
#include "core/error.h"
#include "transform/fusion_rules.h"

#include <memory>
#include <string>
#include <vector>

namespace graphs {

class CalibrationStore;

/// The calibration workflow, written once for `graphs calibrate` and the app's Calibration page: a request names the
/// device, runtime and precision, where the measurements are and how to fit; the functions below find the files, fit,
/// and fill in the summary a saved profile records. The front ends parse options and draw the results; saving is
/// saveCalibrationProfile() at calibrationProfilePath().
///
///     CalibrateRequest request { spec, "pytorch", Precision::FP16, userRegistryDir(option) };
///     auto fusion = calibrationFusionRules(registryDirs(option), request.runtime);
///     auto calibration = runCalibration(request, *fusion, progress);
///     if (calibration && isWorthSaving(*calibration))
///         saveCalibrationProfile(calibration->profile, calibrationProfilePath(…));
struct CalibrateRequest
{
    std::shared_ptr<const HardwareSpec> hardware;
    std::string runtime;
    Precision precision = Precision::FP32;
    std::string registryDir; ///< the user registry: measurements under benchmarks/<hardware>/<runtime>/
    std::vector<std::string> measurements; ///< results files to fit; empty: those stored for hardware × runtime
    std::vector<std::string> modelDirs; ///< where the files of workload rows are
    std::vector<std::string> holdOut; ///< models kept out of every fit and of the bound (duplicates ignored)
    FitOptions fit;
    std::string tool; ///< program and version, recorded in the profile
};

/// The profile the request describes, before any fit: measurement and model paths absolute, creation time now. An
/// error when no measurement file is given or stored (it says how to measure).
Result<CalibrationProfile> calibrationProfileFor(const CalibrateRequest& request);

/// Records in `calibration.profile` the summary a saved profile carries: points, models, the mean leave-one-model-out
/// |error| and the stated bound.
void recordFitSummary(Calibration& calibration);

/// Whether a profile of this fit is worth storing: it states a cross-validated bound (whole models were measured) or
/// fits energy. Without either, an estimate could not say how far to trust it.
bool isWorthSaving(const Calibration& calibration);

/// Fits the request's measurements with nested cross-validation (each held-out model also gets the bound its own fit
/// would have stated) and records the summary. `progress` is asked at each model and fold; false cancels.
Result<Calibration> runCalibration(
    const CalibrateRequest& request, const FusionRules& fusion, const ProgressCallback& progress = {});

/// Few-shot adaptation (`--prior-from`): the device's few measured models fitted towards the calibration of another
/// device of its family carried over. `prior` is a profile file, or the id of a device whose profile of the same
/// runtime and precision is stored in the request's registry. The result's calibration is summarised and its profile
/// names the prior; the curve gives the leave-one-model-out error after 0, 1, 2 … models.
Result<FewShotResult> runFewShotCalibration(const CalibrateRequest& request, const FusionRules& fusion,
    const std::string& prior, const SpecLookup& lookup, const ProgressCallback& progress = {});

/// The stored calibration of `source` (another device of the family, same runtime and precision) carried to the
/// request's device and checked against that device's own measurements, which it never saw (`--transfer-from`).
/// `store` (optional) refits the source's profile and keeps it for the next check; without one, a store of the
/// request's registry is made for the call.
Result<TransferCheck> runTransferCheck(const CalibrateRequest& request, const FusionRules& fusion,
    const std::shared_ptr<const HardwareSpec>& source, CalibrationStore* store = nullptr);

} // namespace graphs
