#pragma once

#include <QChartView>
#include <memory>
#include <vector>

class QPieSeries;

namespace graphs::ui {

struct EnergyChartData;

/// The energy of one inference as a donut: compute, each memory level, static. Slices show their share; the legend
/// names each part with its energy.
class EnergyTotalChart : public QChartView
{
    Q_OBJECT

public:
    explicit EnergyTotalChart(QWidget* parent = nullptr);

    /// Redraws from `data`; null clears the chart.
    void setData(std::shared_ptr<const EnergyChartData> data);

    QPieSeries* series() const { return m_series; }
    /// The slice values drawn (mJ), aligned with the data's components.
    std::vector<double> values() const;

private:
    std::shared_ptr<const EnergyChartData> m_data;
    QPieSeries* m_series;
};

} // namespace graphs::ui
