#include "graph/graph_scene.h"

#include "ir/compute_graph.h"
#include "qt_strings.h"

#include <QGraphicsSceneHelpEvent>
#include <QStringList>
#include <QToolTip>
#include <algorithm>

namespace graphs::ui {

namespace {

/// Room around the drawing, so that the outermost boxes do not touch the view's border.
constexpr double SceneMargin = 40;
/// Tooltips list at most this many tensors per side, or nodes of a subgraph.
constexpr int TooltipListLimit = 8;

QString tensorLine(const ComputeGraph& graph, int t)
{
    const TensorDescriptor& tensor = graph.tensor(t);
    QString line = fromStd(tensor.name).toHtmlEscaped() + QStringLiteral(": ") + shapeText(tensor.shape);
    if (tensor.isInitializer)
        line += GraphScene::tr(" (weight)");
    return line;
}

QString tensorList(const ComputeGraph& graph, const std::vector<int>& tensors)
{
    QStringList lines;
    for (int t : tensors) {
        if (t < 0)
            continue;
        if (lines.size() == TooltipListLimit) {
            lines << QStringLiteral("…");
            break;
        }
        lines << tensorLine(graph, t);
    }
    return lines.join(QStringLiteral("<br>"));
}

QString toolTipFor(const DiagramItem& item, const ComputeGraph& graph)
{
    switch (item.kind) {
    case DiagramItem::Kind::Node: {
        const Node& node = graph.node(item.index);
        QString tip = QStringLiteral("<b>%1</b>").arg(fromStd(node.opType).toHtmlEscaped());
        if (!node.name.empty())
            tip += QStringLiteral(" <i>%1</i>").arg(fromStd(node.name).toHtmlEscaped());
        tip += GraphScene::tr("<br><u>inputs</u><br>%1").arg(tensorList(graph, node.inputs));
        tip += GraphScene::tr("<br><u>outputs</u><br>%1").arg(tensorList(graph, node.outputs));
        return tip;
    }
    case DiagramItem::Kind::Subgraph:
        return GraphScene::tr("<b>%1</b><br>%2, fused: double-click to expand")
            .arg(item.title.toHtmlEscaped(), item.subtitle);
    case DiagramItem::Kind::Input:
        return GraphScene::tr("<b>Input</b> %1").arg(tensorLine(graph, item.index));
    case DiagramItem::Kind::Output:
        return GraphScene::tr("<b>Output</b> %1").arg(tensorLine(graph, item.index));
    }
    return {};
}

} // namespace

GraphScene::GraphScene(QObject* parent)
    : QGraphicsScene(parent)
{
    setBackgroundBrush(QColor(250, 250, 250));
}

void GraphScene::clearDiagram()
{
    clear();
    m_boxes.clear();
    m_edges.clear();
    m_edgesOfBox.clear();
    m_members.clear();
    m_focus = -1;
    m_diagram.reset();
    m_graph.reset();
    setSceneRect(QRectF());
}

void GraphScene::setDiagram(std::shared_ptr<const Diagram> diagram, const GraphLayout& layout,
    const std::vector<QSizeF>& sizes, std::shared_ptr<const ComputeGraph> graph)
{
    clearDiagram();
    m_diagram = std::move(diagram);
    m_graph = std::move(graph);
    if (!m_diagram)
        return;
    // The bounds are gathered on the way: itemsBoundingRect() would ask every item again.
    QRectF bounds;
    const auto& items = m_diagram->items;
    m_boxes.reserve(items.size());
    m_edgesOfBox.resize(items.size());
    for (size_t i = 0; i < items.size(); ++i) {
        auto* box = i < sizes.size() ? new DiagramBoxItem(static_cast<int>(i), items[i], sizes[i])
                                     : new DiagramBoxItem(static_cast<int>(i), items[i]);
        box->setPos(i < layout.centres.size() ? layout.centres[i] : QPointF());
        addItem(box);
        m_boxes.push_back(box);
        bounds |= box->boundingRect().translated(box->pos());
    }
    const auto& edges = m_diagram->edges;
    m_edges.reserve(edges.size());
    for (size_t e = 0; e < edges.size(); ++e) {
        const DiagramEdge& edge = edges[e];
        std::vector<QPointF> points = e < layout.edgePaths.size() ? layout.edgePaths[e] : std::vector<QPointF> {};
        if (points.empty()) {
            // Not routed (the layout gave up on it): a straight line between the boxes' facing borders.
            const QRectF from = m_boxes[edge.from]->sceneBoundingRect();
            const QRectF to = m_boxes[edge.to]->sceneBoundingRect();
            points = { QPointF(from.center().x(), from.bottom()), QPointF(to.center().x(), to.top()) };
        }
        auto* item = new DiagramEdgeItem(points);
        addItem(item);
        m_edges.push_back(item);
        m_edgesOfBox[edge.from].push_back(static_cast<int>(e));
        m_edgesOfBox[edge.to].push_back(static_cast<int>(e));
        bounds |= item->boundingRect();
    }
    setSceneRect(bounds.adjusted(-SceneMargin, -SceneMargin, SceneMargin, SceneMargin));
    // Every item added is dirty; a scene-wide update lets the scene repaint the views at once instead of working
    // out each item's area, which for thousands of items blocks the window as long as adding them did.
    update();
}

void GraphScene::helpEvent(QGraphicsSceneHelpEvent* event)
{
    const int item = boxAt(event->scenePos());
    const QString text = item >= 0 && m_graph ? toolTipFor(m_diagram->items[item], *m_graph) : QString();
    // An empty text hides the tooltip shown, as QGraphicsScene does.
    QToolTip::showText(event->screenPos(), text, event->widget());
    event->setAccepted(!text.isEmpty());
}

void GraphScene::setFills(const std::vector<QColor>& fills)
{
    for (size_t i = 0; i < m_boxes.size() && i < fills.size(); ++i)
        m_boxes[i]->setFill(fills[i]);
}

void GraphScene::setHighlight(const std::vector<int>& members, int focus)
{
    auto valid = [this](int item) { return item >= 0 && static_cast<size_t>(item) < m_boxes.size(); };
    for (int item : m_members) {
        if (valid(item))
            m_boxes[item]->setHighlight(DiagramBoxItem::Highlight::None);
    }
    if (valid(m_focus)) {
        m_boxes[m_focus]->setHighlight(DiagramBoxItem::Highlight::None);
        for (int e : m_edgesOfBox[m_focus])
            m_edges[e]->setEmphasised(false);
    }
    m_members = members;
    m_focus = focus;
    for (int item : m_members) {
        if (valid(item))
            m_boxes[item]->setHighlight(DiagramBoxItem::Highlight::Member);
    }
    if (valid(m_focus)) {
        m_boxes[m_focus]->setHighlight(DiagramBoxItem::Highlight::Focus);
        for (int e : m_edgesOfBox[m_focus])
            m_edges[e]->setEmphasised(true);
    }
}

int GraphScene::boxAt(const QPointF& scenePos) const
{
    for (QGraphicsItem* item : items(scenePos)) {
        if (item->type() == DiagramBoxItem::Type)
            return static_cast<DiagramBoxItem*>(item)->diagramIndex();
    }
    return -1;
}

DiagramBoxItem* GraphScene::box(int item) const
{
    return item >= 0 && static_cast<size_t>(item) < m_boxes.size() ? m_boxes[item] : nullptr;
}

QRectF GraphScene::boxesRect(const std::vector<int>& items) const
{
    QRectF rect;
    for (int item : items) {
        if (const DiagramBoxItem* b = box(item))
            rect |= b->sceneBoundingRect();
    }
    return rect;
}

int GraphScene::boxCount(DiagramItem::Kind kind) const
{
    return static_cast<int>(
        std::count_if(m_boxes.begin(), m_boxes.end(), [kind](const DiagramBoxItem* b) { return b->kind() == kind; }));
}

} // namespace graphs::ui
