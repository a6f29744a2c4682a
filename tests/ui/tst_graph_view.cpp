// The graph view: the layouts on generated DAGs (positions, direction, overlaps, the large-graph fallback), the
// diagram of a real model expanded and collapsed, and the page offscreen: search, colours, the properties panel,
// and selection shared with the rest of the app in both directions.

#include "graph/graph_colours.h"
#include "graph/graph_diagram.h"
#include "graph/graph_layout.h"
#include "graph/graph_legend.h"
#include "graph/graph_properties_panel.h"
#include "graph/graph_scene.h"
#include "graph/graph_tool_bar.h"
#include "graph/graph_view.h"
#include "graph/graph_view_page.h"
#include "jobs/model_loader.h"
#include "main_window.h"
#include "optional_dependencies.h"
#include "subgraph_selection.h"
#include "tiny_estimate.h"

#include <QComboBox>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QLabel>
#include <QLineEdit>
#include <QLineF>
#include <QRandomGenerator>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTest>
#include <algorithm>
#include <cmath>
#include <numeric>

using namespace graphs;
using graphs::ui::DiagramItem;
using graphs::ui::GraphViewPage;
using graphs::ui::LayoutGraph;
using graphs::ui::LayoutMethod;

Q_DECLARE_METATYPE(graphs::ui::LayoutMethod)

namespace {

constexpr int LayoutTimeoutMs = 30000;

/// A DAG shaped like a network: a chain of `n` nodes, each also fed by one of the `reach` nodes before it (skip
/// connections), with a few sources and box sizes that vary like op type names.
LayoutGraph generatedDag(int n, int reach, quint32 seed)
{
    QRandomGenerator random(seed);
    LayoutGraph g;
    for (int i = 0; i < n; ++i)
        g.nodes.emplace_back(60 + random.bounded(80), i % 7 == 0 ? 22 : 36);
    for (int i = 1; i < n; ++i) {
        if (i % 11 != 0) // every 11th node starts a new branch: a source
            g.edges.push_back({ i - 1, i });
        if (i > 2)
            g.edges.push_back({ i - 2 - random.bounded(std::min(reach, i - 2)), i });
    }
    return g;
}

QRectF boxOf(const LayoutGraph& g, const ui::GraphLayout& layout, size_t v)
{
    const QSizeF size = g.nodes[v];
    return QRectF(layout.centres[v] - QPointF(size.width() / 2, size.height() / 2), size);
}

/// Checks what every layout must give: a finite position per node, sources above targets, no boxes overlapping,
/// and paths that run from the source's box to the target's.
void checkLayout(const LayoutGraph& g, const ui::GraphLayout& layout)
{
    QCOMPARE(layout.centres.size(), g.nodes.size());
    QCOMPARE(layout.edgePaths.size(), g.edges.size());
    for (const QPointF& c : layout.centres)
        QVERIFY(std::isfinite(c.x()) && std::isfinite(c.y()));
    for (size_t e = 0; e < g.edges.size(); ++e) {
        const auto [from, to] = g.edges[e];
        QVERIFY2(layout.centres[from].y() < layout.centres[to].y(), qPrintable(QStringLiteral("edge %1").arg(e)));
        const auto& path = layout.edgePaths[e];
        QVERIFY(path.size() >= 4 && (path.size() - 1) % 3 == 0);
        const double slack = 12;
        QVERIFY(boxOf(g, layout, from).adjusted(-slack, -slack, slack, slack).contains(path.front()));
        QVERIFY(boxOf(g, layout, to).adjusted(-slack, -slack, slack, slack).contains(path.back()));
    }
    // Overlaps: a sweep over boxes sorted by their left edge.
    std::vector<size_t> order(g.nodes.size());
    std::iota(order.begin(), order.end(), size_t(0));
    std::sort(order.begin(), order.end(),
        [&](size_t a, size_t b) { return boxOf(g, layout, a).left() < boxOf(g, layout, b).left(); });
    for (size_t i = 0; i < order.size(); ++i) {
        const QRectF a = boxOf(g, layout, order[i]).adjusted(0.5, 0.5, -0.5, -0.5);
        for (size_t j = i + 1; j < order.size(); ++j) {
            const QRectF b = boxOf(g, layout, order[j]).adjusted(0.5, 0.5, -0.5, -0.5);
            if (b.left() >= a.right())
                break;
            QVERIFY2(
                !a.intersects(b), qPrintable(QStringLiteral("boxes %1 and %2 overlap").arg(order[i]).arg(order[j])));
        }
    }
}

bool waitForLayout(GraphViewPage& page)
{
    QElapsedTimer timer;
    timer.start();
    while (page.isLayoutPending() && timer.elapsed() < LayoutTimeoutMs)
        QTest::qWait(10);
    return !page.isLayoutPending();
}

QPoint viewPointOf(const GraphViewPage& page, int item)
{
    return page.view()->mapFromScene(page.scene()->box(item)->pos());
}

int nonTrivialSubgraphs(const Partition& partition)
{
    return static_cast<int>(std::count_if(partition.subgraphs.begin(), partition.subgraphs.end(),
        [](const Subgraph& s) { return s.descriptor.nodes.size() > 1; }));
}

} // namespace

class TestGraphView : public QObject
{
    Q_OBJECT

private:
    std::shared_ptr<const ui::EstimatedModel> m_tiny;
    std::shared_ptr<const ui::EstimatedModel> m_resnet;

    /// resnet18 from the shared models, estimated on an L4; null with `error` set when it cannot be.
    std::shared_ptr<const ui::EstimatedModel> resnet(QString& error)
    {
        if (m_resnet)
            return m_resnet;
        const QString path = graphs::testing::sharedPath(QStringLiteral("models/resnet18.structure.onnx"));
        auto imported = importOnnxFile(path.toStdString(), {});
        if (!imported) {
            error = QString::fromStdString(imported.error().toString());
            return nullptr;
        }
        auto analysis = analyzeGraph(imported->graph);
        if (!analysis) {
            error = QString::fromStdString(analysis.error().toString());
            return nullptr;
        }
        m_resnet = graphs::testing::estimate(
            std::make_shared<const GraphAnalysis>(std::move(*analysis)), "nvidia-l4", Precision::FP16);
        if (!m_resnet)
            error = path + QStringLiteral(": no estimate on nvidia-l4 at fp16");
        return m_resnet;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        m_tiny = graphs::testing::estimate(graphs::testing::analyseTinyPipeline(), "nvidia-l4", Precision::FP16);
        QVERIFY(m_tiny);
    }

    void layoutSmallDag_data()
    {
        QTest::addColumn<LayoutMethod>("method");
        QTest::newRow("layered") << LayoutMethod::Layered;
        QTest::newRow("graphviz") << LayoutMethod::Graphviz;
    }

    void layoutSmallDag()
    {
        QFETCH(LayoutMethod, method);
        if (method == LayoutMethod::Graphviz && !ui::graphvizAvailable())
            QSKIP("built without Graphviz (libgvc was not found when configuring): install libgraphviz-dev and "
                  "reconfigure to test the dot layout");
        const LayoutGraph g = generatedDag(60, 6, 7);
        ui::LayoutOptions options;
        options.method = method;
        const auto layout = ui::layoutGraph(g, options);
        QVERIFY(layout);
        QCOMPARE(layout->method, method);
        QVERIFY(layout->note.isEmpty());
        checkLayout(g, *layout);
        for (const QPointF& c : layout->centres)
            QVERIFY(layout->bounds.contains(c));
    }

    void layeredLayoutBreaksCycles()
    {
        LayoutGraph g;
        g.nodes.assign(4, QSizeF(60, 30));
        g.edges = { { 0, 1 }, { 1, 2 }, { 2, 0 }, { 2, 3 }, { 3, 3 }, { 1, 2 } };
        ui::LayoutOptions options;
        options.method = LayoutMethod::Layered;
        const auto layout = ui::layoutGraph(g, options);
        QVERIFY(layout);
        QCOMPARE(layout->centres.size(), size_t(4));
        QVERIFY(layout->edgePaths[4].empty()); // the self-loop
        QCOMPARE(layout->edgePaths[5], layout->edgePaths[1]); // a repeated edge shares its route
        QVERIFY(!layout->edgePaths[2].empty());
        // The back edge runs from its source to its target all the same.
        QVERIFY(QLineF(layout->edgePaths[2].front(), layout->centres[2]).length()
            < QLineF(layout->edgePaths[2].front(), layout->centres[0]).length());
    }

    void largeGraphFallsBack()
    {
        const LayoutGraph large = generatedDag(5000, 40, 11);
        ui::LayoutOptions options; // Automatic
        QCOMPARE(ui::chooseLayoutMethod(large, options), LayoutMethod::Layered);
        // At the limit, with short skip edges (like a CNN's): still dot.
        const LayoutGraph small = generatedDag(ui::DefaultGraphvizNodeLimit, 2, 3);
        QCOMPARE(ui::chooseLayoutMethod(small, options),
            ui::graphvizAvailable() ? LayoutMethod::Graphviz : LayoutMethod::Layered);
        // Fewer boxes, but skip edges that cross many layers each: too slow for dot.
        QCOMPARE(ui::chooseLayoutMethod(generatedDag(1000, 40, 11), options), LayoutMethod::Layered);

        QElapsedTimer timer;
        timer.start();
        const auto layout = ui::layoutGraph(large, options);
        qInfo("5,000 nodes, %zu edges: %lld ms", large.edges.size(), static_cast<long long>(timer.elapsed()));
        QVERIFY(layout);
        QCOMPARE(layout->method, LayoutMethod::Layered);
        checkLayout(large, *layout);
    }

    void layoutCancels()
    {
        const LayoutGraph g = generatedDag(500, 6, 5);
        for (LayoutMethod method : { LayoutMethod::Layered, LayoutMethod::Graphviz }) {
            ui::LayoutOptions options;
            options.method = method;
            QVERIFY(!ui::layoutGraph(g, options, [] { return true; }));
        }
    }

    void diagramCollapsesSubgraphs()
    {
        const ComputeGraph& graph = *m_tiny->analysis->graph;
        const Partition& partition = m_tiny->partition;
        // Expanded: a box per node, plus the input and the output.
        const ui::Diagram expanded = ui::buildDiagram(graph, &partition, {});
        QCOMPARE(expanded.nodeItems, int(graph.nodeCount()));
        QCOMPARE(expanded.subgraphItems, 0);
        QCOMPARE(int(expanded.items.size()), int(graph.nodeCount()) + 2);
        QCOMPARE(int(expanded.edges.size()), 5); // x→conv→relu→pool→concat→out; p feeds the Concat twice, one edge
        // Collapsed: Conv+Relu is one box; single-node subgraphs stay nodes.
        const std::vector<char> all(partition.subgraphs.size(), 1);
        const ui::Diagram collapsed = ui::buildDiagram(graph, &partition, all);
        QCOMPARE(collapsed.subgraphItems, nonTrivialSubgraphs(partition));
        QCOMPARE(collapsed.subgraphItems, 1);
        const int fused = collapsed.itemOfNode[0];
        QCOMPARE(collapsed.items[fused].kind, DiagramItem::Kind::Subgraph);
        QCOMPARE(collapsed.items[fused].title, QStringLiteral("Conv+Relu"));
        QCOMPARE(collapsed.itemOfNode[1], fused);
        for (const auto& edge : collapsed.edges)
            QVERIFY(edge.from != edge.to);
        QCOMPARE(ui::shapeText(graph.tensor(graph.node(0).outputs[0]).shape), QStringLiteral("1×4×8×8"));
    }

    void searchFindsNodes_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<int>("after");
        QTest::addColumn<int>("expected");
        QTest::newRow("op type") << "relu" << -1 << 1;
        QTest::newRow("name") << "POOL" << -1 << 2;
        QTest::newRow("wraps round") << "conv" << 0 << 0;
        QTest::newRow("next") << "c" << 0 << 3; // conv, concat
        QTest::newRow("none") << "softmax" << -1 << -1;
        QTest::newRow("blank") << "  " << -1 << -1;
    }

    void searchFindsNodes()
    {
        QFETCH(QString, text);
        QFETCH(int, after);
        QFETCH(int, expected);
        QCOMPARE(ui::findNextNode(*m_tiny->analysis->graph, text, after), expected);
    }

    void pageShowsModel()
    {
        GRAPHS_REQUIRE_SHARED(QStringLiteral("models/resnet18.structure.onnx"));
        QString error;
        const auto estimate = resnet(error);
        QVERIFY2(estimate, qPrintable(error));
        ui::SubgraphSelection selection;
        GraphViewPage page(&selection);
        page.resize(1200, 800);
        // Hidden, the page does no work.
        page.setEstimate(estimate);
        QVERIFY(page.isLayoutPending());
        QCOMPARE(page.scene()->boxCount(DiagramItem::Kind::Node), 0);
        page.show();
        QVERIFY(QTest::qWaitForWindowExposed(&page));
        QVERIFY(waitForLayout(page));
        const int nodes = int(estimate->analysis->graph->nodeCount());
        QCOMPARE(page.scene()->boxCount(DiagramItem::Kind::Node), nodes);
        QCOMPARE(page.scene()->boxCount(DiagramItem::Kind::Subgraph), 0);
        QCOMPARE(page.layoutMethod(), ui::graphvizAvailable() ? LayoutMethod::Graphviz : LayoutMethod::Layered);

        page.collapseAll();
        QVERIFY(waitForLayout(page));
        const int fused = nonTrivialSubgraphs(estimate->partition);
        QVERIFY(fused > 0);
        QCOMPARE(page.scene()->boxCount(DiagramItem::Kind::Subgraph), fused);
        QCOMPARE(page.scene()->boxCount(DiagramItem::Kind::Node), int(estimate->partition.subgraphs.size()) - fused);

        // Double-clicking a collapsed box expands it alone.
        const auto& diagram = *page.scene()->diagram();
        int box = -1;
        for (size_t i = 0; i < diagram.items.size() && box < 0; ++i)
            box = diagram.items[i].kind == DiagramItem::Kind::Subgraph ? int(i) : -1;
        const int subgraph = diagram.items[box].index;
        page.view()->reveal(page.scene()->box(box)->sceneBoundingRect());
        QTest::mouseDClick(page.view()->viewport(), Qt::LeftButton, {}, viewPointOf(page, box));
        QVERIFY(waitForLayout(page));
        QVERIFY(!page.isSubgraphCollapsed(subgraph));
        QCOMPARE(page.scene()->boxCount(DiagramItem::Kind::Subgraph), fused - 1);
        QCOMPARE(selection.current(), subgraph);

        page.expandAll();
        QVERIFY(waitForLayout(page));
        QCOMPARE(page.scene()->boxCount(DiagramItem::Kind::Node), nodes);
    }

    void pageSearchSelects()
    {
        ui::SubgraphSelection selection;
        GraphViewPage page(&selection);
        page.resize(900, 600);
        page.setEstimate(m_tiny);
        page.show();
        QVERIFY(QTest::qWaitForWindowExposed(&page));
        QVERIFY(waitForLayout(page));
        QTest::keyClicks(page.searchField(), QStringLiteral("maxpool"));
        QTest::keyClick(page.searchField(), Qt::Key_Return);
        QCOMPARE(page.selectedNode(), 2);
        QCOMPARE(page.toolBar()->matchesLabel()->text(), QStringLiteral("1 of 1"));
        const int subgraph = m_tiny->partition.subgraphOfNode[2];
        QCOMPARE(selection.current(), subgraph);
        const int item = page.scene()->diagram()->itemOfNode[2];
        QCOMPARE(page.scene()->box(item)->highlight(), ui::DiagramBoxItem::Highlight::Focus);
        QVERIFY(page.view()->viewport()->rect().contains(viewPointOf(page, item)));
        QVERIFY(page.properties()->text().contains(QStringLiteral("MaxPool")));
        QVERIFY(page.properties()->text().contains(QStringLiteral("Arithmetic intensity")));
        QVERIFY(page.properties()->text().contains(QStringLiteral("Bottleneck")));
        QCOMPARE(page.findNext(QStringLiteral("no such node")), -1);
        QCOMPARE(page.selectedNode(), 2);
    }

    void pageSharesSelection()
    {
        ui::SubgraphSelection selection;
        GraphViewPage page(&selection);
        page.resize(900, 600);
        page.setEstimate(m_tiny);
        page.show();
        QVERIFY(QTest::qWaitForWindowExposed(&page));
        QVERIFY(waitForLayout(page));
        const auto& diagram = *page.scene()->diagram();
        const Partition& partition = m_tiny->partition;

        // A click on the Relu selects Conv+Relu everywhere; both its boxes are ringed.
        QSignalSpy changed(&selection, &ui::SubgraphSelection::changed);
        QTest::mouseClick(page.view()->viewport(), Qt::LeftButton, {}, viewPointOf(page, diagram.itemOfNode[1]));
        QCOMPARE(changed.count(), 1);
        QCOMPARE(selection.current(), partition.subgraphOfNode[1]);
        QCOMPARE(page.selectedNode(), 1);
        QCOMPARE(page.scene()->box(diagram.itemOfNode[0])->highlight(), ui::DiagramBoxItem::Highlight::Member);
        QCOMPARE(page.scene()->box(diagram.itemOfNode[1])->highlight(), ui::DiagramBoxItem::Highlight::Focus);

        // Selected elsewhere (the table, the roofline): the node singled out here gives way to the subgraph.
        const int concat = partition.subgraphOfNode[3];
        selection.select(concat);
        QCOMPARE(page.selectedNode(), -1);
        QCOMPARE(page.scene()->box(diagram.itemOfNode[1])->highlight(), ui::DiagramBoxItem::Highlight::None);
        QCOMPARE(page.scene()->box(diagram.itemOfNode[3])->highlight(), ui::DiagramBoxItem::Highlight::Member);
        QVERIFY(page.view()->viewport()->rect().contains(viewPointOf(page, diagram.itemOfNode[3])));
        QVERIFY(page.properties()->text().contains(QStringLiteral("Concat")));

        // A click beside every box clears the selection everywhere.
        page.view()->fitAll();
        QTest::mouseClick(page.view()->viewport(), Qt::LeftButton, {}, QPoint(2, 2));
        QCOMPARE(selection.current(), -1);
        QCOMPARE(page.scene()->box(diagram.itemOfNode[3])->highlight(), ui::DiagramBoxItem::Highlight::None);
    }

    void pageColours()
    {
        ui::SubgraphSelection selection;
        GraphViewPage page(&selection);
        page.resize(900, 600);
        page.setEstimate(m_tiny);
        page.show();
        QVERIFY(QTest::qWaitForWindowExposed(&page));
        QVERIFY(waitForLayout(page));
        const auto& diagram = *page.scene()->diagram();
        const int relu = diagram.itemOfNode[1];
        const int subgraph = m_tiny->partition.subgraphOfNode[1];

        page.setColourMode(ui::ColourMode::Bottleneck);
        QCOMPARE(
            page.scene()->box(relu)->fill(), ui::bottleneckColour(m_tiny->estimate.subgraphs[subgraph].bottleneck));
        QVERIFY(!page.legend()->legend().entries.empty());
        page.colourModeBox()->setCurrentIndex(page.colourModeBox()->findText(QStringLiteral("Subgraph")));
        QCOMPARE(page.colourMode(), ui::ColourMode::Subgraph);
        QCOMPARE(page.scene()->box(relu)->fill(), page.scene()->box(diagram.itemOfNode[0])->fill());
        QVERIFY(page.scene()->box(relu)->fill() != page.scene()->box(diagram.itemOfNode[2])->fill());
        page.setColourMode(ui::ColourMode::LatencyShare);
        QVERIFY(page.legend()->legend().heatScale);

        // Without an estimate the modes that need one fall back to operator classes, and say so.
        page.setEstimate(nullptr);
        QVERIFY(!page.legend()->legend().note.isEmpty());
        QVERIFY(!page.legend()->legend().entries.empty());
    }

    void pageZoomKeys()
    {
        ui::SubgraphSelection selection;
        GraphViewPage page(&selection);
        page.resize(900, 600);
        page.setEstimate(m_tiny);
        page.show();
        QVERIFY(QTest::qWaitForWindowExposed(&page));
        QVERIFY(waitForLayout(page));
        page.view()->setZoom(1);
        page.view()->setFocus();
        QTest::keyClick(page.view(), Qt::Key_Equal, Qt::ControlModifier);
        QVERIFY(page.view()->zoom() > 1.2);
        QTest::keyClick(page.view(), Qt::Key_Minus, Qt::ControlModifier);
        QTest::keyClick(page.view(), Qt::Key_Minus, Qt::ControlModifier);
        QVERIFY(page.view()->zoom() < 0.9);
    }

    void mainWindowHasGraphPage()
    {
        QCoreApplication::setOrganizationName(QStringLiteral("graphs-tests"));
        QCoreApplication::setApplicationName(QStringLiteral("tst_graph_view"));
        ui::MainWindow window;
        window.show();
        QVERIFY(window.graphPage());
        QVERIFY(window.pages()->indexOf(window.graphPage()) >= 0);
        QSignalSpy loaded(window.loader(), &ui::ModelLoader::loaded);
        window.openModel(QStringLiteral(GRAPHS_SOURCE_DIR "/resources/models/squeezenet1_1.onnx"));
        QVERIFY(loaded.wait(LayoutTimeoutMs) || loaded.count() == 1);
        window.pages()->setCurrentWidget(window.graphPage());
        QVERIFY(waitForLayout(*window.graphPage()));
        QCOMPARE(
            window.graphPage()->scene()->boxCount(DiagramItem::Kind::Node), int(window.analysis()->graph->nodeCount()));
    }
};

QTEST_MAIN(TestGraphView)
#include "tst_graph_view.moc"
