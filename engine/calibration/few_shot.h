#pragma once

#include "calibration/calibration_profile.h"
#include "core/diagnostic.h"
#include "core/error.h"
#include "hardware/hardware_spec.h"
#include "transform/fusion_rules.h"

#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace graphs {

/// Few-shot adaptation (`graphs calibrate --prior-from`): a device with a handful of measured models is fitted with
/// the ridge pulling its coefficients towards a calibration carried over from a device of its family
/// (transferCalibration()) instead of towards the bare roofline. With none of its models the fit is the transfer;
/// each measured model moves the terms it informs, and the terms it says nothing about keep the carried values.
///
///     FewShotRequest request { profile, i7, pytorchRules, registryDir, *carriedFromLocal };
///     auto adapted = adaptCalibration(request);
///     adapted->curve.steps[2].mapePct   // leave-one-model-out error with 2 of the device's models fitted

/// One row of the few-shot curve: each measured model left out in turn, estimated by fits on every set of `models`
/// of the others (0: the carried-over calibration itself).
struct FewShotStep
{
    size_t models = 0;      ///< models of the device the fits saw
    size_t cases = 0;       ///< (left-out model, training set) pairs
    double mapePct = 0;     ///< mean |error| over the cases
    double medianPct = 0;
    double worstPct = 0;
    double meanBoundPct = 0; ///< mean of the bounds those fits state
    size_t inside = 0;       ///< cases inside the bound their fit states
};

/// One left-out model's mean |error| (percent) over the training sets of each size: errorPct[k] for k models.
struct FewShotModel
{
    std::string model;
    std::vector<double> errorPct;
};

struct FewShotCurve
{
    std::vector<FewShotStep> steps; ///< k = 0 … min(maxModels, models − 1)
    std::vector<FewShotModel> models;
};

/// The few-shot curve of `points` (the device's measurements, grouped by model; ungrouped points are not used)
/// fitted with `options`, whose prior must be set. A fit on k models states the split-conformal bound of its own
/// leave-one-model-out errors (each of its k models estimated by a fit on the other k − 1, down to the prior
/// alone); with no model the bound is `priorBoundPct`. Every training set of each size is enumerated. Fails when
/// `options` has no prior or the points hold no model; `progress` returning false stops with Cancelled.
Result<FewShotCurve> fewShotCurve(const std::vector<TrainingPoint>& points, const FitOptions& options,
    double priorBoundPct, size_t maxModels = 3, const ProgressCallback& progress = {});

struct FewShotRequest
{
    CalibrationProfile profile;  ///< the device's: its measurements and fit settings (priorHardware/priorProfile
                                 ///< name the prior when it is to be saved)
    std::shared_ptr<const HardwareSpec> hardware;
    FusionRules fusion;          ///< the device's runtime
    std::string registryDir;     ///< where the profile's relative measurement paths are
    Calibration prior;           ///< a calibration carried over to `hardware` (transferCalibration())
    size_t maxModels = 3;        ///< the largest training set of the curve
};

struct FewShotResult
{
    Calibration calibration; ///< the adapted fit on all the device's models, cross-validated (nested)
    FewShotCurve curve;
    /// The same curve with the ridge pulling towards the roofline (compute and memory 1, the rest 0) against the same
    /// roofs: what the device's models give without the carried-over coefficients.
    FewShotCurve roofline;
    double priorBoundPct = 0; ///< the bound the carried-over calibration states
};

/// Fits the device's whole-model measurements with the prior (buildCalibration() with a prior) and computes the
/// curve. Fails when the prior has no latency fit or the device has no measured model.
Result<FewShotResult> adaptCalibration(const FewShotRequest& request, const ProgressCallback& progress = {});

/// Finds a registry entry's specification by id (null when unknown).
using SpecLookup = std::function<std::shared_ptr<const HardwareSpec>(const std::string& id)>;

/// The prior a profile names, as its fit uses it: the profile at `profilePath` refitted on its own device (found
/// with `lookup`; its measurements relative to the registry the file lies in, else to `registryDir`; its runtime's
/// fusion rules from the bundled and that registry) and carried over to `target`. A prior that was itself adapted
/// is rebuilt with its own prior (at most four deep). Fails naming the file when it cannot be read or refitted, the
/// device is unknown, the two are not of one family or the prior has no latency fit.
Result<Calibration> carriedPrior(const std::string& profilePath, const std::shared_ptr<const HardwareSpec>& target,
    const SpecLookup& lookup, const std::string& registryDir);

} // namespace graphs
