#pragma once

#include <QChartView>
#include <memory>

class QBarSet;
class QHorizontalStackedBarSeries;
class QValueAxis;

namespace graphs::ui {

struct MemoryChartData;

/// Peak memory of one inference as one horizontal bar: the stored weights, then the activations alive at the peak.
class MemorySplitChart : public QChartView
{
    Q_OBJECT

public:
    explicit MemorySplitChart(QWidget* parent = nullptr);

    /// Redraws from `data`; null clears the chart.
    void setData(std::shared_ptr<const MemoryChartData> data);

    QBarSet* weights() const { return m_weights; }
    QBarSet* activations() const { return m_activations; }
    /// Bytes in one unit of the value axis.
    double bytesPerUnit() const { return m_bytesPerUnit; }

private:
    double m_bytesPerUnit = 1;
    QHorizontalStackedBarSeries* m_series;
    QBarSet* m_weights;
    QBarSet* m_activations;
    QValueAxis* m_values;
};

} // namespace graphs::ui
