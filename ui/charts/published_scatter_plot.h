#pragma once

#include "validation/published_results.h"

#include <QStringList>
#include <memory>
#include <optional>
#include <qcustomplot.h>
#include <vector>

namespace graphs::ui {

/// Published against estimated figures of a published-results validation, log-log, one panel per scenario (their
/// units differ): Offline throughput per accelerator (samples/s) on the left, SingleStream latency (ms) on the right.
/// Each panel has the line estimate = published and the ±25 % band around it; dots are coloured by scenario and
/// shaped by benchmark. Hovering a dot tells its row; clicking it reports the row (pointClicked), and the row chosen
/// elsewhere is ringed (setSelectedIndex). Draws from the result struct, never calls the engine.
class PublishedScatterPlot : public QCustomPlot
{
    Q_OBJECT

public:
    enum Panel { OfflinePanel, SingleStreamPanel, NumPanels };
    static constexpr double BandPct = 25;

    explicit PublishedScatterPlot(QWidget* parent = nullptr);

    /// Redraws from `validation`'s estimated rows; nullptr clears the chart.
    void setValidation(std::shared_ptr<const PublishedValidation> validation);

    /// Dots drawn, in all panels or in one.
    int pointCount() const { return static_cast<int>(m_dots.size()); }
    int pointCount(Panel panel) const;
    QCPAxisRect* panelRect(Panel panel) const { return m_rects[panel]; }

    /// Rings the dot of PublishedValidation::estimates[index]; -1 (or a row without a dot) rings none.
    void setSelectedIndex(int index);
    int selectedIndex() const { return m_selected; }
    /// Where the dot of estimates[index] is drawn (widget coordinates, as of the last replot); nullopt when none.
    std::optional<QPointF> pointPosition(int index) const;
    /// The row of the dot under `position`, the nearest when several are; -1 when none is.
    int indexAt(const QPointF& position) const;
    /// The tool tip of estimates[index]'s dot.
    QString toolTipText(int index) const;

Q_SIGNALS:
    /// The user clicked the dot of PublishedValidation::estimates[index].
    void pointClicked(int index);

private:
    struct Dot
    {
        int index = 0;
        Panel panel = OfflinePanel;
        double published = 0;
        double estimate = 0;
    };

    void rebuild();
    void addBand(QCPAxisRect* rect, double lower, double upper);
    void addKeys();
    void updateRing();
    int legendColumns() const;
    void layOutLegend();
    void resizeEvent(QResizeEvent* event) override;
    void onMouseMove(QMouseEvent* event);

    std::shared_ptr<const PublishedValidation> m_validation;
    std::vector<Dot> m_dots;
    QStringList m_benchmarks; ///< in the order they first appear: a shape each
    QCPAxisRect* m_rects[NumPanels];
    QCPGraph* m_rings[NumPanels] = {};
    int m_selected = -1;
    int m_legendColumns = 0;
};

} // namespace graphs::ui
