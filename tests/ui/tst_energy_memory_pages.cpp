// The Energy and Memory pages against a real estimate of the bundled squeezenet: the donut adds up to the engine's
// energy per inference part by part, the bars are the subgraphs that take the most energy in order, a click on a bar
// selects through the shared selection and a selection made elsewhere is highlighted, the timeline has a point per
// step that peaks at the engine's peak, hovering names the node, and PNG/CSV exports write what they should. Then the
// same pages inside the real main window, following a change of precision.

#include "charts/energy_chart_data.h"
#include "charts/energy_subgraph_chart.h"
#include "charts/energy_total_chart.h"
#include "charts/memory_chart_data.h"
#include "charts/memory_split_chart.h"
#include "charts/memory_timeline_chart.h"
#include "hardware/hardware_spec.h"
#include "main_window.h"
#include "pages/energy_page.h"
#include "pages/memory_page.h"
#include "subgraph_selection.h"
#include "test_files.h"
#include "tiny_estimate.h"
#include "widgets/hardware_toolbar.h"

#include <QBarSet>
#include <QFile>
#include <QHorizontalStackedBarSeries>
#include <QImage>
#include <QLabel>
#include <QLineSeries>
#include <QRegularExpression>
#include <QScatterSeries>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>
#include <algorithm>
#include <cmath>
#include <numeric>

using namespace graphs;
using graphs::ui::EnergyPage;
using graphs::ui::EstimatedModel;
using graphs::ui::MemoryPage;
using graphs::ui::SubgraphSelection;

namespace {

constexpr double RelativeTolerance = 1e-9;

QString squeezenetPath()
{
    return QStringLiteral(GRAPHS_SOURCE_DIR "/resources/models/squeezenet1_1.onnx");
}

std::shared_ptr<const GraphAnalysis> analyseSqueezenet()
{
    auto imported = importOnnxFile(squeezenetPath().toStdString(), {});
    if (!imported)
        return nullptr;
    auto analysis = analyzeGraph(imported->graph);
    if (!analysis)
        return nullptr;
    return std::make_shared<const GraphAnalysis>(std::move(*analysis));
}

bool near(double actual, double expected)
{
    return std::abs(actual - expected) <= RelativeTolerance * std::max(std::abs(expected), 1e-300);
}

double sum(const std::vector<double>& values)
{
    return std::accumulate(values.begin(), values.end(), 0.0);
}

/// The subgraphs by energy per inference, most first (ties in partition order), straight from the engine's figures.
std::vector<int> byEnergy(const EstimatedModel& estimated)
{
    std::vector<int> order(estimated.estimate.subgraphs.size());
    std::iota(order.begin(), order.end(), 0);
    const auto& s = estimated.estimate.subgraphs;
    std::stable_sort(
        order.begin(), order.end(), [&](int a, int b) { return s[a].energy.total.value > s[b].energy.total.value; });
    return order;
}

/// Clicks the bar of `subgraph` where the chart now draws it; true once that selected it.
bool clickBar(ui::EnergySubgraphChart* chart, const SubgraphSelection& selection, int subgraph)
{
    const auto position = chart->barPosition(subgraph);
    if (!position)
        return false;
    QTest::mouseClick(chart->viewport(), Qt::LeftButton, {}, *position);
    return selection.current() == subgraph;
}

/// Moves the mouse onto the point of `step` where the chart now draws it; true once the chart reports that step.
bool hoverAt(ui::MemoryTimelineChart* chart, int step)
{
    const auto position = chart->stepPosition(step);
    if (!position)
        return false;
    QTest::mouseMove(chart->viewport(), *position);
    return chart->hoveredStep() == step;
}

} // namespace

class TestEnergyMemoryPages : public QObject
{
    Q_OBJECT

private:
    std::shared_ptr<const GraphAnalysis> m_analysis;
    std::shared_ptr<const EstimatedModel> m_estimate;

private Q_SLOTS:
    void initTestCase()
    {
        m_analysis = analyseSqueezenet();
        QVERIFY(m_analysis);
        m_estimate = graphs::testing::estimate(m_analysis, "nvidia-l4", Precision::FP16);
        QVERIFY(m_estimate);
        QVERIFY(m_estimate->estimate.subgraphs.size() > 12);
    }

    void donutAddsUpToEngineEnergy_data()
    {
        QTest::addColumn<QString>("hardware");
        QTest::addColumn<QString>("precision");
        QTest::newRow("gpu fp16") << "nvidia-l4"
                                  << "fp16";
        QTest::newRow("gpu fp32") << "nvidia-l4"
                                  << "fp32";
        QTest::newRow("cpu fp32") << "intel-xeon-platinum-8480-plus"
                                  << "fp32";
    }

    void donutAddsUpToEngineEnergy()
    {
        QFETCH(QString, hardware);
        QFETCH(QString, precision);
        const auto p = parsePrecision(precision.toStdString());
        QVERIFY(p);
        const auto estimated = graphs::testing::estimate(m_analysis, hardware.toStdString(), *p);
        QVERIFY2(estimated, qPrintable(hardware));
        SubgraphSelection selection;
        EnergyPage page(&selection);
        page.setEstimate(estimated);

        const EnergyEstimate& engine = estimated->estimate.energy;
        const HardwareSpec& spec = estimated->hardware();
        QStringList components { QStringLiteral("Compute") };
        for (const MemoryLevel& level : spec.memory)
            components << QString::fromStdString(level.name);
        components << QStringLiteral("Static");
        QCOMPARE(page.data()->components, components);

        const std::vector<double> values = page.totalChart()->values();
        QCOMPARE(values.size(), size_t(components.size()));
        QVERIFY(engine.total.value > 0);
        QVERIFY2(near(sum(values), engine.total.value),
            qPrintable(QStringLiteral("%1 vs %2").arg(sum(values)).arg(engine.total.value)));
        QVERIFY(near(values.front(), engine.compute.value));
        QVERIFY(near(values.back(), engine.staticPart.value));
        QVERIFY(near(sum({ values.begin() + 1, values.end() - 1 }), engine.memory.value));
        for (size_t level = 0; level < spec.memory.size(); ++level)
            QVERIFY(near(values[level + 1], engine.memoryByLevelJoules[level] * 1e3) || values[level + 1] == 0);

        // The caption tells each figure's confidence and bound.
        const QString caption = page.caption()->text();
        QVERIFY2(
            caption.contains(QString::fromUtf8(confidenceName(engine.total.confidence).data())), qPrintable(caption));
        QVERIFY2(caption.contains(QStringLiteral("±%1%").arg(engine.total.errorBoundPct)), qPrintable(caption));
    }

    void topBarsAreTheLargestSubgraphs_data()
    {
        QTest::addColumn<int>("count");
        QTest::newRow("default") << 10;
        QTest::newRow("three") << 3;
        QTest::newRow("one") << 1;
        QTest::newRow("more than there are") << 100;
    }

    void topBarsAreTheLargestSubgraphs()
    {
        QFETCH(int, count);
        SubgraphSelection selection;
        EnergyPage page(&selection);
        QCOMPARE(page.topCountBox()->value(), 10);
        page.setEstimate(m_estimate);
        page.topCountBox()->setValue(count);

        const std::vector<int> expected = byEnergy(*m_estimate);
        const auto n = std::min<size_t>(size_t(count), expected.size());
        const auto* chart = page.subgraphChart();
        QCOMPARE(chart->shownSubgraphs(), std::vector<int>(expected.begin(), expected.begin() + qsizetype(n)));
        for (auto* set : chart->series()->barSets())
            QCOMPARE(size_t(set->count()), n);
        for (size_t rank = 0; rank < n; ++rank) {
            const SubgraphEstimate& e = m_estimate->estimate.subgraphs[size_t(expected[rank])];
            const std::vector<double> bar = chart->barValues(int(rank));
            QVERIFY(near(sum(bar), e.energy.total.value));
            QVERIFY(near(bar.front(), e.energy.compute.value));
            if (rank > 0)
                QVERIFY(sum(chart->barValues(int(rank) - 1)) >= sum(bar));
        }
    }

    void selectionRoundTrips()
    {
        SubgraphSelection selection;
        EnergyPage page(&selection);
        page.resize(1300, 800);
        page.show();
        QVERIFY(QTest::qWaitForWindowExposed(&page));
        page.setEstimate(m_estimate);
        auto* chart = page.subgraphChart();
        const std::vector<int> shown = chart->shownSubgraphs();
        QCOMPARE(shown.size(), size_t(10));

        // A click on the third bar selects its subgraph everywhere.
        QSignalSpy changed(&selection, &SubgraphSelection::changed);
        QTRY_VERIFY(clickBar(chart, selection, shown[2]));
        QCOMPARE(changed.count(), 1);
        QCOMPARE(chart->highlightedSubgraph(), shown[2]);
        // Every other bar fades: the highlighted one is the only one drawn in full colour.
        for (auto* set : chart->series()->barSets())
            QCOMPARE(set->selectedBars().size(), qsizetype(shown.size() - 1));
        for (int rank = 0; rank < int(shown.size()); ++rank)
            QCOMPARE(chart->isFaded(rank), rank != 2);
        QVERIFY(page.selectionNote()->text().contains(QStringLiteral("rank 3 of")));

        // Selected elsewhere: the chart follows.
        selection.select(shown[0]);
        QCOMPARE(chart->highlightedSubgraph(), shown[0]);
        QVERIFY(!chart->isFaded(0));
        QVERIFY(chart->isFaded(2));

        // A subgraph beyond the bars drawn: nothing is highlighted, and the note says where it ranks.
        const std::vector<int> all = byEnergy(*m_estimate);
        selection.select(all.back());
        QCOMPARE(chart->highlightedSubgraph(), -1);
        for (auto* set : chart->series()->barSets())
            QVERIFY(set->selectedBars().isEmpty());
        QVERIFY2(page.selectionNote()->text().contains(QStringLiteral("not among the bars drawn")),
            qPrintable(page.selectionNote()->text()));
        // ...until enough bars are drawn to include it.
        page.topCountBox()->setValue(int(all.size()));
        QCOMPARE(chart->highlightedSubgraph(), all.back());

        selection.clear();
        QCOMPARE(chart->highlightedSubgraph(), -1);
        for (auto* set : chart->series()->barSets())
            QVERIFY(set->selectedBars().isEmpty());
    }

    void energyFollowsNewEstimate()
    {
        SubgraphSelection selection;
        EnergyPage page(&selection);
        QVERIFY(page.data() == nullptr);
        QVERIFY(!page.exportImage(QStringLiteral("unused.png")).isEmpty());
        page.setEstimate(m_estimate);
        const auto fp32 = graphs::testing::estimate(m_analysis, "nvidia-l4", Precision::FP32);
        QVERIFY(fp32);
        QVERIFY(fp32->estimate.energy.total.value != m_estimate->estimate.energy.total.value);
        page.setEstimate(fp32);
        QVERIFY(near(sum(page.totalChart()->values()), fp32->estimate.energy.total.value));
        page.setEstimate(nullptr);
        QVERIFY(page.totalChart()->values().empty());
        QVERIFY(page.subgraphChart()->shownSubgraphs().empty());
    }

    void memoryTimelineFollowsProfile()
    {
        MemoryPage page;
        page.setEstimate(m_estimate);
        const MemoryProfile& profile = m_estimate->estimate.memory;
        const auto* timeline = page.timelineChart();
        QCOMPARE(size_t(timeline->line()->count()), profile.liveBytesAfterNode.size());
        QCOMPARE(size_t(timeline->line()->count()), m_analysis->graph->nodeCount());
        double highest = 0;
        for (int i = 0; i < timeline->line()->count(); ++i) {
            const QPointF point = timeline->line()->at(i);
            QCOMPARE(point.x(), double(i + 1));
            QVERIFY(near(point.y() * timeline->bytesPerUnit(), profile.liveBytesAfterNode[size_t(i)]));
            highest = std::max(highest, point.y());
        }
        QVERIFY(profile.peakActivationBytes > 0);
        QVERIFY(near(highest * timeline->bytesPerUnit(), profile.peakActivationBytes));
        QCOMPARE(timeline->peakMarker()->count(), 1);
        QCOMPARE(timeline->peakMarker()->at(0).x(), double(profile.peakAtNode + 1));

        const auto* split = page.splitChart();
        QVERIFY(near(split->weights()->at(0) * split->bytesPerUnit(), profile.weightBytes));
        QVERIFY(near(split->activations()->at(0) * split->bytesPerUnit(), profile.peakActivationBytes));
        QVERIFY(page.caption()->text().contains(QStringLiteral("THEORETICAL")));
    }

    void memoryHoverNamesTheNode()
    {
        MemoryPage page;
        page.resize(1200, 800);
        page.show();
        QVERIFY(QTest::qWaitForWindowExposed(&page));
        page.setEstimate(m_estimate);
        auto* timeline = page.timelineChart();
        const int step = m_estimate->estimate.memory.peakAtNode;
        const auto position = timeline->stepPosition(step);
        QVERIFY(position);
        QCOMPARE(timeline->stepAt(*position), step);
        QSignalSpy hovered(timeline, &ui::MemoryTimelineChart::stepHovered);
        // The chart lays its axes out on the next event-loop pass: move again until the point is where it is drawn.
        QTRY_VERIFY(hoverAt(timeline, step));
        QVERIFY(hovered.count() >= 1);
        QCOMPARE(hovered.last().at(0).toInt(), step);
        const QString text = ui::memoryStepText(*page.data(), step);
        const Node& node = m_analysis->graph->node(step);
        QVERIFY2(text.contains(QString::fromStdString(node.name)), qPrintable(text));
        QVERIFY(text.contains(QString::fromStdString(node.opType)));
        QVERIFY(text.contains(QStringLiteral("peak")));
        // Outside the plot: no step.
        QCOMPARE(timeline->stepAt(QPoint(1, 1)), -1);
    }

    void exports()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        SubgraphSelection selection;
        EnergyPage energy(&selection);
        MemoryPage memory;
        energy.setEstimate(m_estimate);
        memory.setEstimate(m_estimate);

        // Not on screen: the charts are drawn at the export size.
        const QString energyPng = dir.filePath(QStringLiteral("energy.png"));
        QCOMPARE(energy.exportImage(energyPng), QString());
        QCOMPARE(QImage(energyPng).size(), QSize(1200, 600));
        const QString memoryPng = dir.filePath(QStringLiteral("memory.png"));
        QCOMPARE(memory.exportImage(memoryPng), QString());
        QCOMPARE(QImage(memoryPng).size(), QSize(1200, 700));

        const QString energyCsv = dir.filePath(QStringLiteral("energy.csv"));
        QCOMPARE(energy.exportCsv(energyCsv), QString());
        const QStringList energyRows = graphs::testing::readTestFileLines(energyCsv);
        QCOMPARE(energyRows.size(), qsizetype(m_estimate->estimate.subgraphs.size() + 1));
        QStringList header { QStringLiteral("rank"), QStringLiteral("subgraph"), QStringLiteral("label"),
            QStringLiteral("node"), QStringLiteral("compute_mj") };
        for (const MemoryLevel& level : m_estimate->hardware().memory)
            header << QString::fromStdString(level.name).toLower() + QStringLiteral("_mj");
        header << QStringLiteral("static_mj") << QStringLiteral("total_mj") << QStringLiteral("confidence")
               << QStringLiteral("error_bound_pct") << QStringLiteral("bottleneck");
        QCOMPARE(energyRows.constFirst(), header.join(QLatin1Char(',')));
        QVERIFY(energyRows[1].startsWith(QStringLiteral("1,%1,").arg(byEnergy(*m_estimate).front())));

        const QString memoryCsv = dir.filePath(QStringLiteral("memory.csv"));
        QCOMPARE(memory.exportCsv(memoryCsv), QString());
        const QStringList memoryRows = graphs::testing::readTestFileLines(memoryCsv);
        QCOMPARE(memoryRows.size(), qsizetype(m_analysis->graph->nodeCount() + 1));
        QCOMPARE(memoryRows.constFirst(), QStringLiteral("step,node,name,op_type,live_activation_bytes,peak"));
        QCOMPARE(memoryRows.filter(QRegularExpression(QStringLiteral(",1$"))).size(), 1);

        // A folder that does not exist: the message names the file, and nothing is left behind.
        const QString missing = dir.filePath(QStringLiteral("missing/energy.csv"));
        const QString error = energy.exportCsv(missing);
        QVERIFY2(error.contains(QStringLiteral("energy.csv")), qPrintable(error));
        QVERIFY(!memory.exportImage(dir.filePath(QStringLiteral("missing/memory.png"))).isEmpty());
        QVERIFY(!QFile::exists(missing));
    }

    void mainWindowPagesFollowEstimate()
    {
        ui::MainWindow window;
        window.resize(1300, 850);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QCOMPARE(window.pages()->tabText(window.pages()->indexOf(window.energyPage())), QStringLiteral("Energy"));
        QCOMPARE(window.pages()->tabText(window.pages()->indexOf(window.memoryPage())), QStringLiteral("Memory"));
        window.setPreferredPrecision(Precision::FP16);
        window.selectHardware(QStringLiteral("nvidia-l4"));
        window.openModel(squeezenetPath());
        QTRY_VERIFY_WITH_TIMEOUT(window.estimate() != nullptr, 30000);
        QCOMPARE(window.estimate()->estimate.options.precision, Precision::FP16);
        QVERIFY(near(sum(window.energyPage()->totalChart()->values()), window.estimate()->estimate.energy.total.value));
        QCOMPARE(
            window.memoryPage()->data()->peakActivationBytes, window.estimate()->estimate.memory.peakActivationBytes);

        // Another precision re-estimates; both pages follow.
        const auto before = window.estimate();
        window.setPreferredPrecision(Precision::FP32);
        QTRY_VERIFY_WITH_TIMEOUT(window.estimate() != before && window.estimate() != nullptr, 30000);
        QCOMPARE(window.estimate()->estimate.options.precision, Precision::FP32);
        QVERIFY(near(sum(window.energyPage()->totalChart()->values()), window.estimate()->estimate.energy.total.value));
        QCOMPARE(window.memoryPage()->data()->precision, Precision::FP32);
        QCOMPARE(
            window.memoryPage()->data()->peakActivationBytes, window.estimate()->estimate.memory.peakActivationBytes);

        // A click on the Energy page selects on every page.
        window.pages()->setCurrentWidget(window.energyPage());
        auto* chart = window.energyPage()->subgraphChart();
        QTRY_VERIFY(chart->isVisible());
        QTRY_VERIFY(clickBar(chart, *window.subgraphSelection(), chart->shownSubgraphs().at(1)));
    }
};

QTEST_MAIN(TestEnergyMemoryPages)
#include "tst_energy_memory_pages.moc"
