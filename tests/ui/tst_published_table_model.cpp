// The published-results table and chart on a small PublishedValidation made here: the model under
// QAbstractItemModelTester (through a sorting proxy too), its cells (the throughput-optimal batch marked, the
// power-limited marker, energy where measured, skipped rows greyed with their reason), sorting by raw value with
// missing figures last, the error bar's length; the chart's dots per scenario panel, hit-testing, the ring that
// follows the chosen row and the click that reports one; and the summary text.

#include "charts/published_scatter_plot.h"
#include "delegates/share_bar_delegate.h"
#include "models/published_table_model.h"
#include "pages/published_validation_view.h"
#include "translations.h"

#include <QAbstractItemModelTester>
#include <QBrush>
#include <QSignalSpy>
#include <QSortFilterProxyModel>
#include <QTest>

using namespace graphs;
using namespace graphs::ui;

Q_DECLARE_METATYPE(Qt::SortOrder)

namespace {

PublishedEstimate estimated(const std::string& benchmark, const std::string& scenario, double measured, double estimate,
    int64_t batch, const std::string& rule)
{
    PublishedEstimate e;
    e.row.round = "v3.1";
    e.row.submitter = "NVIDIA";
    e.row.system = "L4x1_TRT";
    e.row.accelerator = "NVIDIA L4";
    e.row.benchmark = benchmark;
    e.row.scenario = scenario;
    e.row.unit = scenario == "Offline" ? "samples/s" : "ms";
    e.row.value = measured;
    e.row.hardware = { { "nvidia-l4", 1 } };
    e.estimated = true;
    e.runtime = "tensorrt";
    e.batch = batch;
    e.batchRule = rule;
    e.measured = measured;
    e.estimate = estimate;
    e.errorPct = (estimate / measured - 1) * 100;
    e.boundPct = 35;
    return e;
}

/// 0: Offline resnet50, +10 %, throughput-optimal batch, power-limited, energy compared; 1: SingleStream bert-99,
/// −20 %; 2: skipped (no model); 3: Offline bert-99 on two parts, −50 %, published batch.
std::shared_ptr<const PublishedValidation> smallValidation()
{
    auto v = std::make_shared<PublishedValidation>();
    PublishedEstimate a = estimated("resnet50", "Offline", 10000, 11000, 32, "throughput-optimal");
    a.powerLimited = true;
    a.measuredEnergyJoules = 0.002;
    a.estimatedEnergyJoules = 0.0025;
    a.energyErrorPct = 25;
    v->estimates.push_back(a);
    v->estimates.push_back(estimated("bert-99", "SingleStream", 2.5, 2.0, 1, "single stream"));
    PublishedEstimate skipped;
    skipped.row.round = "v3.0";
    skipped.row.submitter = "X";
    skipped.row.system = "Y";
    skipped.row.benchmark = "gpt-j";
    skipped.row.scenario = "Offline";
    skipped.row.unit = "samples/s";
    skipped.row.batch = 8;
    skipped.row.hardware = { { "nvidia-l4", 1 } };
    skipped.measured = 100;
    skipped.skipped = "no model for benchmark 'gpt-j'";
    v->estimates.push_back(skipped);
    PublishedEstimate b = estimated("bert-99", "Offline", 1000, 500, 64, "published");
    b.row.hardware = { { "nvidia-jetson-agx-orin-64gb-gpu", 1 }, { "nvidia-jetson-agx-orin-64gb-dla", 2 } };
    v->estimates.push_back(b);
    v->summary.rows = 3;
    v->summary.skipped = 1;
    v->summary.mapePct = 26.67;
    v->summary.medianAbsPct = 20;
    v->summary.within25Share = 2.0 / 3;
    v->summary.within15Share = 1.0 / 3;
    v->summary.biasByScenario = { { "Offline", -20 }, { "SingleStream", -20 } };
    v->summary.mapeByBenchmark = { { "bert-99", 35 }, { "resnet50", 10 } };
    v->summary.energyRows = 1;
    v->summary.energyMapePct = 25;
    v->summary.energyWithin25Share = 1;
    return v;
}

QString cell(const QAbstractItemModel& model, int row, int column)
{
    return model.index(row, column).data().toString();
}

} // namespace

class TestPublishedTableModel : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        // The English catalogue spells out the plurals ("1 row", "3 rows").
        QVERIFY(!installTranslators(*QCoreApplication::instance(), QLocale(QLocale::English)).appCatalogue.isEmpty());
    }

    void passesTester()
    {
        PublishedTableModel model;
        QSortFilterProxyModel proxy;
        proxy.setSourceModel(&model);
        proxy.setSortRole(PublishedTableModel::SortRole);
        const auto mode = QAbstractItemModelTester::FailureReportingMode::QtTest;
        QAbstractItemModelTester t1(&model, mode);
        QAbstractItemModelTester t2(&proxy, mode);
        proxy.sort(PublishedTableModel::Error, Qt::DescendingOrder);
        QCOMPARE(model.columnCount(), int(PublishedTableModel::NumColumns));
        for (int i = 0; i < 2; ++i) {
            model.setValidation(smallValidation());
            QCOMPARE(model.rowCount(), 4);
            QCOMPARE(proxy.rowCount(), 4);
            for (int c = 0; c < model.columnCount(); ++c)
                QVERIFY(!model.headerData(c, Qt::Horizontal).toString().isEmpty());
            model.setValidation(nullptr);
            QCOMPARE(model.rowCount(), 0);
        }
    }

    void cells()
    {
        PublishedTableModel model;
        model.setValidation(smallValidation());
        QCOMPARE(cell(model, 0, PublishedTableModel::System), u"NVIDIA L4x1_TRT"_qs);
        QCOMPARE(cell(model, 0, PublishedTableModel::Hardware), u"nvidia-l4"_qs);
        QCOMPARE(cell(model, 3, PublishedTableModel::Hardware),
            u"nvidia-jetson-agx-orin-64gb-gpu+2*nvidia-jetson-agx-orin-64gb-dla"_qs);
        QCOMPARE(cell(model, 0, PublishedTableModel::Batch), u"32 (optimal)"_qs); // throughput-optimal, marked
        QCOMPARE(cell(model, 3, PublishedTableModel::Batch), u"64"_qs);
        QCOMPARE(cell(model, 0, PublishedTableModel::Published), u"10000 samples/s"_qs);
        QCOMPARE(cell(model, 0, PublishedTableModel::Estimate), u"11000 samples/s"_qs);
        QCOMPARE(cell(model, 1, PublishedTableModel::Published), u"2.500 ms"_qs);
        QCOMPARE(cell(model, 1, PublishedTableModel::Error), u"-20.0 %"_qs);
        QCOMPARE(cell(model, 0, PublishedTableModel::Error), u"+10.0 %"_qs);
        QCOMPARE(cell(model, 0, PublishedTableModel::PowerLimited), u"limited"_qs);
        QVERIFY(cell(model, 1, PublishedTableModel::PowerLimited).isEmpty());
        QCOMPARE(cell(model, 0, PublishedTableModel::EnergyMeasured), u"2.00"_qs);
        QCOMPARE(cell(model, 0, PublishedTableModel::EnergyEstimated), u"2.50"_qs);
        QCOMPARE(cell(model, 0, PublishedTableModel::EnergyError), u"+25.0 %"_qs);
        QVERIFY(cell(model, 1, PublishedTableModel::EnergyMeasured).isEmpty());
        // The error bar: |error| / 100, capped at 1.
        QCOMPARE(model.index(0, PublishedTableModel::Error).data(PublishedTableModel::ErrorShareRole).toDouble(), 0.1);
        QCOMPARE(model.index(3, PublishedTableModel::Error).data(PublishedTableModel::ErrorShareRole).toDouble(), 0.5);
        // Beyond ±25 % in red, within ±15 % in green.
        const auto colour = [&](int row) {
            return model.index(row, PublishedTableModel::Error).data(Qt::ForegroundRole).value<QBrush>().color();
        };
        QVERIFY(colour(3).red() > 150 && colour(3).green() < 80);
        QVERIFY(colour(0).green() > colour(0).red());
    }

    void skippedRows()
    {
        PublishedTableModel model;
        model.setValidation(smallValidation());
        QVERIFY(model.index(2, 0).data(PublishedTableModel::SkippedRole).toBool());
        QVERIFY(!model.index(0, 0).data(PublishedTableModel::SkippedRole).toBool());
        QCOMPARE(cell(model, 2, PublishedTableModel::Note), u"Skipped: no model for benchmark 'gpt-j'"_qs);
        QCOMPARE(cell(model, 2, PublishedTableModel::Benchmark), u"gpt-j"_qs);
        QCOMPARE(cell(model, 2, PublishedTableModel::Batch), u"8"_qs); // as published
        QCOMPARE(cell(model, 2, PublishedTableModel::Published), u"100 samples/s"_qs);
        QCOMPARE(cell(model, 2, PublishedTableModel::Estimate), u"–"_qs);
        QCOMPARE(cell(model, 2, PublishedTableModel::Error), u"–"_qs);
        QVERIFY(!model.index(2, PublishedTableModel::Error).data(PublishedTableModel::SortRole).isValid());
        for (int c = 0; c < PublishedTableModel::NumColumns; ++c) // greyed across the row
            QCOMPARE(model.index(2, c).data(Qt::ForegroundRole).value<QBrush>().color(), QColor(128, 128, 128));
    }

    void sorts_data()
    {
        QTest::addColumn<int>("column");
        QTest::addColumn<Qt::SortOrder>("order");
        QTest::addColumn<QList<int>>("indexes"); ///< PublishedValidation::estimates, top to bottom

        // A figure a row lacks sorts after every number, either way round.
        QTest::newRow("error ascending") << int(PublishedTableModel::Error) << Qt::AscendingOrder
                                         << QList<int> { 3, 1, 0, 2 };
        QTest::newRow("error descending")
            << int(PublishedTableModel::Error) << Qt::DescendingOrder << QList<int> { 2, 0, 1, 3 };
        QTest::newRow("published by value")
            << int(PublishedTableModel::Published) << Qt::AscendingOrder << QList<int> { 1, 2, 3, 0 };
        QTest::newRow("batch") << int(PublishedTableModel::Batch) << Qt::AscendingOrder << QList<int> { 1, 2, 0, 3 };
        QTest::newRow("benchmark") << int(PublishedTableModel::Benchmark) << Qt::AscendingOrder
                                   << QList<int> { 1, 3, 2, 0 };
    }

    void sorts()
    {
        QFETCH(int, column);
        QFETCH(Qt::SortOrder, order);
        QFETCH(QList<int>, indexes);
        PublishedTableModel model;
        QSortFilterProxyModel proxy;
        proxy.setSourceModel(&model);
        proxy.setSortRole(PublishedTableModel::SortRole);
        model.setValidation(smallValidation());
        proxy.sort(column, order);
        QList<int> shown;
        for (int r = 0; r < proxy.rowCount(); ++r)
            shown << proxy.index(r, 0).data(PublishedTableModel::IndexRole).toInt();
        QCOMPARE(shown, indexes);
    }

    void chartDrawsEstimatedRows()
    {
        PublishedScatterPlot plot;
        plot.resize(1000, 500);
        QCOMPARE(plot.pointCount(), 0);
        plot.setValidation(smallValidation());
        QCOMPARE(plot.pointCount(), 3); // the skipped row has no dot
        QCOMPARE(plot.pointCount(PublishedScatterPlot::OfflinePanel), 2);
        QCOMPARE(plot.pointCount(PublishedScatterPlot::SingleStreamPanel), 1);
        QVERIFY(!plot.pointPosition(2));
        plot.replot();
        for (int index : { 0, 1, 3 }) {
            const auto position = plot.pointPosition(index);
            QVERIFY(position);
            QCOMPARE(plot.indexAt(*position), index);
            QVERIFY(plot.toolTipText(index).contains(u"v3.1 NVIDIA L4x1_TRT"_qs));
        }
        QVERIFY(plot.toolTipText(0).contains(u"+10.0 %"_qs));
        QCOMPARE(plot.indexAt(QPointF(2, 2)), -1);

        // The dot of the row chosen elsewhere is ringed; a click reports its row.
        plot.setSelectedIndex(3);
        QCOMPARE(plot.selectedIndex(), 3);
        QSignalSpy clicked(&plot, &PublishedScatterPlot::pointClicked);
        QTest::mouseClick(&plot, Qt::LeftButton, {}, plot.pointPosition(1)->toPoint());
        QCOMPARE(clicked.count(), 1);
        QCOMPARE(clicked.front().front().toInt(), 1);

        plot.setValidation(nullptr);
        QCOMPARE(plot.pointCount(), 0);
        QCOMPARE(plot.selectedIndex(), -1);
    }

    void summaryText()
    {
        const QString text = PublishedValidationView::summaryText(smallValidation()->summary);
        for (const QString& part : { u"3 rows estimated, 1 skipped"_qs, u"MAPE 26.7 %"_qs, u"median 20.0 %"_qs,
                 u"Within ±25 %: 67 % of rows"_qs, u"Within ±15 %: 33 % of rows"_qs, u"SingleStream: -20.0 %"_qs,
                 u"bert-99: 35.0 %"_qs, u"Energy per sample: 1 row compared, MAPE 25.0 %"_qs })
            QVERIFY2(text.contains(part), qPrintable(text));
    }
};

QTEST_MAIN(TestPublishedTableModel)
#include "tst_published_table_model.moc"
