#pragma once

#include "charts/compare_chart_data.h"

#include <qcustomplot.h>
#include <vector>

namespace graphs::ui {

/// Grouped bars of a comparison: one cluster per model × batch, one bar per hardware (× precision) in the series
/// colours the Pareto plot uses. Shows latency or energy per inference; the value axis turns logarithmic when the
/// bars span more than two decades, so the small ones stay visible. Hovering a bar tells its figures.
class CompareBarChart : public QCustomPlot
{
    Q_OBJECT

public:
    /// EnergySplit stacks each bar into compute (darkest), memory traffic and static energy (lightest).
    enum class Metric { Latency, Energy, EnergySplit };

    explicit CompareBarChart(QWidget* parent = nullptr);

    /// Redraws from `data`; empty data clears the chart.
    void setData(CompareChartData data);
    void setMetric(Metric metric);
    Metric metric() const { return m_metric; }
    const CompareChartData& chartData() const { return m_data; }

    /// The QCPBars of `series` (null out of range), for tests and exports.
    QCPBars* bars(int series) const;
    bool isLogarithmic() const;
    /// The row of the bar under `position` (widget coordinates, as of the last replot), or -1.
    int rowAt(const QPointF& position) const;

private:
    void rebuild();
    void onMouseMove(QMouseEvent* event);
    void fitTickLabels();
    void layOutLegend();
    void resizeEvent(QResizeEvent* event) override;
    double valueOf(const ComparePoint& point) const;

    CompareChartData m_data;
    Metric m_metric = Metric::Latency;
    std::vector<QCPBars*> m_bars; ///< aligned with m_data.series
    int m_legendColumns = 0;
};

} // namespace graphs::ui
