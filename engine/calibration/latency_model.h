#pragma once

#include "calibration/latency_features.h"
#include "core/diagnostic.h"
#include "core/error.h"

#include <map>
#include <memory>
#include <string>
#include <vector>

namespace graphs {

/// The range of kernels of one class a fit has seen.
struct CoveredRange
{
    double minFlops = 0;
    double maxFlops = 0;
    double minBytes = 0;
    double maxBytes = 0;
    size_t kernels = 0;
};

/// A calibrated latency model, linear in the named terms of LatencyFeatures:
///
///     T = Σ_terms coefficient · term        (per kernel, plus the run terms)
///
/// Coefficients are non-negative, fitted by least squares on relative residuals and regularised towards the prior
/// (1 for the roofline terms, 0 for the rest), so a term the data says little about stays near the roofline.
struct LatencyModel
{
    std::map<std::string, double> coefficients;
    std::map<std::string, CoveredRange> covered; ///< class → kernels seen in the fit
    double pooling = 0; ///< the pooling strength the fit used

    /// A term's coefficient; terms the model has no coefficient for keep their prior.
    double coefficient(const std::string& key) const;
    double predictSeconds(const LatencyFeatures& f) const;
    double predictKernelSeconds(const SubgraphFeatures& k) const;
    double runSeconds(const LatencyFeatures& f) const;
    /// Whether a kernel is of a class the fit saw, within a factor of 4 of the FLOPs and bytes it saw.
    bool covers(const SubgraphFeatures& k) const;
};

struct TrainingPoint
{
    std::string name;      ///< benchmark name
    std::string group;     ///< the model it belongs to; points of one group are held out together ("": never)
    LatencyFeatures features;
    double measuredSeconds = 0;
    size_t record = 0;     ///< index of the measurement it was made from, in the records given to trainingPoints
};

struct FitOptions
{
    double ridge = 0.05;   ///< pull towards the prior, relative to the data's weight
    /// Weigh the grouped points (whole models) so that together they count as much as the ungrouped ones
    /// (operator microbenchmarks): each model's relative residual is scaled by #operators / #models. Without it a
    /// hundred operator cases would drown a dozen models, and it is whole models the estimates are for.
    bool balanceModels = true;
    double coverage = 0.9; ///< the share of held-out errors the stated error bound should cover
    /// Partial pooling across operator classes: each class's coefficient of a term is the term's shared value
    /// ("*:<term>", itself pulled towards the prior by `ridge`) plus a deviation pulled towards 0 with this strength
    /// (relative, like `ridge`); a class the fit never saw takes the shared value. 0: every class on its own, pulled
    /// towards the prior. Negative (the default, "auto"): none where operators were measured; otherwise 0 or `ridge`,
    /// whichever errs less in a leave-one-model-out inside the fit's own points; none with a `prior`.
    double pooling = -1;
    /// A calibration carried over from a device of the family (few_shot.h) to adapt, instead of the roofline prior
    /// (1 for compute and memory, 0 for the rest). The fit is then in two stages: the prior's coefficients times one
    /// factor per term (compute, memory, kernels, …, the call's io: what a few whole models can pin), each pulled
    /// towards 1 by `ridge`; then, only where most points are single kernels, each class's coefficients pulled
    /// towards those (pooling as asked, none for "auto"). Classes the data do not show keep the prior's values times
    /// the factors; with no data at all the fit is the prior, and cross-validation may leave every group out.
    /// Null: the roofline prior.
    std::shared_ptr<const LatencyModel> prior {};
    /// The least a compute coefficient may be (0: no floor; ignored with a `prior`, whose factors are not
    /// coefficients). 1 where the roofs' peaks are the specification's: no kernel runs its FLOPs faster than the peak
    /// allows at the mapper's utilisation (which takes the padding and the idle units as waste the kernel cannot
    /// avoid), so a coefficient below 1 would be another term's time put on the compute term. Measured roofs set
    /// none: a runtime's own kernels may beat the benchmark that measured them.
    double computeFloor = 0;
};

/// How well a fit describes its own data.
struct FitQuality
{
    size_t points = 0;
    double r2Log = 0;             ///< R² of log(time)
    double rmsRelativeResidual = 0;
    double worstRelativeResidual = 0;
};

/// Fits the model. Fails with InvalidData ("not enough data") when there are fewer points than two, or when a
/// point's measured time is not positive and finite.
Result<LatencyModel> fitLatencyModel(const std::vector<TrainingPoint>& points, const FitOptions& options = {});

FitQuality fitQuality(const LatencyModel& model, const std::vector<TrainingPoint>& points);

/// One point estimated by a fit that did not see its group.
struct HeldOutPrediction
{
    size_t point = 0;
    double predictedSeconds = 0;
    double relativeError = 0;     ///< predicted / measured − 1
    double boundPct = 0;          ///< the error bound that fit would have stated, from its own cross-validation
};

/// Leave-one-group-out cross-validation: each group is left out, the model is fitted on the rest and predicts the
/// group's points. Each held-out fit's error bound comes from a cross-validation nested inside its training data
/// (split-conformal: the ⌈(n+1)·coverage⌉-th smallest of n inner group errors), so the bound is as honest as the
/// error it is checked against.
Result<std::vector<HeldOutPrediction>> crossValidate(const std::vector<TrainingPoint>& points,
    const FitOptions& options = {}, const ProgressCallback& progress = {});

/// Leave-one-group-out relative errors of every grouped point, keyed by group (a group's error is that of the
/// sum of its points: a model measured per subgraph is judged as a whole).
Result<std::map<std::string, double>> groupErrors(const std::vector<TrainingPoint>& points, const FitOptions& options,
    const ProgressCallback& progress = {});

/// The error bound (percent) that covers `coverage` of new errors, given held-out absolute relative errors
/// (split-conformal quantile, never below 3%).
double conformalBoundPct(std::vector<double> absoluteErrors, double coverage);

} // namespace graphs
