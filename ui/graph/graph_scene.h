#pragma once

#include "graph/graph_diagram.h"
#include "graph/graph_items.h"

#include <QGraphicsScene>
#include <memory>
#include <vector>

namespace graphs {
class ComputeGraph;
}

namespace graphs::ui {

/// The items of one laid-out diagram: a box per diagram item, an edge per diagram edge. Knows which box shows what,
/// paints highlights and fills; has no idea of selection or estimates (the page decides, the scene shows).
class GraphScene : public QGraphicsScene
{
    Q_OBJECT

public:
    explicit GraphScene(QObject* parent = nullptr);

    /// Replaces every item with the boxes and edges of `diagram` where `layout` put them, each box as large as
    /// `sizes` says (the sizes it was laid out with; measured afresh where missing); `graph` gives the tooltips.
    /// Fills and highlights are reset.
    void setDiagram(std::shared_ptr<const Diagram> diagram, const GraphLayout& layout, const std::vector<QSizeF>& sizes,
        std::shared_ptr<const ComputeGraph> graph);
    void clearDiagram();
    const std::shared_ptr<const Diagram>& diagram() const { return m_diagram; }

    /// One colour per diagram item.
    void setFills(const std::vector<QColor>& fills);
    /// Rings the boxes `members` (the selected subgraph) and, more strongly, `focus` (the selected box; -1: none),
    /// and darkens the edges of `focus`.
    void setHighlight(const std::vector<int>& members, int focus);

    /// The diagram item whose box is at `scenePos`, or -1.
    int boxAt(const QPointF& scenePos) const;
    DiagramBoxItem* box(int item) const;
    /// The scene rectangle around the boxes `items` (empty when none has one).
    QRectF boxesRect(const std::vector<int>& items) const;
    int boxCount(DiagramItem::Kind kind) const;
    int edgeCount() const { return static_cast<int>(m_edges.size()); }

protected:
    /// Tooltips are written when asked for: thousands of them up front would cost more than the boxes.
    void helpEvent(QGraphicsSceneHelpEvent* event) override;

private:
    std::shared_ptr<const Diagram> m_diagram;
    std::shared_ptr<const ComputeGraph> m_graph;
    std::vector<DiagramBoxItem*> m_boxes; ///< aligned with the diagram's items
    std::vector<DiagramEdgeItem*> m_edges; ///< aligned with the diagram's edges
    std::vector<std::vector<int>> m_edgesOfBox; ///< diagram item → its edges
    std::vector<int> m_members;
    int m_focus = -1;
};

} // namespace graphs::ui
