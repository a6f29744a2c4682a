#pragma once

#include "estimation/comparison.h"

#include <QColor>
#include <QString>
#include <vector>

namespace graphs::ui {

/// One bar colour of the charts: a hardware entry, or a hardware × precision when several precisions are compared.
struct CompareSeries
{
    QString hardwareId;
    QString label; ///< the entry's name, with the precision when it tells series apart
    Precision precision = Precision::FP32;
    QColor colour;
};

/// One cluster of bars and one Pareto front: a model at a batch size.
struct CompareGroup
{
    QString model;
    int64_t batch = 1;
    QString label; ///< "resnet50 · b8"
};

/// One comparison row placed on the charts.
struct ComparePoint
{
    int row = 0; ///< index into the rows the data was made from
    int series = 0;
    int group = 0;
    double latencyMs = 0;
    double energyMj = 0;
    bool pareto = false;
};

/// What the bar chart and the Pareto plot draw: the rows of a comparison sorted into series (colours) and groups
/// (clusters, fronts). Made from rows only; the charts never call the engine.
struct CompareChartData
{
    std::vector<ComparisonRow> rows;
    std::vector<CompareSeries> series; ///< by hardware name, then precision
    std::vector<CompareGroup> groups; ///< by model, then batch
    std::vector<ComparePoint> points; ///< aligned with rows

    bool isEmpty() const { return points.empty(); }
    /// The point of `series` in `group`, or null when that combination has no row.
    const ComparePoint* point(int series, int group) const;
};

CompareChartData makeCompareChartData(std::vector<ComparisonRow> rows);

/// `value` with four significant digits and no exponent for the range estimates span: 1234, 12.34, 0.001234.
QString compareNumber(double value);

/// What hovering a row's bar or point tells: model, hardware, batch, precision, latency and energy with their bounds.
QString compareToolTip(const ComparisonRow& row);

/// A colour for the `index`th series, distinct for the first ten (the roofline's palette order).
QColor compareSeriesColour(int index);

} // namespace graphs::ui
