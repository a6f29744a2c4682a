#pragma once

#include "calibration/latency_features.h"
#include "core/error.h"

#include <map>
#include <string>
#include <vector>

namespace graphs {

/// A calibrated latency model: per operator class, a scale on the estimator's compute time and one on its memory
/// time, plus a fixed cost per kernel launched:
///
///     T = Σ_class (α_class · compute_class + β_class · memory_class) + γ · kernels + δ
///
/// δ is the runtime's fixed cost per inference (its call path and dispatch, whatever the model). α, β, γ, δ ≥ 0 are fitted by non-negative least squares on relative residuals, regularised towards the theory
/// (α = β = 1, γ = δ = 0), so a class with few measurements stays near the specification.
struct LatencyModel
{
    std::map<std::string, double> computeScale;
    std::map<std::string, double> memoryScale;
    double secondsPerKernel = 0;
    double secondsPerRun = 0;

    /// Classes the model has no coefficient for keep the theory's scale of 1.
    double predictSeconds(const LatencyFeatures& f) const;
};

struct TrainingPoint
{
    std::string name;            ///< benchmark name
    std::string group;           ///< points of one group are held out together in cross-validation ("" : never)
    LatencyFeatures features;
    double measuredSeconds = 0;
};

struct FitOptions
{
    double ridge = 0.05;         ///< pull towards the theory, relative to the data's weight
};

/// Fits the model. Fails with InvalidData ("not enough data") when there are fewer points than two, or when a
/// point's measured time is not positive and finite.
Result<LatencyModel> fitLatencyModel(const std::vector<TrainingPoint>& points, const FitOptions& options = {});

/// The out-of-sample relative error of every point whose group is not empty: each group is left out, the model is
/// fitted on the rest, and the group's points are predicted. (estimate − measured) / measured, by point index.
Result<std::map<size_t, double>> crossValidatedErrors(const std::vector<TrainingPoint>& points,
    const FitOptions& options = {});

} // namespace graphs
