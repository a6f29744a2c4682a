#pragma once

// How close the estimates come to measurements: per-point errors and summary statistics (MAPE, median, worst,
// rank correlation, coverage of the stated error bounds), kept apart for whole models and for their parts.

#include "core/error.h"

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

namespace graphs {

/// One estimate set beside one measurement of the same thing.
struct ValidationPoint
{
    std::string model;
    std::string item;                    ///< "" for the whole model, else a subgraph or node name
    double measuredSeconds = 0;
    double estimatedSeconds = 0;
    std::optional<double> errorBoundPct; ///< the estimate's stated ± bound, in percent; absent when none was stated
    std::string confidence;              ///< "calibrated", "extrapolated", "interpolated", "theoretical"
    bool usedInCalibration = false;      ///< the measurement was also fitted on: its error is in-sample

    bool isWholeModel() const { return item.empty(); }
    /// "model" or "model / item", for messages and tables.
    std::string label() const;
};

/// The errors of one point.
struct PointAccuracy
{
    double absoluteErrorSeconds = 0;     ///< |estimated − measured|
    double errorPct = 0;                 ///< (estimated / measured − 1) · 100: positive when the estimate is high
    std::optional<bool> insideBound;     ///< |errorPct| ≤ bound (to within rounding); absent when no bound is stated
};

/// Summary statistics of a set of points. Percentages are percent (12.5 means 12.5 %), shares are fractions.
struct AccuracySummary
{
    size_t count = 0;
    double mapePct = 0;                  ///< mean absolute percentage error
    double medianAbsPct = 0;             ///< median absolute percentage error (mean of the middle two when even)
    double worstAbsPct = 0;              ///< largest absolute percentage error …
    size_t worstIndex = 0;               ///< … at this index of the points summarised (the first when tied) …
    std::string worstLabel;              ///< … named so ("model" or "model / item")
    double withinPct = 10;               ///< the band of withinShare
    double withinShare = 0;              ///< share of points with |error| ≤ withinPct
    std::optional<double> spearman;      ///< rank correlation of measured and estimated times (ties: average ranks);
                                         ///< absent with fewer than 3 points or when either side is constant
    size_t pointsWithBound = 0;
    std::optional<double> boundCoverage; ///< share of the points with a bound whose error falls inside it; absent
                                         ///< when no point states a bound
    size_t usedInCalibration = 0;        ///< points whose measurement was also fitted on
};

/// Which points a summary covers.
enum class PointScope {
    All,
    WholeModel, ///< points with an empty item
    Items,      ///< points with an item (subgraphs, nodes)
};

/// The points of `points` in `scope`, in their order.
std::vector<ValidationPoint> selectPoints(const std::vector<ValidationPoint>& points, PointScope scope);

/// The errors of one point; InvalidData naming the point when a time is not positive and finite, or its bound is
/// negative or not finite.
Result<PointAccuracy> pointAccuracy(const ValidationPoint& point);

/// Summarises `points` (all of them: filter first with selectPoints). Fails with InvalidData naming the first bad
/// point (see pointAccuracy), or when `points` is empty. Nothing in a summary is NaN.
///
///     auto s = summarizeAccuracy(selectPoints(points, PointScope::WholeModel));
///     if (s && s->spearman) …
Result<AccuracySummary> summarizeAccuracy(const std::vector<ValidationPoint>& points, double withinPct = 10);

/// Points, their errors and the summaries a report shows.
struct AccuracyAnalysis
{
    std::vector<ValidationPoint> points;
    std::vector<PointAccuracy> accuracy; ///< by index of `points`
    AccuracySummary all;
    std::optional<AccuracySummary> wholeModel; ///< absent when no point is a whole model
    std::optional<AccuracySummary> items;      ///< absent when no point is an item
};

/// Checks every point and summarises all of them, the whole models and the items. Fails as summarizeAccuracy.
Result<AccuracyAnalysis> analyzeAccuracy(std::vector<ValidationPoint> points, double withinPct = 10);

/// Spearman's rank correlation of two equally long series, with average ranks for ties; absent when they have
/// fewer than 3 values, differ in length, hold a value that is not finite, or either is constant.
std::optional<double> spearmanCorrelation(const std::vector<double>& x, const std::vector<double>& y);

} // namespace graphs
