#include "validation/accuracy.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <numeric>

namespace graphs {

namespace {

std::string shortNumber(double v)
{
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%g", v);
    return buffer;
}

Error badPoint(const ValidationPoint& p, const std::string& what)
{
    return Error { ErrorCode::InvalidData, "point '" + p.label() + "': " + what, p.label() };
}

/// Ranks 1…n, tied values sharing the mean of the ranks they span.
std::vector<double> averageRanks(const std::vector<double>& v)
{
    std::vector<size_t> order(v.size());
    std::iota(order.begin(), order.end(), size_t(0));
    std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) { return v[a] < v[b]; });
    std::vector<double> ranks(v.size());
    for (size_t i = 0; i < order.size();) {
        size_t j = i;
        while (j + 1 < order.size() && v[order[j + 1]] == v[order[i]])
            ++j;
        const double rank = (static_cast<double>(i) + static_cast<double>(j)) / 2 + 1;
        for (size_t k = i; k <= j; ++k)
            ranks[order[k]] = rank;
        i = j + 1;
    }
    return ranks;
}

/// |error| ≤ band, to within the rounding of the time ratio: 11 ms over 10 ms is 10.000000000000009 %, and
/// that is inside ±10 %.
bool inBand(double absPct, double band)
{
    return absPct <= band + 1e-9;
}

double median(std::vector<double> v)
{
    std::sort(v.begin(), v.end());
    const size_t n = v.size();
    return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

} // namespace

std::string ValidationPoint::label() const
{
    return item.empty() ? model : model + " / " + item;
}

std::vector<ValidationPoint> selectPoints(const std::vector<ValidationPoint>& points, PointScope scope)
{
    std::vector<ValidationPoint> out;
    for (const ValidationPoint& p : points) {
        if (scope == PointScope::All || (scope == PointScope::WholeModel) == p.isWholeModel())
            out.push_back(p);
    }
    return out;
}

Result<PointAccuracy> pointAccuracy(const ValidationPoint& p)
{
    if (!std::isfinite(p.measuredSeconds) || p.measuredSeconds <= 0)
        return badPoint(p, "measured time is not positive and finite (" + shortNumber(p.measuredSeconds) + " s)");
    if (!std::isfinite(p.estimatedSeconds) || p.estimatedSeconds <= 0)
        return badPoint(p, "estimated time is not positive and finite (" + shortNumber(p.estimatedSeconds) + " s)");
    if (p.errorBoundPct && (!std::isfinite(*p.errorBoundPct) || *p.errorBoundPct < 0))
        return badPoint(p, "error bound is not a non-negative number (" + shortNumber(*p.errorBoundPct) + " %)");
    PointAccuracy a;
    a.absoluteErrorSeconds = std::fabs(p.estimatedSeconds - p.measuredSeconds);
    a.errorPct = (p.estimatedSeconds / p.measuredSeconds - 1) * 100;
    // Positive finite times can still overflow their ratio (1e300 s over 1e-300 s).
    if (!std::isfinite(a.errorPct) || !std::isfinite(a.absoluteErrorSeconds))
        return badPoint(p, "estimated and measured times are too far apart to compare");
    if (p.errorBoundPct)
        a.insideBound = inBand(std::fabs(a.errorPct), *p.errorBoundPct);
    return a;
}

std::optional<double> spearmanCorrelation(const std::vector<double>& x, const std::vector<double>& y)
{
    if (x.size() != y.size() || x.size() < 3)
        return std::nullopt;
    for (size_t i = 0; i < x.size(); ++i) {
        if (!std::isfinite(x[i]) || !std::isfinite(y[i]))
            return std::nullopt;
    }
    // Pearson correlation of the ranks: exact with ties, where the 1 − 6Σd²/(n(n²−1)) shortcut is not.
    const std::vector<double> rx = averageRanks(x), ry = averageRanks(y);
    const double mean = (static_cast<double>(x.size()) + 1) / 2; // the mean rank, ties or not
    double sxy = 0, sxx = 0, syy = 0;
    for (size_t i = 0; i < rx.size(); ++i) {
        sxy += (rx[i] - mean) * (ry[i] - mean);
        sxx += (rx[i] - mean) * (rx[i] - mean);
        syy += (ry[i] - mean) * (ry[i] - mean);
    }
    if (sxx <= 0 || syy <= 0)
        return std::nullopt;
    return std::clamp(sxy / std::sqrt(sxx * syy), -1.0, 1.0);
}

Result<AccuracySummary> summarizeAccuracy(const std::vector<ValidationPoint>& points, double withinPct)
{
    if (points.empty())
        return Error { ErrorCode::InvalidData, "no validation points to summarise", "validation" };
    AccuracySummary s;
    s.count = points.size();
    s.withinPct = std::isfinite(withinPct) && withinPct >= 0 ? withinPct : 10;
    std::vector<double> absPct, measured, estimated;
    size_t within = 0, inside = 0;
    for (size_t i = 0; i < points.size(); ++i) {
        const ValidationPoint& p = points[i];
        auto a = pointAccuracy(p);
        if (!a)
            return a.error();
        const double e = std::fabs(a->errorPct);
        absPct.push_back(e);
        measured.push_back(p.measuredSeconds);
        estimated.push_back(p.estimatedSeconds);
        if (i == 0 || e > s.worstAbsPct) {
            s.worstAbsPct = e;
            s.worstIndex = i;
        }
        within += inBand(e, s.withinPct);
        if (a->insideBound) {
            ++s.pointsWithBound;
            inside += *a->insideBound;
        }
        s.usedInCalibration += p.usedInCalibration;
    }
    const double n = static_cast<double>(points.size());
    s.mapePct = std::accumulate(absPct.begin(), absPct.end(), 0.0) / n;
    s.medianAbsPct = median(absPct);
    s.worstLabel = points[s.worstIndex].label();
    s.withinShare = static_cast<double>(within) / n;
    s.spearman = spearmanCorrelation(measured, estimated);
    if (s.pointsWithBound > 0)
        s.boundCoverage = static_cast<double>(inside) / static_cast<double>(s.pointsWithBound);
    return s;
}

Result<AccuracyAnalysis> analyzeAccuracy(std::vector<ValidationPoint> points, double withinPct)
{
    AccuracyAnalysis analysis;
    for (const ValidationPoint& p : points) {
        auto a = pointAccuracy(p);
        if (!a)
            return a.error();
        analysis.accuracy.push_back(*a);
    }
    auto all = summarizeAccuracy(points, withinPct);
    if (!all)
        return all.error();
    analysis.all = *all;
    for (PointScope scope : { PointScope::WholeModel, PointScope::Items }) {
        const std::vector<ValidationPoint> selected = selectPoints(points, scope);
        if (selected.empty())
            continue;
        auto s = summarizeAccuracy(selected, withinPct);
        if (!s)
            return s.error();
        (scope == PointScope::WholeModel ? analysis.wholeModel : analysis.items) = *s;
    }
    analysis.points = std::move(points);
    return analysis;
}

} // namespace graphs
