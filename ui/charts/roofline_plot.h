#pragma once

#include "charts/roofline_data.h"

#include <optional>
#include <qcustomplot.h>
#include <vector>

namespace graphs::ui {

/// The roofline chart: log-log axes of arithmetic intensity against attained FLOP/s, the dashed (theoretical)
/// roofs of the hardware, and one dot per subgraph sized by its share of latency and coloured by operator class.
/// Hovering a dot tells what it is; clicking one reports it; the selected dot is ringed and named.
class RooflinePlot : public QCustomPlot
{
    Q_OBJECT

public:
    explicit RooflinePlot(QWidget* parent = nullptr);

    /// Redraws from `data`; an empty RooflineData clears the chart.
    void setRoofline(RooflineData data);
    const RooflineData& roofline() const { return m_data; }

    /// Rings the dot of `subgraph` (-1, or a subgraph without a dot: none).
    void setSelectedSubgraph(int subgraph);
    /// The subgraph whose dot is ringed, or -1.
    int selectedSubgraph() const;
    int dotCount() const { return m_dotCount; }
    /// Where the dot of `subgraph` is drawn (widget coordinates, as of the last replot).
    std::optional<QPointF> dotPosition(int subgraph) const;
    /// The subgraph whose dot is under `position`, the nearest when several are; -1 when none is.
    int subgraphAt(const QPointF& position) const;

    static QColor opClassColour(OpClass opClass);

Q_SIGNALS:
    /// A click on the chart: the subgraph of the dot clicked, or -1 beside every dot.
    void subgraphClicked(int subgraph);

private:
    struct Range
    {
        double lower = 1;
        double upper = 10;
    };

    void rebuild();
    void addCeilings(const Range& x, const Range& y);
    void addDots();
    void updateHighlight();
    void placeMemoryLabels();
    void onMouseMove(QMouseEvent* event);
    void onMousePress(QMouseEvent* event);
    QString toolTipText(const RooflinePoint& point) const;
    double dotDiameter(const RooflinePoint& point) const;

    RooflineData m_data;
    int m_dotCount = 0; ///< dots drawn, one per point of m_data
    QCPGraph* m_highlight = nullptr;
    QCPItemTracer* m_highlightAnchor = nullptr;
    QCPItemText* m_highlightLabel = nullptr;
    /// Labels of the memory roofs with the two ends of their line (plot coordinates).
    struct SlantedLabel
    {
        QCPItemText* item;
        QPointF from;
        QPointF to;
    };
    std::vector<SlantedLabel> m_slantedLabels;
    int m_selected = -1;
    double m_maxShare = 0;
};

} // namespace graphs::ui
