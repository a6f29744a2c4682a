#include "graph/graph_view_page.h"

#include "estimated_model.h"
#include "estimation/graph_analysis.h"
#include "graph/graph_legend.h"
#include "graph/graph_properties_panel.h"
#include "graph/graph_scene.h"
#include "graph/graph_tool_bar.h"
#include "graph/graph_view.h"
#include "subgraph_selection.h"
#include "transform/partition.h"

#include <QAction>
#include <QComboBox>
#include <QElapsedTimer>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QSplitter>
#include <QTimer>
#include <QToolButton>
#include <QVBoxLayout>
#include <algorithm>

namespace graphs::ui {

namespace {

/// Opened at 100 %, a graph that would be shown smaller than this to fit is shown from its top instead.
constexpr double SmallestOverview = 0.6;

template <typename T>
T layOut(const JobControl& control, std::shared_ptr<const Diagram> diagram, LayoutGraph graph)
{
    T outcome;
    outcome.diagram = std::move(diagram);
    QElapsedTimer timer;
    timer.start();
    outcome.layout = layoutGraph(graph, {}, control.cancelCheck()); // nullopt only when cancelled: dropped
    outcome.milliseconds = timer.elapsed();
    outcome.sizes = std::move(graph.nodes);
    return outcome;
}

QString methodName(LayoutMethod method)
{
    return method == LayoutMethod::Graphviz ? GraphViewPage::tr("Graphviz dot")
                                            : GraphViewPage::tr("the built-in layered layout");
}

} // namespace

GraphViewPage::GraphViewPage(SubgraphSelection* selection, QWidget* parent)
    : QWidget(parent)
    , m_selection(selection)
    , m_scene(new GraphScene(this))
    , m_view(new GraphView(m_scene))
    , m_properties(new GraphPropertiesPanel)
    , m_legend(new GraphLegend)
    , m_bar(new GraphToolBar)
    , m_status(new QLabel)
{
    m_view->setObjectName(QStringLiteral("graphView"));
    m_properties->setObjectName(QStringLiteral("graphPropertiesPanel"));
    m_properties->setMinimumWidth(300);
    m_legend->setObjectName(QStringLiteral("graphLegend"));
    m_status->setObjectName(QStringLiteral("graphStatus"));
    m_status->setTextFormat(Qt::PlainText);

    auto* canvas = new QWidget;
    auto* canvasLayout = new QVBoxLayout(canvas);
    canvasLayout->setContentsMargins(0, 0, 0, 0);
    canvasLayout->addWidget(m_view, 1);
    auto* footer = new QHBoxLayout;
    footer->setContentsMargins(6, 0, 6, 4);
    footer->addWidget(m_legend, 1);
    footer->addWidget(m_status, 0, Qt::AlignRight | Qt::AlignTop);
    canvasLayout->addLayout(footer);

    auto* splitter = new QSplitter(Qt::Horizontal);
    splitter->setObjectName(QStringLiteral("graphSplitter"));
    splitter->addWidget(canvas);
    splitter->addWidget(m_properties);
    splitter->setStretchFactor(0, 1);
    splitter->setStretchFactor(1, 0);
    splitter->setSizes({ 900, 340 });
    splitter->setCollapsible(0, false);

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_bar);
    layout->addWidget(splitter, 1);

    m_layout.onFinished([this](const Outcome& outcome) { onLayoutFinished(outcome); });
    // Resource exhaustion: the layouts report nothing else.
    m_layout.onFailed([this](const QString& message) { onLayoutFinished({ nullptr, std::nullopt, {}, message }); });
    connect(m_view, &GraphView::boxClicked, this, &GraphViewPage::onBoxClicked);
    connect(m_view, &GraphView::boxDoubleClicked, this, &GraphViewPage::onBoxDoubleClicked);
    connect(m_selection, &SubgraphSelection::changed, this, &GraphViewPage::onSharedSelectionChanged);
    connectToolBar();
    updateControls();
}

void GraphViewPage::connectToolBar()
{
    // The page holds the shortcuts: they work wherever its focus is.
    addActions(m_bar->actions());
    QLineEdit* search = m_bar->searchField();
    connect(m_bar->findNextAction(), &QAction::triggered, this, [this, search] { findNext(search->text()); });
    connect(search, &QLineEdit::returnPressed, this, [this, search] { findNext(search->text()); });
    connect(search, &QLineEdit::textChanged, this, [this] {
        m_searchCursor = -1;
        updateMatches();
    });
    connect(m_bar->zoomInAction(), &QAction::triggered, m_view, &GraphView::zoomIn);
    connect(m_bar->zoomOutAction(), &QAction::triggered, m_view, &GraphView::zoomOut);
    connect(m_bar->fitAction(), &QAction::triggered, m_view, &GraphView::fitAll);
    connect(m_bar->expandAllAction(), &QAction::triggered, this, &GraphViewPage::expandAll);
    connect(m_bar->collapseAllAction(), &QAction::triggered, this, &GraphViewPage::collapseAll);
    connect(m_bar->subgraphToggle(), &QToolButton::clicked, this, [this] {
        const int s = m_selection->current();
        setSubgraphCollapsed(s, !isSubgraphCollapsed(s));
    });
    connect(m_bar->colourModeBox(), &QComboBox::currentIndexChanged, this, &GraphViewPage::applyColours);
}

QLineEdit* GraphViewPage::searchField() const
{
    return m_bar->searchField();
}

QComboBox* GraphViewPage::colourModeBox() const
{
    return m_bar->colourModeBox();
}

void GraphViewPage::setAnalysis(std::shared_ptr<const GraphAnalysis> analysis)
{
    if (analysis == m_analysis)
        return;
    m_analysis = std::move(analysis);
    if (m_estimate && m_estimate->analysis != m_analysis) {
        m_estimate.reset();
        m_collapsed.clear();
    }
    m_selectedNode = -1;
    m_selectedTensor = -1;
    m_searchCursor = -1;
    m_layoutMethod.reset();
    m_scene->clearDiagram(); // boxes of another model: not a moment longer
    updateMatches();
    invalidateLayout();
}

void GraphViewPage::setEstimate(std::shared_ptr<const EstimatedModel> estimate)
{
    if (estimate && estimate->analysis != m_analysis)
        setAnalysis(estimate->analysis);
    const bool samePartition = estimate && m_estimate
        && estimate->partition.subgraphOfNode == m_estimate->partition.subgraphOfNode
        && estimate->partition.subgraphs.size() == m_estimate->partition.subgraphs.size();
    m_estimate = std::move(estimate);
    if (!samePartition) {
        // Another partition: whatever was folded is folded again in the new one, if anything was.
        const bool folded = std::any_of(m_collapsed.begin(), m_collapsed.end(), [](char c) { return c != 0; });
        m_collapsed.clear();
        if (m_estimate) {
            for (const Subgraph& s : m_estimate->partition.subgraphs)
                m_collapsed.push_back(folded && isCollapsible(s.descriptor.nodes.size()) ? 1 : 0);
        }
        if (m_scene->diagram() && m_scene->diagram()->subgraphItems > 0)
            m_scene->clearDiagram(); // its boxes are subgraphs of the old partition
        // Nothing folded, the diagram does not depend on the partition: a layout under way stays valid.
        if (folded || (!m_scene->diagram() && !isLayoutPending()))
            invalidateLayout();
    }
    applyColours();
    applySelection();
    updateControls();
}

ColourMode GraphViewPage::colourMode() const
{
    return m_bar->colourMode();
}

void GraphViewPage::setColourMode(ColourMode mode)
{
    m_bar->setColourMode(mode);
}

const Partition* GraphViewPage::partition() const
{
    return m_estimate && m_analysis && m_estimate->analysis == m_analysis ? &m_estimate->partition : nullptr;
}

int GraphViewPage::subgraphOfNode(int node) const
{
    const Partition* p = partition();
    return p && node >= 0 && static_cast<size_t>(node) < p->subgraphOfNode.size() ? p->subgraphOfNode[node] : -1;
}

bool GraphViewPage::isSubgraphCollapsed(int subgraph) const
{
    return subgraph >= 0 && static_cast<size_t>(subgraph) < m_collapsed.size() && m_collapsed[subgraph];
}

void GraphViewPage::setSubgraphCollapsed(int subgraph, bool collapsed)
{
    const Partition* p = partition();
    if (!p || subgraph < 0 || static_cast<size_t>(subgraph) >= m_collapsed.size()
        || !isCollapsible(p->subgraphs[subgraph].descriptor.nodes.size()) || isSubgraphCollapsed(subgraph) == collapsed)
        return;
    m_collapsed[subgraph] = collapsed ? 1 : 0;
    if (collapsed && subgraphOfNode(m_selectedNode) == subgraph)
        m_selectedNode = -1; // the node is inside the box now: the box is what is selected
    m_revealPending = m_selection->current() >= 0 || m_selectedNode >= 0;
    invalidateLayout();
    updateControls();
}

void GraphViewPage::expandAll()
{
    if (std::none_of(m_collapsed.begin(), m_collapsed.end(), [](char c) { return c != 0; }))
        return;
    std::fill(m_collapsed.begin(), m_collapsed.end(), 0);
    m_revealPending = true;
    invalidateLayout();
    updateControls();
}

void GraphViewPage::collapseAll()
{
    const Partition* p = partition();
    if (!p)
        return;
    std::vector<char> collapsed(m_collapsed.size(), 0);
    for (size_t s = 0; s < collapsed.size(); ++s)
        collapsed[s] = isCollapsible(p->subgraphs[s].descriptor.nodes.size()) ? 1 : 0;
    if (collapsed == m_collapsed)
        return;
    m_collapsed = std::move(collapsed);
    m_selectedNode = -1;
    m_revealPending = true;
    invalidateLayout();
    updateControls();
}

void GraphViewPage::invalidateLayout()
{
    m_layout.discard(); // whatever is running now reports to no one
    m_dirty = true;
    if (isVisible())
        startLayout();
    else
        m_status->setText(tr("Laid out when shown"));
}

void GraphViewPage::startLayout()
{
    m_dirty = false;
    if (!m_analysis || !m_analysis->graph) {
        m_scene->clearDiagram();
        m_status->clear();
        m_legend->setLegend({});
        m_properties->showNothing();
        return;
    }
    const bool folded = std::any_of(m_collapsed.begin(), m_collapsed.end(), [](char c) { return c != 0; });
    auto diagram = std::make_shared<const Diagram>(
        buildDiagram(*m_analysis->graph, folded ? partition() : nullptr, m_collapsed));
    // Sizes come from font metrics, here on the GUI thread; the worker gets plain numbers.
    LayoutGraph graph = layoutGraphOf(*diagram, BoxSizer());
    m_status->setText(tr("Laying out %1 boxes…").arg(graph.nodes.size()));
    m_layout.start([diagram = std::move(diagram), graph = std::move(graph)](const JobControl& control) {
        return layOut<Outcome>(control, diagram, graph);
    });
}

void GraphViewPage::onLayoutFinished(const Outcome& outcome)
{
    if (!outcome.layout) {
        m_scene->clearDiagram();
        m_status->setText(tr("Could not lay out the graph: %1").arg(outcome.error));
        return;
    }
    m_scene->setDiagram(outcome.diagram, *outcome.layout, outcome.sizes, m_analysis->graph);
    m_layoutMethod = outcome.layout->method;
    m_layoutMs = outcome.milliseconds;
    QString status = tr("%1 boxes, %2 edges; laid out by %3 in %4 ms")
                         .arg(outcome.diagram->items.size())
                         .arg(outcome.diagram->edges.size())
                         .arg(methodName(outcome.layout->method))
                         .arg(outcome.milliseconds);
    if (!outcome.layout->note.isEmpty())
        status += QStringLiteral(" (") + outcome.layout->note + QLatin1Char(')');
    m_status->setText(status);
    applyColours();
    applySelection();
    positionView();
    Q_EMIT layoutFinished();
}

void GraphViewPage::positionView()
{
    if (m_revealPending && (m_selectedNode >= 0 || m_selection->current() >= 0 || m_selectedTensor >= 0)) {
        revealSelection();
        return;
    }
    m_revealPending = false;
    // Small graphs whole; large ones at 100 % from their top, where the inputs are, as Netron opens them.
    const QRectF all = m_scene->sceneRect();
    const QSizeF room = m_view->viewport()->size();
    if (all.isEmpty() || std::min(room.width() / all.width(), room.height() / all.height()) >= SmallestOverview) {
        m_view->fitAll();
        return;
    }
    m_view->setZoom(1);
    // Above the first box (the first input), which need not be in the middle of a wide graph.
    const DiagramBoxItem* first = m_scene->box(0);
    m_view->centerOn(first ? first->pos().x() : all.center().x(), all.top() + room.height() / 2);
}

void GraphViewPage::applyColours()
{
    if (!m_analysis || !m_scene->diagram())
        return;
    DiagramColours colours
        = colourDiagram(*m_scene->diagram(), *m_analysis, partition() ? m_estimate.get() : nullptr, colourMode());
    m_scene->setFills(colours.fill);
    m_legend->setLegend(std::move(colours.legend));
}

std::vector<int> GraphViewPage::itemsOfSubgraph(int subgraph) const
{
    const auto& diagram = m_scene->diagram();
    const Partition* p = partition();
    std::vector<int> items;
    if (!diagram || !p || subgraph < 0 || static_cast<size_t>(subgraph) >= p->subgraphs.size())
        return items;
    for (int node : p->subgraphs[subgraph].descriptor.nodes) {
        const int item = static_cast<size_t>(node) < diagram->itemOfNode.size() ? diagram->itemOfNode[node] : -1;
        if (item >= 0 && std::find(items.begin(), items.end(), item) == items.end())
            items.push_back(item);
    }
    return items;
}

void GraphViewPage::applySelection()
{
    const int subgraph = m_selection->current();
    const auto& diagram = m_scene->diagram();
    int focus = -1;
    if (diagram && m_selectedNode >= 0 && static_cast<size_t>(m_selectedNode) < diagram->itemOfNode.size())
        focus = diagram->itemOfNode[m_selectedNode];
    else if (diagram && m_selectedTensor >= 0) {
        for (size_t i = 0; i < diagram->items.size(); ++i) {
            const DiagramItem& item = diagram->items[i];
            if (item.kind != DiagramItem::Kind::Node && item.kind != DiagramItem::Kind::Subgraph
                && item.index == m_selectedTensor)
                focus = static_cast<int>(i);
        }
    } else if (isSubgraphCollapsed(subgraph)) {
        const auto items = itemsOfSubgraph(subgraph);
        focus = items.size() == 1 ? items.front() : -1;
    }
    m_scene->setHighlight(itemsOfSubgraph(subgraph), focus);

    if (!m_analysis)
        m_properties->showNothing();
    else if (m_selectedNode >= 0)
        m_properties->showNode(*m_analysis, partition() ? m_estimate.get() : nullptr, m_selectedNode);
    else if (m_selectedTensor >= 0)
        m_properties->showTensor(*m_analysis, m_selectedTensor);
    else if (subgraph >= 0 && partition())
        m_properties->showSubgraph(*m_analysis, *m_estimate, subgraph);
    else
        m_properties->showNothing();
    updateControls();
}

void GraphViewPage::revealSelection()
{
    if (!isVisible() || isLayoutPending() || !m_scene->diagram()) {
        m_revealPending = true; // once shown, or once laid out
        return;
    }
    m_revealPending = false;
    const auto& diagram = m_scene->diagram();
    std::vector<int> items;
    if (m_selectedNode >= 0 && static_cast<size_t>(m_selectedNode) < diagram->itemOfNode.size())
        items = { diagram->itemOfNode[m_selectedNode] };
    else
        items = itemsOfSubgraph(m_selection->current());
    m_view->reveal(m_scene->boxesRect(items));
}

void GraphViewPage::selectNode(int node)
{
    if (!m_analysis || node < 0 || static_cast<size_t>(node) >= m_analysis->graph->nodeCount())
        return;
    m_selectedNode = node;
    m_selectedTensor = -1;
    m_searchCursor = node;
    m_selecting = true;
    m_selection->select(subgraphOfNode(node));
    m_selecting = false;
    applySelection();
    revealSelection();
}

int GraphViewPage::findNext(const QString& text)
{
    if (!m_analysis)
        return -1;
    const int node = findNextNode(*m_analysis->graph, text, m_searchCursor);
    if (node >= 0)
        selectNode(node);
    updateMatches();
    return node;
}

void GraphViewPage::updateMatches()
{
    const QString text = m_bar->searchField()->text().trimmed();
    if (!m_analysis || text.isEmpty()) {
        m_bar->matchesLabel()->clear();
        return;
    }
    const int total = countMatches(*m_analysis->graph, text);
    if (total == 0) {
        m_bar->matchesLabel()->setText(tr("no match"));
        return;
    }
    // Unless the selected node is a match, only the count.
    if (m_searchCursor < 0 || findNextNode(*m_analysis->graph, text, m_searchCursor - 1) != m_searchCursor) {
        m_bar->matchesLabel()->setText(tr("%n match(es)", nullptr, total));
        return;
    }
    // Which match is selected: those before it in execution order, plus one.
    const int before = countMatches(*m_analysis->graph, text, m_searchCursor);
    m_bar->matchesLabel()->setText(tr("%1 of %2").arg(before + 1).arg(total));
}

void GraphViewPage::onBoxClicked(int item)
{
    const auto& diagram = m_scene->diagram();
    int subgraph = -1;
    m_selectedNode = -1;
    m_selectedTensor = -1;
    if (diagram && item >= 0) {
        const DiagramItem& d = diagram->items[item];
        switch (d.kind) {
        case DiagramItem::Kind::Node:
            m_selectedNode = d.index;
            m_searchCursor = d.index;
            subgraph = subgraphOfNode(d.index);
            break;
        case DiagramItem::Kind::Subgraph:
            subgraph = d.index;
            break;
        case DiagramItem::Kind::Input:
        case DiagramItem::Kind::Output:
            m_selectedTensor = d.index;
            break;
        }
    }
    m_selecting = true;
    m_selection->select(subgraph);
    m_selecting = false;
    applySelection();
}

void GraphViewPage::onBoxDoubleClicked(int item)
{
    const auto& diagram = m_scene->diagram();
    if (!diagram || item < 0)
        return;
    // The box double-clicked is the one selected, whatever clicks came before.
    const DiagramItem d = diagram->items[item];
    onBoxClicked(item);
    if (d.kind == DiagramItem::Kind::Subgraph)
        setSubgraphCollapsed(d.index, false);
    else if (d.kind == DiagramItem::Kind::Node)
        setSubgraphCollapsed(subgraphOfNode(d.index), true);
}

void GraphViewPage::onSharedSelectionChanged(int subgraph)
{
    if (m_selecting)
        return;
    // Selected elsewhere: the node singled out here stays only if it is part of that subgraph.
    if (subgraphOfNode(m_selectedNode) != subgraph || subgraph < 0)
        m_selectedNode = -1;
    m_selectedTensor = -1;
    applySelection();
    if (subgraph >= 0)
        revealSelection();
}

void GraphViewPage::updateControls()
{
    const Partition* p = partition();
    m_bar->expandAllAction()->setEnabled(
        p && std::any_of(m_collapsed.begin(), m_collapsed.end(), [](char c) { return c != 0; }));
    m_bar->collapseAllAction()->setEnabled(p != nullptr);
    const int s = m_selection->current();
    const bool collapsible = p && s >= 0 && static_cast<size_t>(s) < p->subgraphs.size()
        && isCollapsible(p->subgraphs[s].descriptor.nodes.size());
    m_bar->setSubgraphToggle(collapsible, isSubgraphCollapsed(s), p != nullptr);
}

void GraphViewPage::showEvent(QShowEvent* event)
{
    QWidget::showEvent(event);
    if (m_dirty)
        startLayout();
    else if (m_revealPending)
        QTimer::singleShot(0, this, &GraphViewPage::revealSelection); // once the viewport has its size
}

} // namespace graphs::ui
