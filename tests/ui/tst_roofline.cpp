// The roofline: the data taken from an estimate (roofs of the chosen precision and of every memory level, a point
// per subgraph with FLOPs) and the chart drawn from it (dots, selection, hit-testing, clicks, PNG export).

#include "charts/roofline_data.h"
#include "charts/roofline_plot.h"
#include "hardware/hardware_spec.h"
#include "tiny_estimate.h"

#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace graphs;
using graphs::ui::EstimatedModel;
using graphs::ui::RooflineData;
using graphs::ui::RooflinePlot;

namespace {

QStringList ceilingLabels(const std::vector<graphs::ui::RooflineCeiling>& ceilings)
{
    QStringList out;
    for (const auto& c : ceilings)
        out << c.label;
    return out;
}

} // namespace

class TestRoofline : public QObject
{
    Q_OBJECT

private:
    std::shared_ptr<const GraphAnalysis> m_analysis;
    std::shared_ptr<const EstimatedModel> m_estimate;

private Q_SLOTS:
    void initTestCase()
    {
        m_analysis = graphs::testing::analyseTinyPipeline();
        QVERIFY(m_analysis);
        m_estimate = graphs::testing::estimate(m_analysis, "nvidia-l4", Precision::FP16);
        QVERIFY(m_estimate);
    }

    void ceilings_data()
    {
        QTest::addColumn<QString>("hardware");
        QTest::addColumn<QString>("precision");
        QTest::addColumn<QStringList>("compute");
        // Both datapaths at fp16 (tensor cores and CUDA cores), highest first.
        QTest::newRow("gpu fp16") << "nvidia-l4"
                                  << "fp16"
                                  << QStringList { QStringLiteral("fp16 matrix"), QStringLiteral("fp16 vector") };
        // No int8 vector path: elementwise work runs on the fp32 one, shown as its own roof.
        QTest::newRow("gpu int8") << "nvidia-l4"
                                  << "int8"
                                  << QStringList { QStringLiteral("int8 matrix"),
                                         QStringLiteral("vector (elementwise work)") };
        QTest::newRow("gpu fp32 vector only") << "nvidia-l4"
                                              << "fp32" << QStringList { QStringLiteral("fp32 vector") };
    }

    void ceilings()
    {
        QFETCH(QString, hardware);
        QFETCH(QString, precision);
        QFETCH(QStringList, compute);
        const auto p = parsePrecision(precision.toStdString());
        QVERIFY(p);
        const auto estimated = graphs::testing::estimate(m_analysis, hardware.toStdString(), *p);
        QVERIFY(estimated);
        const RooflineData data = ui::makeRooflineData(*estimated);
        QCOMPARE(ceilingLabels(data.compute), compute);
        const HardwareSpec& spec = estimated->hardware();
        QCOMPARE(data.compute.front().value, spec.peakOpsPerSecond(*p));
        for (size_t i = 1; i < data.compute.size(); ++i)
            QVERIFY(data.compute[i].value < data.compute[i - 1].value);
        // One diagonal per memory level, closest first, at its bandwidth.
        QCOMPARE(data.memory.size(), spec.memory.size());
        for (size_t i = 0; i < spec.memory.size(); ++i) {
            QCOMPARE(data.memory[i].label, QString::fromStdString(spec.memory[i].name));
            QCOMPARE(data.memory[i].value, spec.memory[i].bandwidthBytesPerSecond);
        }
    }

    void pointsFollowEstimate()
    {
        const RooflineData data = ui::makeRooflineData(*m_estimate);
        QCOMPARE(data.hardware, QStringLiteral("NVIDIA L4 24GB (nvidia-l4)"));
        QCOMPARE(data.precision, Precision::FP16);
        // Conv+Relu and MaxPool; the Concat has no FLOPs, hence no place on a log FLOP/s axis.
        QCOMPARE(int(data.points.size()), 2);
        QCOMPARE(data.withoutFlops, 1);
        QCOMPARE(data.zeroCost, 0);
        for (const auto& point : data.points) {
            const Subgraph& s = m_estimate->partition.subgraphs[point.subgraph];
            const SubgraphEstimate& e = m_estimate->estimate.subgraphs[point.subgraph];
            QCOMPARE(point.label, QString::fromStdString(s.label));
            QCOMPARE(point.intensity, *s.arithmeticIntensity());
            QCOMPARE(point.flopsPerSecond, double(s.flops.total()) / (e.latency.value * 1e-3));
            QCOMPARE(point.share, e.latency.value / m_estimate->estimate.summary.latency.value);
            QCOMPARE(point.bottleneck, e.bottleneck);
            // Nothing attains more than the highest roof.
            QVERIFY(point.flopsPerSecond <= data.compute.front().value);
        }
        QVERIFY(data.point(0));
        QVERIFY(!data.point(2));
    }

    void plotDrawsDotsAndSelection()
    {
        RooflinePlot plot;
        plot.resize(900, 600);
        plot.show();
        QCOMPARE(plot.dotCount(), 0);
        plot.setRoofline(ui::makeRooflineData(*m_estimate));
        plot.replot(QCustomPlot::rpImmediateRefresh);
        QCOMPARE(plot.dotCount(), 2);
        QCOMPARE(plot.selectedSubgraph(), -1);

        plot.setSelectedSubgraph(1);
        QCOMPARE(plot.selectedSubgraph(), 1);
        // A subgraph without a dot cannot be ringed.
        plot.setSelectedSubgraph(2);
        QCOMPARE(plot.selectedSubgraph(), -1);

        QSignalSpy clicked(&plot, &RooflinePlot::subgraphClicked);
        for (int subgraph : { 0, 1 }) {
            const auto position = plot.dotPosition(subgraph);
            QVERIFY(position);
            QVERIFY(plot.rect().contains(position->toPoint()));
            QCOMPARE(plot.subgraphAt(*position), subgraph);
            QTest::mouseClick(&plot, Qt::LeftButton, {}, position->toPoint());
            QCOMPARE(clicked.count(), 1);
            QCOMPARE(clicked.takeFirst().first().toInt(), subgraph);
        }
        QTest::mouseClick(&plot, Qt::LeftButton, {}, QPoint(2, 2));
        QCOMPARE(clicked.takeFirst().first().toInt(), -1);

        plot.setSelectedSubgraph(0);
        plot.setRoofline({});
        QCOMPARE(plot.dotCount(), 0);
        QCOMPARE(plot.selectedSubgraph(), -1);
    }

    void plotExportsPng()
    {
        RooflinePlot plot;
        plot.setRoofline(ui::makeRooflineData(*m_estimate));
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("roofline.png"));
        QVERIFY(plot.savePng(path, 800, 500));
        QImage image(path);
        QCOMPARE(image.size(), QSize(800, 500));
    }
};

QTEST_MAIN(TestRoofline)
#include "tst_roofline.moc"
