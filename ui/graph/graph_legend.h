#pragma once

#include "graph/graph_colours.h"

#include <QWidget>

namespace graphs::ui {

/// The key to the graph view's colours: swatches with labels, or a heat scale between two labels, followed by a
/// line of explanation; wraps onto more rows when narrow.
class GraphLegend : public QWidget
{
    Q_OBJECT

public:
    explicit GraphLegend(QWidget* parent = nullptr);

    void setLegend(LegendData legend);
    const LegendData& legend() const { return m_legend; }

    bool hasHeightForWidth() const override { return true; }
    int heightForWidth(int width) const override;
    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

protected:
    void paintEvent(QPaintEvent* event) override;

private:
    struct Piece
    {
        QRect rect;
        int entry; ///< index into the entries; -1 the heat scale, -2 the note
    };
    /// Where each piece goes at `width`, flowing left to right and wrapping.
    std::vector<Piece> arrange(int width) const;

    LegendData m_legend;
};

} // namespace graphs::ui
