#pragma once

#include "graph/graph_diagram.h"

#include <QColor>
#include <QFont>
#include <QGraphicsItem>
#include <QHash>
#include <QPainterPath>

namespace graphs::ui {

/// A box of the graph view: a header in the colour of the current mode with the op type (or the subgraph's label),
/// and the output shape (or the node count) underneath, as Netron draws them. A collapsed subgraph is drawn as a
/// stack of boxes, inputs and outputs as pills. Zoomed far out only the coloured box is painted.
class DiagramBoxItem : public QGraphicsItem
{
public:
    enum { Type = UserType + 1 };
    enum class Highlight { None, Member, Focus };

    DiagramBoxItem(int item, const DiagramItem& data);
    /// With its size known already (the one the layout placed it with).
    DiagramBoxItem(int item, const DiagramItem& data, const QSizeF& size);

    /// The size a box for `data` takes (from the fonts), the same for every box of that text.
    static QSizeF sizeFor(const DiagramItem& data);

    int diagramIndex() const { return m_item; }
    DiagramItem::Kind kind() const { return m_kind; }
    void setFill(const QColor& fill);
    QColor fill() const { return m_fill; }
    void setHighlight(Highlight highlight);
    Highlight highlight() const { return m_highlight; }

    int type() const override { return Type; }
    QRectF boundingRect() const override;
    void paint(QPainter* painter, const QStyleOptionGraphicsItem* option, QWidget* widget) override;

private:
    QRectF box() const;

    int m_item;
    DiagramItem::Kind m_kind;
    QString m_title;
    QString m_subtitle;
    QSizeF m_size;
    QColor m_fill;
    Highlight m_highlight = Highlight::None;
};

/// DiagramBoxItem::sizeFor() remembering the widths of the texts it measured. A model repeats a few dozen op types
/// and a few hundred shapes over thousands of boxes, and shaping text is what measuring costs: a 5,000-node model
/// is measured in a few hundred calls instead of 10,000. Font metrics belong to the GUI thread, and so does this.
class BoxSizer
{
public:
    QSizeF operator()(const DiagramItem& data);

private:
    QHash<QString, double> m_titles;
    QHash<QString, double> m_subtitles;
};

/// An edge: a Bézier path ending in an arrowhead at the target's border.
class DiagramEdgeItem : public QGraphicsItem
{
public:
    enum { Type = UserType + 2 };

    /// `points`: a start point followed by (control, control, end) triples.
    explicit DiagramEdgeItem(const std::vector<QPointF>& points);

    void setEmphasised(bool emphasised);
    bool isEmphasised() const { return m_emphasised; }
    const QPainterPath& path() const { return m_path; }

    int type() const override { return Type; }
    QRectF boundingRect() const override;
    QPainterPath shape() const override;
    void paint(QPainter* painter, const QStyleOptionGraphicsItem* option, QWidget* widget) override;

private:
    QPainterPath m_path;
    QPolygonF m_arrow;
    QRectF m_bounds;
    bool m_emphasised = false;
};

} // namespace graphs::ui
