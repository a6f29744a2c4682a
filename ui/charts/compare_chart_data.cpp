#include "charts/compare_chart_data.h"

#include "qt_strings.h"

#include <QCoreApplication>
#include <algorithm>
#include <array>
#include <cmath>
#include <set>
#include <tuple>

namespace graphs::ui {

QString compareNumber(double value)
{
    if (!std::isfinite(value) || value == 0)
        return QString::number(value);
    const int magnitude = static_cast<int>(std::floor(std::log10(std::abs(value))));
    return QString::number(value, 'f', std::clamp(3 - magnitude, 0, 9));
}

QString compareToolTip(const ComparisonRow& r)
{
    return QCoreApplication::translate("graphs::ui::CompareChartData",
               "<b>%1</b> on <b>%2</b><br>batch %3, %4<br>latency %5 ms ±%6% (%7)<br>energy %8 mJ ±%9%")
               .arg(fromStd(r.model).toHtmlEscaped(), fromStd(r.hardwareName).toHtmlEscaped())
               .arg(r.batch)
               .arg(fromStd(precisionName(r.precision)), compareNumber(r.summary.latency.value))
               .arg(r.summary.latency.errorBoundPct, 0, 'f', 0)
               .arg(fromStd(confidenceName(r.summary.latency.confidence)), compareNumber(r.summary.energy.value))
               .arg(r.summary.energy.errorBoundPct, 0, 'f', 0)
        + (r.pareto ? QCoreApplication::translate("graphs::ui::CompareChartData", "<br>on the Pareto front")
                    : QString());
}

QColor compareSeriesColour(int index)
{
    // Tableau 10: distinct in print and for the common colour-vision deficiencies, in the order the roofline uses.
    static const std::array<QColor, 10> palette { QColor(31, 119, 180), QColor(255, 127, 14), QColor(44, 160, 44),
        QColor(214, 39, 40), QColor(148, 103, 189), QColor(140, 86, 75), QColor(227, 119, 194), QColor(127, 127, 127),
        QColor(188, 189, 34), QColor(23, 190, 207) };
    const QColor base = palette[static_cast<size_t>(index) % palette.size()];
    // Past ten, the same hues darker: rare, and still told apart by the legend order.
    return index < static_cast<int>(palette.size()) ? base : base.darker(100 + 40 * (index / 10));
}

const ComparePoint* CompareChartData::point(int series, int group) const
{
    for (const ComparePoint& p : points) {
        if (p.series == series && p.group == group)
            return &p;
    }
    return nullptr;
}

CompareChartData makeCompareChartData(std::vector<ComparisonRow> rows)
{
    CompareChartData data;
    data.rows = std::move(rows);

    std::set<Precision> precisions;
    for (const ComparisonRow& r : data.rows)
        precisions.insert(r.precision);
    const bool byPrecision = precisions.size() > 1;

    // Series by hardware name then precision; groups by model then batch: the same order whatever the latencies.
    std::vector<std::tuple<QString, QString, Precision>> seriesKeys; // name, id, precision
    std::vector<std::pair<QString, int64_t>> groupKeys;
    for (const ComparisonRow& r : data.rows) {
        seriesKeys.emplace_back(fromStd(r.hardwareName), fromStd(r.hardwareId), r.precision);
        groupKeys.emplace_back(fromStd(r.model), r.batch);
    }
    std::sort(seriesKeys.begin(), seriesKeys.end());
    seriesKeys.erase(std::unique(seriesKeys.begin(), seriesKeys.end()), seriesKeys.end());
    std::sort(groupKeys.begin(), groupKeys.end());
    groupKeys.erase(std::unique(groupKeys.begin(), groupKeys.end()), groupKeys.end());

    for (const auto& [name, id, precision] : seriesKeys) {
        CompareSeries s;
        s.hardwareId = id;
        s.precision = precision;
        s.label = byPrecision ? QStringLiteral("%1 %2").arg(name, fromStd(precisionName(precision))) : name;
        s.colour = compareSeriesColour(static_cast<int>(data.series.size()));
        data.series.push_back(std::move(s));
    }
    for (const auto& [model, batch] : groupKeys)
        data.groups.push_back({ model, batch,
            QCoreApplication::translate("graphs::ui::CompareChartData", "%1 · b%2").arg(model).arg(batch) });

    for (size_t i = 0; i < data.rows.size(); ++i) {
        const ComparisonRow& r = data.rows[i];
        ComparePoint p;
        p.row = static_cast<int>(i);
        const auto seriesKey = std::make_tuple(fromStd(r.hardwareName), fromStd(r.hardwareId), r.precision);
        p.series
            = static_cast<int>(std::lower_bound(seriesKeys.begin(), seriesKeys.end(), seriesKey) - seriesKeys.begin());
        const auto groupKey = std::make_pair(fromStd(r.model), r.batch);
        p.group = static_cast<int>(std::lower_bound(groupKeys.begin(), groupKeys.end(), groupKey) - groupKeys.begin());
        p.latencyMs = r.summary.latency.value;
        p.energyMj = r.summary.energy.value;
        p.pareto = r.pareto;
        data.points.push_back(p);
    }
    return data;
}

} // namespace graphs::ui
