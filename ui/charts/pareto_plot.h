#pragma once

#include "charts/compare_chart_data.h"

#include <optional>
#include <qcustomplot.h>
#include <vector>

namespace graphs::ui {

/// Latency against energy per inference, log-log: one point per comparison row, filled in its hardware's colour
/// and shaped by its model × batch; each model × batch's Pareto front drawn as a step line through its Pareto
/// points, which are ringed. Hovering a point tells its model, hardware, batch, latency and energy.
class ParetoPlot : public QCustomPlot
{
    Q_OBJECT

public:
    explicit ParetoPlot(QWidget* parent = nullptr);

    /// Redraws from `data`; empty data clears the chart.
    void setData(CompareChartData data);
    const CompareChartData& chartData() const { return m_data; }

    int pointCount() const { return static_cast<int>(m_data.points.size()); }
    /// The step line of `group`'s front (null when out of range).
    QCPGraph* front(int group) const;
    /// Where the point of `row` is drawn (widget coordinates, as of the last replot).
    std::optional<QPointF> pointPosition(int row) const;
    /// The row of the point under `position`, the nearest when several are; -1 when none is.
    int rowAt(const QPointF& position) const;
    /// The tool tip of `row`'s point.
    QString toolTipText(int row) const;

    static QCPScatterStyle::ScatterShape groupShape(int group);

private:
    void rebuild();
    void onMouseMove(QMouseEvent* event);
    void layOutLegend();
    void resizeEvent(QResizeEvent* event) override;

    CompareChartData m_data;
    std::vector<QCPGraph*> m_fronts; ///< aligned with m_data.groups
    int m_legendColumns = 0;
};

} // namespace graphs::ui
