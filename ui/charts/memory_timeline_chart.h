#pragma once

#include <QChartView>
#include <memory>
#include <optional>

class QAreaSeries;
class QLineSeries;
class QScatterSeries;
class QValueAxis;

namespace graphs::ui {

struct MemoryChartData;

/// Activation memory alive over the execution order, one point per step (numbered from 1), as an area; the peak is
/// marked and labelled. Hovering tells which node runs at the step under the mouse. A long timeline (over 500
/// steps, or one whose edge would run up and down the chart more than 40 times) is drawn as the highest step of
/// each run of steps, as few runs as keep it quick to paint: painting it step by step could freeze the window for
/// seconds.
class MemoryTimelineChart : public QChartView
{
    Q_OBJECT

public:
    explicit MemoryTimelineChart(QWidget* parent = nullptr);

    /// Redraws from `data`; null clears the chart.
    void setData(std::shared_ptr<const MemoryChartData> data);

    QLineSeries* line() const { return m_line; }
    QScatterSeries* peakMarker() const { return m_peak; }
    /// Bytes in one unit of the value axis (1e6 when it reads MB).
    double bytesPerUnit() const { return m_bytesPerUnit; }
    /// The step drawn nearest `position` (viewport coordinates) inside the plot, or -1.
    int stepAt(const QPoint& position) const;
    /// Where the point of `step` is drawn, in viewport coordinates.
    std::optional<QPoint> stepPosition(int step) const;
    /// The step last hovered, or -1.
    int hoveredStep() const { return m_hovered; }

Q_SIGNALS:
    void stepHovered(int step);

protected:
    void mouseMoveEvent(QMouseEvent* event) override;
    void leaveEvent(QEvent* event) override;

private:
    void setHovered(int step, const QPoint& globalPosition);

    std::shared_ptr<const MemoryChartData> m_data;
    double m_bytesPerUnit = 1;
    int m_hovered = -1;
    QLineSeries* m_line;
    QAreaSeries* m_area;
    QScatterSeries* m_peak;
    QScatterSeries* m_hover;
    QValueAxis* m_steps;
    QValueAxis* m_bytes;
};

} // namespace graphs::ui
