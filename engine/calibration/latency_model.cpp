#include "calibration/latency_model.h"

#include "calibration/nnls.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <set>

namespace graphs {

namespace {

/// The range of kernels each class has seen (what the fit covers without extrapolating).
void recordCoverage(LatencyModel& model, const std::vector<const TrainingPoint*>& points)
{
    for (const TrainingPoint* p : points) {
        for (const SubgraphFeatures& k : p->features.subgraphs) {
            CoveredRange& r = model.covered[k.opClass];
            if (r.kernels == 0) {
                r.minFlops = r.maxFlops = k.flops;
                r.minBytes = r.maxBytes = k.bytes;
            }
            r.minFlops = std::min(r.minFlops, k.flops);
            r.maxFlops = std::max(r.maxFlops, k.flops);
            r.minBytes = std::min(r.minBytes, k.bytes);
            r.maxBytes = std::max(r.maxBytes, k.bytes);
            ++r.kernels;
        }
    }
}

constexpr double kRangeSlack = 4.0;
constexpr double kMinimumBoundPct = 3.0;

std::vector<std::string> columnsOf(const std::vector<const TrainingPoint*>& points)
{
    std::set<std::string> keys;
    for (const TrainingPoint* p : points)
        for (const auto& [k, v] : p->features.total())
            if (v > 0)
                keys.insert(k);
    return { keys.begin(), keys.end() };
}

/// One least-squares fit; the coefficients in `held` are not fitted but held at their values.
Result<LatencyModel> fitHolding(const std::vector<const TrainingPoint*>& points, const FitOptions& options,
    const std::map<std::string, double>& held)
{
    // With a carried-over prior, no data is the prior itself and one point moves it as far as the ridge lets it.
    if (options.prior && points.empty())
        return *options.prior;
    auto priorOf = [&](const std::string& key) {
        return options.prior ? options.prior->coefficient(key) : termPrior(key);
    };
    if (points.size() < 2 && !options.prior)
        return Error { ErrorCode::InvalidData,
            "not enough data: " + std::to_string(points.size()) + " measurement(s), a fit needs at least 2",
            "calibration" };
    const std::vector<std::string> cols = columnsOf(points);
    const auto n = static_cast<Eigen::Index>(points.size());
    size_t grouped = 0;
    for (const TrainingPoint* p : points)
        grouped += p->group.empty() ? 0 : 1;
    const size_t ungrouped = points.size() - grouped;
    const double modelWeight = options.balanceModels && grouped > 0 && ungrouped > 0
        ? std::max(1.0, static_cast<double>(ungrouped) / static_cast<double>(grouped))
        : 1.0;

    // Unknowns. Without pooling, one per term. With pooling, each class term "<class>:<term>" is the shared
    // "*:<term>" plus a deviation of either sign (two non-negative unknowns), and the deviations are pulled towards 0
    // while the shared ones are pulled towards the prior: a class the data say little about keeps the behaviour of
    // the others rather than the bare roofline. Run terms are always their own.
    struct Unknown
    {
        std::string shared; ///< "*:<term>" or the run term itself: the coefficient it adds to
        double sign = 1;    ///< +1, or −1 for the negative part of a deviation
        std::string column; ///< the feature it multiplies ("" for a shared term: the sum over its classes)
        double prior = 0;
        bool deviation = false;
    };
    auto termOf = [](const std::string& key) { return key.substr(key.find(':') + 1); };
    const bool pooled = options.pooling > 0;
    std::vector<Unknown> unknowns;
    std::set<std::string> sharedTerms;
    for (const std::string& c : cols) {
        if (held.count(c))
            continue;
        if (!pooled || c.rfind("run:", 0) == 0) {
            unknowns.push_back({ c, 1, c, priorOf(c), false });
            continue;
        }
        sharedTerms.insert(termOf(c));
        // A prior's class may sit off its shared value: the deviation is pulled towards that offset, not 0.
        const double offset = priorOf(c) - priorOf("*:" + termOf(c));
        unknowns.push_back({ c, 1, c, std::max(0.0, offset), true });
        unknowns.push_back({ c, -1, c, std::max(0.0, -offset), true });
    }
    for (const std::string& t : sharedTerms)
        unknowns.push_back({ "*:" + t, 1, "", priorOf("*:" + t), false });
    const auto u = static_cast<Eigen::Index>(unknowns.size());

    // Rows divided by the measured time: the fit minimises relative error, so small operators count as much as
    // large ones.
    Eigen::MatrixXd a(n + u, u);
    Eigen::VectorXd b(n + u);
    for (Eigen::Index i = 0; i < n; ++i) {
        const TrainingPoint& p = *points[static_cast<size_t>(i)];
        if (!(p.measuredSeconds > 0) || !std::isfinite(p.measuredSeconds))
            return Error { ErrorCode::InvalidData, "measured time of '" + p.name + "' is not positive", "calibration" };
        const FeatureVector total = p.features.total();
        std::map<std::string, double> byTerm; // Σ over classes, for the shared unknowns
        double heldSeconds = 0;
        for (const auto& [k, v] : total) {
            if (const auto h = held.find(k); h != held.end())
                heldSeconds += h->second * v;
            else if (k.rfind("run:", 0) != 0)
                byTerm[termOf(k)] += v;
        }
        const double w = (p.group.empty() ? 1.0 : modelWeight) / p.measuredSeconds;
        for (Eigen::Index j = 0; j < u; ++j) {
            const Unknown& x = unknowns[static_cast<size_t>(j)];
            double v = 0;
            if (x.column.empty()) {
                const auto it = byTerm.find(x.shared.substr(2));
                v = it == byTerm.end() ? 0.0 : it->second;
            } else {
                const auto it = total.find(x.column);
                v = it == total.end() ? 0.0 : it->second;
            }
            a(i, j) = v * x.sign * w;
        }
        b(i) = (p.group.empty() ? 1.0 : modelWeight) - heldSeconds * w;
    }
    // Columns scaled to unit RMS so one ridge strength fits all, then ridge rows pulling towards the prior (the
    // deviations of a pooled fit towards 0, with their own strength).
    Eigen::VectorXd scale(u);
    for (Eigen::Index j = 0; j < u; ++j) {
        const double rms = std::sqrt(a.topRows(n).col(j).squaredNorm() / static_cast<double>(n));
        scale(j) = rms > 0 && std::isfinite(rms) ? rms : 1.0;
        a.col(j) /= scale(j);
    }
    const double lambda = std::sqrt(options.ridge * static_cast<double>(n));
    const double lambdaPool = std::sqrt(options.pooling * static_cast<double>(n));
    a.bottomRows(u).setZero();
    for (Eigen::Index j = 0; j < u; ++j) {
        const Unknown& x = unknowns[static_cast<size_t>(j)];
        const double l = x.deviation ? lambdaPool : lambda;
        a(n + j, j) = l;
        b(n + j) = l * x.prior * scale(j);
    }
    const Eigen::VectorXd x = nonNegativeLeastSquares(a, b);
    LatencyModel model;
    if (options.prior) {
        // Terms and classes these points do not show keep what the prior says of them.
        model.coefficients = options.prior->coefficients;
        model.covered = options.prior->covered;
    }
    std::map<std::string, double> sum;
    for (Eigen::Index j = 0; j < u; ++j) {
        const Unknown& k = unknowns[static_cast<size_t>(j)];
        const double c = x(j) / scale(j);
        sum[k.shared] += std::isfinite(c) ? k.sign * c : 0.0;
    }
    for (const std::string& c : cols) {
        if (const auto h = held.find(c); h != held.end()) {
            model.coefficients[c] = h->second;
            continue;
        }
        double value = sum[c];
        if (pooled && c.rfind("run:", 0) != 0)
            value += sum["*:" + termOf(c)];
        model.coefficients[c] = std::max(0.0, value);
    }
    for (const std::string& t : sharedTerms)
        model.coefficients["*:" + t] = std::max(0.0, sum["*:" + t]);
    model.pooling = options.pooling;
    recordCoverage(model, points);
    return model;
}

/// The fit, with every compute coefficient at least FitOptions::computeFloor, by active sets: the coefficients the fit
/// puts below the floor are held at it and the rest refitted; once none is below, a held coefficient that the refit
/// without it would put at or above the floor is released, one at a time, and the search goes on. Each round changes
/// the held set, and a set is never visited twice along one search, so it ends (bounded at four rounds per
/// coefficient). With pooling a held class leaves the shared value's sums: what the others show, without it. A class
/// the fit never saw takes the shared value, floored too.
Result<LatencyModel> fitFixed(const std::vector<const TrainingPoint*>& points, const FitOptions& options)
{
    auto first = fitHolding(points, options, {});
    if (!first || options.computeFloor <= 0 || options.prior)
        return first;
    const double floor = options.computeFloor;
    auto below = [&](const LatencyModel& m, const std::map<std::string, double>& held) {
        std::vector<std::string> keys;
        for (const auto& [key, value] : m.coefficients)
            if (key.ends_with(":compute") && !key.starts_with("*:") && value < floor && !held.count(key))
                keys.push_back(key);
        return keys;
    };
    std::map<std::string, double> held;
    LatencyModel model = std::move(*first);
    std::set<std::map<std::string, double>> seen { held };
    const size_t rounds = 4 * std::max<size_t>(1, model.coefficients.size());
    for (size_t round = 0; round < rounds; ++round) {
        const std::vector<std::string> low = below(model, held);
        if (!low.empty()) {
            for (const std::string& key : low)
                held[key] = floor;
        } else {
            bool released = false;
            for (const auto& [key, value] : held) {
                std::map<std::string, double> without = held;
                without.erase(key);
                auto trial = fitHolding(points, options, without);
                if (!trial)
                    return trial.error();
                if (trial->coefficient(key) >= floor && !seen.count(without)) {
                    held = std::move(without);
                    model = std::move(*trial);
                    released = true;
                    break;
                }
            }
            if (!released)
                break;
            seen.insert(held);
            continue;
        }
        if (seen.count(held))
            break;
        seen.insert(held);
        auto next = fitHolding(points, options, held);
        if (!next)
            return next.error();
        model = std::move(*next);
    }
    for (auto& [key, value] : model.coefficients)
        if (key.ends_with(":compute"))
            value = std::max(floor, value);
    return model;
}

std::vector<const TrainingPoint*> pointersTo(const std::vector<TrainingPoint>& points)
{
    std::vector<const TrainingPoint*> out;
    out.reserve(points.size());
    for (const TrainingPoint& p : points)
        out.push_back(&p);
    return out;
}

/// The points outside `group` (and `alsoOut`); ungrouped points always stay.
std::vector<const TrainingPoint*> allBut(const std::vector<const TrainingPoint*>& points, const std::string& group,
    const std::string& alsoOut = {})
{
    std::vector<const TrainingPoint*> kept;
    for (const TrainingPoint* p : points)
        if (p->group.empty() || (p->group != group && p->group != alsoOut))
            kept.push_back(p);
    return kept;
}

std::vector<const TrainingPoint*> allBut(const std::vector<TrainingPoint>& points, const std::string& group,
    const std::string& alsoOut = {})
{
    return allBut(pointersTo(points), group, alsoOut);
}

/// Relative error of a group as a whole: Σ predicted / Σ measured − 1.
double groupError(const LatencyModel& model, const std::vector<const TrainingPoint*>& points, const std::string& group)
{
    double predicted = 0;
    double measured = 0;
    for (const TrainingPoint* p : points) {
        if (p->group == group) {
            predicted += model.predictSeconds(p->features);
            measured += p->measuredSeconds;
        }
    }
    return measured > 0 ? predicted / measured - 1 : 0;
}

double groupError(const LatencyModel& model, const std::vector<TrainingPoint>& points, const std::string& group)
{
    return groupError(model, pointersTo(points), group);
}

/// The factor key of a term: "scale:<term>" for class terms, "scale:run-<term>" for the call's.
std::string factorKey(const std::string& key)
{
    const size_t colon = key.find(':');
    return key.rfind("run:", 0) == 0 ? "scale:run-" + key.substr(colon + 1) : "scale:" + key.substr(colon + 1);
}

/// Few-shot, first stage: the prior's coefficients times one factor per term (compute, memory, kernels, …, the
/// call's io), each pulled towards 1. A handful of models, one row each, cannot pin a coefficient per class and term;
/// they can say that this device's fixed costs are twice the prior's, or its memory time 1.3 times. The classes keep
/// the prior's proportions to one another.
Result<LatencyModel> scalePrior(const std::vector<const TrainingPoint*>& points, const FitOptions& options)
{
    const LatencyModel& prior = *options.prior;
    std::vector<TrainingPoint> scaled;
    scaled.reserve(points.size());
    std::set<std::string> keys;
    for (const TrainingPoint* p : points) {
        TrainingPoint q;
        q.name = p->name;
        q.group = p->group;
        q.measuredSeconds = p->measuredSeconds;
        SubgraphFeatures k;
        k.opClass = "scale";
        for (const auto& [key, value] : p->features.total()) {
            k.terms[factorKey(key)] += prior.coefficient(key) * value;
            keys.insert(key);
        }
        q.features.subgraphs.push_back(std::move(k));
        scaled.push_back(std::move(q));
    }
    auto ones = std::make_shared<LatencyModel>();
    for (const TrainingPoint& q : scaled)
        for (const auto& [key, value] : q.features.subgraphs.front().terms)
            ones->coefficients[key] = 1;
    FitOptions o = options;
    o.prior = ones;
    o.pooling = 0;
    std::vector<const TrainingPoint*> pointers;
    for (const TrainingPoint& q : scaled)
        pointers.push_back(&q);
    auto factors = fitFixed(pointers, o);
    if (!factors)
        return factors.error();
    LatencyModel out = prior;
    for (auto& [key, value] : out.coefficients)
        value *= factors->coefficient(factorKey(key));
    for (const std::string& key : keys)
        out.coefficients[key] = prior.coefficient(key) * factors->coefficient(factorKey(key));
    recordCoverage(out, points);
    return out;
}

/// Few-shot: the prior scaled per term (scalePrior), then, where most points are single kernels (per-subgraph or
/// operator measurements, which pin a class's coefficients), each class's coefficients fitted towards that. Whole
/// models measured as one time each do not: fitted per class, a term that is a sliver of the one or two models
/// seen moves at little cost and wrecks the estimate of a model where that term dominates (errors above 10⁴% on this
/// machine's models with three of them fitted).
Result<LatencyModel> fitWithPrior(const std::vector<const TrainingPoint*>& points, const FitOptions& options)
{
    if (points.empty())
        return *options.prior;
    auto scaled = scalePrior(points, options);
    const auto kernels = std::count_if(points.begin(), points.end(),
        [](const TrainingPoint* p) { return p->features.subgraphs.size() == 1; });
    if (!scaled || 2 * static_cast<size_t>(kernels) <= points.size())
        return scaled;
    FitOptions o = options;
    o.prior = std::make_shared<const LatencyModel>(std::move(*scaled));
    o.pooling = std::max(0.0, options.pooling);
    return fitFixed(points, o);
}

/// The fit at `options.pooling`; when that is negative (automatic): without pooling where there are operator
/// measurements (ungrouped points: each class is measured on its own, across shapes), else at the strength, none or
/// as strong as the ridge, whose leave-one-group-out fits on `points` alone err least on the left-out groups (mean
/// absolute error of their summed times). Imported per-subgraph runs of a handful of models show each class in few
/// settings, and there the pooled fit carries better; inside a cross-validation this choice is made again on each
/// training set, so a reported held-out error never saw the group it is about. Fewer than three groups: no pooling.
Result<LatencyModel> fit(const std::vector<const TrainingPoint*>& points, const FitOptions& options)
{
    if (options.prior)
        return fitWithPrior(points, options);
    if (options.pooling >= 0)
        return fitFixed(points, options);
    std::set<std::string> groups;
    bool operators = false;
    for (const TrainingPoint* p : points) {
        if (p->group.empty())
            operators = true;
        else
            groups.insert(p->group);
    }
    FitOptions chosen = options;
    chosen.pooling = 0;
    if (!operators && groups.size() >= 3) {
        double best = std::numeric_limits<double>::infinity();
        for (double candidate : { 0.0, options.ridge }) {
            FitOptions o = options;
            o.pooling = candidate;
            double sum = 0;
            for (const std::string& g : groups) {
                auto model = fitFixed(allBut(points, g), o);
                if (!model)
                    return model.error();
                sum += std::abs(groupError(*model, points, g));
            }
            if (sum < best - 1e-12) {
                best = sum;
                chosen.pooling = candidate;
            }
        }
    }
    return fitFixed(points, chosen);
}

std::set<std::string> groupsOf(const std::vector<TrainingPoint>& points)
{
    std::set<std::string> groups;
    for (const TrainingPoint& p : points)
        if (!p.group.empty())
            groups.insert(p.group);
    return groups;
}

} // namespace

double LatencyModel::coefficient(const std::string& key) const
{
    const auto it = coefficients.find(key);
    if (it != coefficients.end())
        return it->second;
    // A class the fit never saw takes the pooled value of its term, where the fit pooled.
    const size_t colon = key.find(':');
    if (colon != std::string::npos && key.rfind("run:", 0) != 0) {
        const auto shared = coefficients.find("*" + key.substr(colon));
        if (shared != coefficients.end())
            return shared->second;
    }
    return termPrior(key);
}

double LatencyModel::predictKernelSeconds(const SubgraphFeatures& k) const
{
    double t = 0;
    for (const auto& [key, value] : k.terms)
        t += coefficient(key) * value;
    return t;
}

double LatencyModel::runSeconds(const LatencyFeatures& f) const
{
    double t = 0;
    for (const auto& [key, value] : f.runTerms)
        t += coefficient(key) * value;
    return t;
}

double LatencyModel::predictSeconds(const LatencyFeatures& f) const
{
    double t = runSeconds(f);
    for (const SubgraphFeatures& k : f.subgraphs)
        t += predictKernelSeconds(k);
    return t;
}

bool LatencyModel::covers(const SubgraphFeatures& k) const
{
    const auto it = covered.find(k.opClass);
    if (it == covered.end())
        return false;
    const CoveredRange& r = it->second;
    auto inside = [](double v, double lo, double hi) { return v >= lo / kRangeSlack && v <= hi * kRangeSlack; };
    return inside(k.flops, r.minFlops, r.maxFlops) && inside(k.bytes, r.minBytes, r.maxBytes);
}

Result<LatencyModel> fitLatencyModel(const std::vector<TrainingPoint>& points, const FitOptions& options)
{
    std::vector<const TrainingPoint*> all;
    for (const TrainingPoint& p : points)
        all.push_back(&p);
    return fit(all, options);
}

FitQuality fitQuality(const LatencyModel& model, const std::vector<TrainingPoint>& points)
{
    FitQuality q;
    q.points = points.size();
    if (points.empty())
        return q;
    double meanLog = 0;
    for (const TrainingPoint& p : points)
        meanLog += std::log(p.measuredSeconds);
    meanLog /= static_cast<double>(points.size());
    double ssRes = 0;
    double ssTot = 0;
    double sq = 0;
    for (const TrainingPoint& p : points) {
        const double predicted = std::max(model.predictSeconds(p.features), 1e-12);
        const double r = predicted / p.measuredSeconds - 1;
        ssRes += std::pow(std::log(predicted) - std::log(p.measuredSeconds), 2);
        ssTot += std::pow(std::log(p.measuredSeconds) - meanLog, 2);
        sq += r * r;
        q.worstRelativeResidual = std::max(q.worstRelativeResidual, std::abs(r));
    }
    q.r2Log = ssTot > 0 ? 1 - ssRes / ssTot : 0;
    q.rmsRelativeResidual = std::sqrt(sq / static_cast<double>(points.size()));
    return q;
}

double conformalBoundPct(std::vector<double> absoluteErrors, double coverage)
{
    if (absoluteErrors.empty())
        return 0;
    std::sort(absoluteErrors.begin(), absoluteErrors.end());
    const double n = static_cast<double>(absoluteErrors.size());
    const auto rank = static_cast<size_t>(std::ceil((n + 1) * std::clamp(coverage, 0.0, 1.0)));
    const double e = absoluteErrors[std::min(std::max<size_t>(rank, 1), absoluteErrors.size()) - 1];
    return std::max(e * 100, kMinimumBoundPct);
}

/// Cross-validation leaves groups out: each fit without a group (or, nested, without two) needs data left.
Status checkEnoughForCrossValidation(const std::vector<TrainingPoint>& points, size_t leftOut, bool prior)
{
    const std::set<std::string> groups = groupsOf(points);
    if (groups.empty() || prior)
        return Ok {}; // nothing to hold out, or a prior to fall back on when all are
    size_t ungrouped = 0;
    for (const TrainingPoint& p : points)
        ungrouped += p.group.empty() ? 1 : 0;
    if (groups.size() < leftOut + 1 || groups.size() - leftOut + ungrouped < 2)
        return Error { ErrorCode::InvalidData,
            "not enough data for cross-validation: " + std::to_string(groups.size()) + " measured model(s) and "
                + std::to_string(ungrouped) + " operator measurement(s); leaving " + std::to_string(leftOut)
                + " model(s) out must leave another model and at least 2 measurements",
            "calibration" };
    return Ok {};
}

Result<std::map<std::string, double>> groupErrors(const std::vector<TrainingPoint>& points, const FitOptions& options,
    const ProgressCallback& progress)
{
    if (auto enough = checkEnoughForCrossValidation(points, 1, options.prior != nullptr); !enough)
        return enough.error();
    std::map<std::string, double> errors;
    const std::set<std::string> groups = groupsOf(points);
    for (const std::string& g : groups) {
        if (progress && !progress(static_cast<double>(errors.size()) / static_cast<double>(groups.size())))
            return Error { ErrorCode::Cancelled, "calibration cancelled", "calibration" };
        auto model = fit(allBut(points, g), options);
        if (!model)
            return model.error();
        errors[g] = groupError(*model, points, g);
    }
    return errors;
}

Result<std::vector<HeldOutPrediction>> crossValidate(const std::vector<TrainingPoint>& points,
    const FitOptions& options, const ProgressCallback& progress)
{
    if (auto enough = checkEnoughForCrossValidation(points, 2, options.prior != nullptr); !enough)
        return enough.error();
    const std::set<std::string> groups = groupsOf(points);
    std::vector<HeldOutPrediction> out;
    size_t done = 0;
    for (const std::string& g : groups) {
        if (progress && !progress(static_cast<double>(done++) / static_cast<double>(groups.size())))
            return Error { ErrorCode::Cancelled, "calibration cancelled", "calibration" };
        auto model = fit(allBut(points, g), options);
        if (!model)
            return model.error();
        // The bound this fit would state: its own leave-one-group-out errors, without g.
        std::vector<double> inner;
        for (const std::string& h : groups) {
            if (h == g)
                continue;
            auto innerModel = fit(allBut(points, g, h), options);
            if (!innerModel)
                return innerModel.error();
            inner.push_back(std::abs(groupError(*innerModel, points, h)));
        }
        const double bound = conformalBoundPct(inner, options.coverage);
        for (size_t i = 0; i < points.size(); ++i) {
            if (points[i].group != g)
                continue;
            HeldOutPrediction h;
            h.point = i;
            h.predictedSeconds = model->predictSeconds(points[i].features);
            h.relativeError = h.predictedSeconds / points[i].measuredSeconds - 1;
            h.boundPct = bound;
            out.push_back(h);
        }
    }
    return out;
}

} // namespace graphs
