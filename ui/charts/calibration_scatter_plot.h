#pragma once

#include "charts/calibration_scatter_data.h"

#include <qcustomplot.h>
#include <vector>

namespace graphs::ui {

/// Measured against estimated time on log-log axes with the same range: the line estimate = measured, a shaded
/// ±band around it, and the series of CalibrationScatterData (with each point's stated bound as an error bar when
/// the data asks for them). Hovering a point tells what it is.
class CalibrationScatterPlot : public QCustomPlot
{
    Q_OBJECT

public:
    explicit CalibrationScatterPlot(QWidget* parent = nullptr);

    /// Redraws from `data`; an empty one clears the chart.
    void setScatter(CalibrationScatterData data);
    const CalibrationScatterData& scatter() const { return m_data; }

    /// Points drawn (every series).
    int pointCount() const;
    /// Error bars drawn.
    int errorBarCount() const;
    /// The point under `position` (widget coordinates), the nearest when several are; null when none is.
    const ScatterPoint* pointAt(const QPointF& position) const;

    /// "12.3 µs", "4.56 ms", "1.2 s".
    static QString secondsText(double seconds);

private:
    void rebuild();
    void addBand(double lower, double upper);
    void addSeries(const ScatterSeries& series);
    void onMouseMove(QMouseEvent* event);

    CalibrationScatterData m_data;
    std::vector<QCPGraph*> m_seriesGraphs; ///< aligned with m_data.series
    std::vector<QCPErrorBars*> m_errorBars;
};

} // namespace graphs::ui
