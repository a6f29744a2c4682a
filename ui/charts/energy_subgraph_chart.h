#pragma once

#include <QChartView>
#include <memory>
#include <optional>
#include <vector>

class QBarCategoryAxis;
class QBarSet;
class QHorizontalStackedBarSeries;
class QValueAxis;

namespace graphs::ui {

struct EnergyChartData;

/// The subgraphs that take the most energy per inference, one horizontal bar each (most first, from the top), split
/// like the model's total: compute, each memory level, static. Hovering a bar tells its figures; clicking one reports
/// it; while a subgraph is highlighted the other bars fade.
class EnergySubgraphChart : public QChartView
{
    Q_OBJECT

public:
    static constexpr int DefaultTopCount = 10;

    explicit EnergySubgraphChart(QWidget* parent = nullptr);

    /// Redraws from `data`; null clears the chart.
    void setData(std::shared_ptr<const EnergyChartData> data);
    /// How many subgraphs to draw (at least 1).
    void setTopCount(int count);
    int topCount() const { return m_topCount; }

    /// The subgraphs drawn, most energy first.
    const std::vector<int>& shownSubgraphs() const { return m_shown; }
    /// Highlights the bar of `subgraph` (-1, or a subgraph not drawn: none).
    void setSelectedSubgraph(int subgraph);
    /// The subgraph whose bar is highlighted, or -1.
    int highlightedSubgraph() const;
    /// Where the middle of the bar of `subgraph` is, in viewport coordinates; nullopt when it is not drawn.
    std::optional<QPoint> barPosition(int subgraph) const;

    QHorizontalStackedBarSeries* series() const { return m_series; }
    /// The stacked values of the bar at `rank` (mJ), one per component.
    std::vector<double> barValues(int rank) const;
    /// Whether the bar at `rank` is drawn faded (another subgraph is highlighted).
    bool isFaded(int rank) const;

Q_SIGNALS:
    void subgraphClicked(int subgraph);

private:
    void rebuild();
    void applyHighlight();
    void showToolTip(bool entered, int rank);
    /// Ranks count from the largest; the series' indices from the bottom bar.
    int indexOf(int rank) const;
    int rankOf(int index) const;

    std::shared_ptr<const EnergyChartData> m_data;
    std::vector<int> m_shown;
    std::vector<QBarSet*> m_sets; ///< aligned with the data's components
    int m_topCount = DefaultTopCount;
    int m_selected = -1;
    QHorizontalStackedBarSeries* m_series;
    QBarCategoryAxis* m_categories;
    QValueAxis* m_values;
};

} // namespace graphs::ui
