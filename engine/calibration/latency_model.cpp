#include "calibration/latency_model.h"

#include "calibration/nnls.h"

#include <cmath>
#include <set>

namespace graphs {

namespace {

/// Column layout of the design matrix: compute scales, memory scales, the per-kernel cost, the per-run cost.
struct Columns
{
    std::vector<std::string> computeClasses;
    std::vector<std::string> memoryClasses;
    size_t size() const { return computeClasses.size() + memoryClasses.size() + 2; }
};

Columns columnsOf(const std::vector<const TrainingPoint*>& points)
{
    std::set<std::string> compute, memory;
    for (const TrainingPoint* p : points) {
        for (const auto& [k, v] : p->features.computeSeconds)
            if (v > 0)
                compute.insert(k);
        for (const auto& [k, v] : p->features.memorySeconds)
            if (v > 0)
                memory.insert(k);
    }
    return { { compute.begin(), compute.end() }, { memory.begin(), memory.end() } };
}

Eigen::VectorXd featureRow(const LatencyFeatures& f, const Columns& c)
{
    Eigen::VectorXd row(static_cast<Eigen::Index>(c.size()));
    Eigen::Index j = 0;
    for (const std::string& k : c.computeClasses)
        row(j++) = f.computeSeconds.count(k) ? f.computeSeconds.at(k) : 0.0;
    for (const std::string& k : c.memoryClasses)
        row(j++) = f.memorySeconds.count(k) ? f.memorySeconds.at(k) : 0.0;
    row(j++) = f.kernels;
    row(j) = 1.0;
    return row;
}

Result<LatencyModel> fit(const std::vector<const TrainingPoint*>& points, const FitOptions& options)
{
    if (points.size() < 2)
        return Error { ErrorCode::InvalidData,
            "not enough data: " + std::to_string(points.size()) + " measurement(s), a fit needs at least 2",
            "calibration" };
    const Columns cols = columnsOf(points);
    const auto n = static_cast<Eigen::Index>(points.size());
    const auto m = static_cast<Eigen::Index>(cols.size());
    // Rows divided by the measured time: the fit minimises relative error, so small operators count as much as
    // whole models.
    Eigen::MatrixXd a(n + m, m);
    Eigen::VectorXd b(n + m);
    for (Eigen::Index i = 0; i < n; ++i) {
        const TrainingPoint& p = *points[static_cast<size_t>(i)];
        if (!(p.measuredSeconds > 0) || !std::isfinite(p.measuredSeconds))
            return Error { ErrorCode::InvalidData, "measured time of '" + p.name + "' is not positive", "calibration" };
        a.row(i) = featureRow(p.features, cols).transpose() / p.measuredSeconds;
        b(i) = 1.0;
    }
    // Scale columns to unit RMS so one ridge strength fits all, then add ridge rows pulling towards the prior.
    Eigen::VectorXd scale(m);
    for (Eigen::Index j = 0; j < m; ++j) {
        const double rms = std::sqrt(a.topRows(n).col(j).squaredNorm() / static_cast<double>(n));
        scale(j) = rms > 0 ? rms : 1.0;
        a.col(j) /= scale(j);
    }
    const double lambda = std::sqrt(options.ridge * static_cast<double>(n));
    a.bottomRows(m).setZero();
    for (Eigen::Index j = 0; j < m; ++j) {
        const bool fixedCost = j >= m - 2;
        const double prior = fixedCost ? 0.0 : 1.0;
        a(n + j, j) = lambda;
        b(n + j) = lambda * prior * scale(j);
    }
    const Eigen::VectorXd x = nonNegativeLeastSquares(a, b);
    LatencyModel model;
    Eigen::Index j = 0;
    for (const std::string& k : cols.computeClasses) {
        model.computeScale[k] = x(j) / scale(j);
        ++j;
    }
    for (const std::string& k : cols.memoryClasses) {
        model.memoryScale[k] = x(j) / scale(j);
        ++j;
    }
    model.secondsPerKernel = x(j) / scale(j);
    ++j;
    model.secondsPerRun = x(j) / scale(j);
    return model;
}

} // namespace

double LatencyModel::predictSeconds(const LatencyFeatures& f) const
{
    double t = secondsPerKernel * f.kernels + secondsPerRun;
    for (const auto& [k, v] : f.computeSeconds)
        t += (computeScale.count(k) ? computeScale.at(k) : 1.0) * v;
    for (const auto& [k, v] : f.memorySeconds)
        t += (memoryScale.count(k) ? memoryScale.at(k) : 1.0) * v;
    return t;
}

Result<LatencyModel> fitLatencyModel(const std::vector<TrainingPoint>& points, const FitOptions& options)
{
    std::vector<const TrainingPoint*> all;
    for (const TrainingPoint& p : points)
        all.push_back(&p);
    return fit(all, options);
}

Result<std::map<size_t, double>> crossValidatedErrors(const std::vector<TrainingPoint>& points,
    const FitOptions& options)
{
    std::set<std::string> groups;
    for (const TrainingPoint& p : points)
        if (!p.group.empty())
            groups.insert(p.group);
    std::map<size_t, double> errors;
    for (const std::string& g : groups) {
        std::vector<const TrainingPoint*> training;
        for (const TrainingPoint& p : points)
            if (p.group != g)
                training.push_back(&p);
        auto model = fit(training, options);
        if (!model)
            return model.error();
        for (size_t i = 0; i < points.size(); ++i) {
            if (points[i].group == g)
                errors[i] = model->predictSeconds(points[i].features) / points[i].measuredSeconds - 1;
        }
    }
    return errors;
}

} // namespace graphs
