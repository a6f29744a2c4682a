// The Compare page, offscreen, against the bundled squeezenet and a tiny generated model on registry entries: the
// table has a row per model × hardware × batch with the figures and Pareto marks the engine gives for the same
// inputs; the bars and the scatter draw one mark per row and a step line per front; a model that cannot be
// imported is named while the others' rows stay; Cancel and a superseding Run drop the old run; CSV and PNG
// exports; the hardware list's search and checks; the main window's Compare tab; calibrated rows.

#include "benchmarks/results_registry.h"
#include "calibration/calibration_profile.h"
#include "charts/compare_bar_chart.h"
#include "charts/pareto_plot.h"
#include "cli_process.h"
#include "core/data_paths.h"
#include "estimation/analysis_pipeline.h"
#include "hardware/hardware_registry.h"
#include "jobs/model_loader.h"
#include "jobs/registry_loader.h"
#include "linear_measurements.h"
#include "main_window.h"
#include "models/compare_table_model.h"
#include "models/hardware_check_model.h"
#include "models/hardware_list_model.h"
#include "onnx_model_builder.h"
#include "pages/compare_page.h"
#include "pages/memory_page.h"
#include "reporting/analysis_report.h"
#include "small_models.h"
#include "test_files.h"
#include "transform/fusion_rules.h"

#include <QAbstractItemModelTester>
#include <QAction>
#include <QComboBox>
#include <QImage>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QListWidget>
#include <QProgressBar>
#include <QPushButton>
#include <QScopeGuard>
#include <QSettings>
#include <QSignalSpy>
#include <QSortFilterProxyModel>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>

using namespace graphs;
using namespace graphs::ui;
using graphs::testing::Attr;
using graphs::testing::OnnxModelBuilder;

namespace {

constexpr int RunTimeoutMs = 60000;
const QStringList ThreeEntries { QStringLiteral("nvidia-h100-sxm5"), QStringLiteral("nvidia-l4"),
    QStringLiteral("intel-xeon-platinum-8480-plus") };

QString squeezenetPath()
{
    return QStringLiteral(GRAPHS_SOURCE_DIR "/resources/models/squeezenet1_1.onnx");
}

/// The rows `graphs compare` makes of these inputs, computed here step by step.
std::vector<ComparisonRow> engineRows(const QStringList& models,
    const std::vector<std::shared_ptr<const HardwareSpec>>& hardware, const std::vector<int64_t>& batches,
    const FusionRules& fusion)
{
    std::vector<ComparisonRow> rows;
    for (const QString& model : models) {
        for (int64_t batch : batches) {
            AnalysisRequest request;
            request.modelPath = model.toStdString();
            request.import.batch = batch;
            auto outcome = runAnalysis(request);
            if (!outcome)
                continue;
            for (const auto& spec : hardware) {
                auto estimated = estimateOn(*outcome->analysis, spec, Precision::FP32, fusion, batch);
                if (!estimated)
                    continue;
                ComparisonRow row;
                row.model = modelDisplayName(*outcome->analysis->graph);
                row.hardwareId = spec->id;
                row.hardwareName = spec->name;
                row.batch = batch;
                row.summary = estimated->second.summary;
                row.energy = estimated->second.energy;
                rows.push_back(std::move(row));
            }
        }
    }
    markParetoFront(rows);
    return rows;
}

} // namespace

class TestComparePage : public QObject
{
    Q_OBJECT

    QTemporaryDir m_home; ///< XDG_DATA_HOME: no calibration profiles unless a test writes one
    QTemporaryDir m_dir;
    std::shared_ptr<const HardwareCatalog> m_catalog;
    QString m_tiny;
    QString m_broken;

    /// A page with the catalog, `models`, `hardware` checked, batches typed, fp32 only.
    void setUp(ComparePage& page, const QStringList& models, const QStringList& hardware, const QString& batches)
    {
        page.setCatalog(m_catalog);
        page.addModels(models);
        for (const QString& id : hardware)
            page.setHardwareChecked(id, true);
        page.batchEdit()->clear();
        QTest::keyClicks(page.batchEdit(), batches);
        for (Precision p : kAllPrecisions)
            page.setPrecisionChecked(p, p == Precision::FP32);
    }

    bool runAndWait(ComparePage& page)
    {
        QSignalSpy finished(&page, &ComparePage::finished);
        QTest::mouseClick(page.runButton(), Qt::LeftButton);
        if (!page.isRunning())
            return false;
        return finished.wait(RunTimeoutMs) || finished.count() == 1;
    }

    std::vector<std::shared_ptr<const HardwareSpec>> entries(const QStringList& ids) const
    {
        std::vector<std::shared_ptr<const HardwareSpec>> specs;
        for (const QString& id : ids)
            specs.push_back(m_catalog->hardware(id));
        return specs;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName(QStringLiteral("graphs-tests"));
        QCoreApplication::setApplicationName(QStringLiteral("tst_compare_page"));
        QVERIFY(m_home.isValid() && m_dir.isValid());
        qputenv("XDG_DATA_HOME", m_home.path().toUtf8());
        QVERIFY(QFile::exists(squeezenetPath()));
        m_tiny = graphs::testing::writeTestFile(m_dir, QStringLiteral("tiny_convnet.onnx"),
            QByteArray::fromStdString(graphs::testing::smallConvNet().serialize()));
        m_broken = graphs::testing::writeTestFile(m_dir, QStringLiteral("broken.onnx"), QByteArray("not a model"));
        QVERIFY(!m_tiny.isEmpty() && !m_broken.isEmpty());

        RegistryLoader loader;
        QSignalSpy loaded(&loader, &RegistryLoader::loaded);
        loader.load({ QStringLiteral(GRAPHS_SOURCE_DIR "/registries") });
        QVERIFY(loaded.wait(RunTimeoutMs) || loaded.count() == 1);
        m_catalog = loader.catalog();
        QVERIFY(m_catalog && m_catalog->runtime(QStringLiteral("onnxruntime")));
        for (const QString& id : ThreeEntries)
            QVERIFY2(m_catalog->hardware(id), qPrintable(id));
    }

    void init() { QSettings().clear(); }

    void rowsMatchTheEngine_data()
    {
        QTest::addColumn<QStringList>("models");
        QTest::addColumn<QStringList>("hardware");
        QTest::addColumn<QString>("batches");
        QTest::addColumn<QList<qint64>>("expectedBatches");
        QTest::newRow("squeezenet, 3 entries, 2 batches")
            << QStringList { squeezenetPath() } << ThreeEntries << QStringLiteral("1, 8") << QList<qint64> { 1, 8 };
        QTest::newRow("two models, 2 entries, repeats and spaces")
            << QStringList { squeezenetPath(), QStringLiteral("<tiny>") } << ThreeEntries.mid(0, 2)
            << QStringLiteral("4 1,4") << QList<qint64> { 1, 4 };
    }

    void rowsMatchTheEngine()
    {
        QFETCH(QStringList, models);
        QFETCH(QStringList, hardware);
        QFETCH(QString, batches);
        QFETCH(QList<qint64>, expectedBatches);
        models.replaceInStrings(QStringLiteral("<tiny>"), m_tiny);

        ComparePage page;
        page.resize(1400, 900);
        page.show();
        setUp(page, models, hardware, batches);
        const std::vector<int64_t> sizes(expectedBatches.begin(), expectedBatches.end());
        QCOMPARE(page.batches(), sizes);
        QVERIFY(runAndWait(page));
        QVERIFY(!page.isRunning());
        QVERIFY(page.errorLabel()->isHidden());

        const auto expected = engineRows(models, entries(hardware), sizes, *m_catalog->runtime(u"onnxruntime"_qs));
        const int count = int(models.size() * hardware.size()) * int(sizes.size());
        QCOMPARE(int(expected.size()), count);
        CompareTableModel* table = page.tableModel();
        QCOMPARE(table->rowCount(), count);
        QCOMPARE(page.tableProxy()->rowCount(), count);
        for (int i = 0; i < count; ++i) {
            const ComparisonRow& e = expected[size_t(i)];
            const ComparisonRow& a = table->rows()[size_t(i)];
            QCOMPARE(a.model, e.model);
            QCOMPARE(a.hardwareId, e.hardwareId);
            QCOMPARE(a.batch, e.batch);
            QCOMPARE(a.summary.latency.value, e.summary.latency.value);
            QCOMPARE(a.summary.energy.value, e.summary.energy.value);
            // The split, side by side in the table, adds up to the total.
            QCOMPARE(
                table->index(i, CompareTableModel::ComputeEnergyColumn).data(CompareTableModel::SortRole).toDouble(),
                e.energy.compute.value);
            QCOMPARE(
                table->index(i, CompareTableModel::StaticEnergyColumn).data(CompareTableModel::SortRole).toDouble(),
                e.energy.staticPart.value);
            QVERIFY(e.energy.compute.value > 0 && e.energy.memory.value > 0 && e.energy.staticPart.value > 0);
            QVERIFY(qAbs(a.energy.compute.value + a.energy.memory.value + a.energy.staticPart.value
                        - a.summary.energy.value)
                <= 1e-9 * a.summary.energy.value);
            QCOMPARE(a.summary.peakMemory.value, e.summary.peakMemory.value);
            QCOMPARE(a.pareto, e.pareto);
            QCOMPARE(table->index(i, CompareTableModel::ParetoColumn).data(CompareTableModel::ParetoRole).toBool(),
                e.pareto);
            QCOMPARE(table->index(i, CompareTableModel::LatencyColumn).data(CompareTableModel::SortRole).toDouble(),
                e.summary.latency.value);
            QCOMPARE(table->index(i, CompareTableModel::ConfidenceColumn).data().toString(), u"THEORETICAL"_qs);
        }

        // The scatter: a point per row, a front per model × batch through exactly its Pareto rows.
        ParetoPlot* scatter = page.paretoPlot();
        QCOMPARE(scatter->pointCount(), count);
        const CompareChartData& data = scatter->chartData();
        QCOMPARE(int(data.groups.size()), int(models.size() * sizes.size()));
        QCOMPARE(int(data.series.size()), int(hardware.size()));
        for (int g = 0; g < int(data.groups.size()); ++g) {
            int paretoRows = 0;
            for (const ComparePoint& p : data.points)
                paretoRows += p.group == g && p.pareto;
            QVERIFY(paretoRows >= 1);
            QCOMPARE(scatter->front(g)->dataCount(), paretoRows);
            QCOMPARE(scatter->front(g)->lineStyle(), QCPGraph::lsStepLeft);
        }
        // Hovering a point names it.
        scatter->replot();
        for (int row = 0; row < count; ++row) {
            const auto position = scatter->pointPosition(row);
            QVERIFY(position);
            QCOMPARE(scatter->rowAt(*position), row);
            const QString tip = scatter->toolTipText(row);
            QVERIFY2(tip.contains(QString::fromStdString(expected[size_t(row)].hardwareName)), qPrintable(tip));
            QVERIFY(tip.contains(QString::fromStdString(expected[size_t(row)].model)));
            QVERIFY(tip.contains(u"batch %1"_qs.arg(expected[size_t(row)].batch)));
        }

        // The bars: one per row, latency first, energy after the toggle.
        CompareBarChart* bars = page.barChart();
        int barCount = 0;
        double latencySum = 0;
        double expectedLatencySum = 0;
        double energySum = 0;
        double expectedEnergySum = 0;
        for (const ComparisonRow& e : expected)
            expectedLatencySum += e.summary.latency.value, expectedEnergySum += e.summary.energy.value;
        for (int s = 0; bars->bars(s); ++s) {
            barCount += bars->bars(s)->dataCount();
            for (auto it = bars->bars(s)->data()->constBegin(); it != bars->bars(s)->data()->constEnd(); ++it)
                latencySum += it->value;
        }
        QCOMPARE(barCount, count);
        QVERIFY(qFuzzyCompare(latencySum, expectedLatencySum));
        page.barMetricCombo()->setCurrentIndex(1);
        QCOMPARE(bars->metric(), CompareBarChart::Metric::Energy);
        for (int s = 0; bars->bars(s); ++s) {
            for (auto it = bars->bars(s)->data()->constBegin(); it != bars->bars(s)->data()->constEnd(); ++it)
                energySum += it->value;
        }
        QVERIFY(qFuzzyCompare(energySum, expectedEnergySum));

        // The split: each bar a stack of compute, memory and static, on a linear axis, adding up to the energy.
        page.barMetricCombo()->setCurrentIndex(2);
        QCOMPARE(bars->metric(), CompareBarChart::Metric::EnergySplit);
        QVERIFY(!bars->isLogarithmic());
        double stackedSum = 0;
        double computeSum = 0;
        double expectedComputeSum = 0;
        for (const ComparisonRow& e : expected)
            expectedComputeSum += e.energy.compute.value;
        for (int s = 0; bars->bars(s); ++s) {
            int parts = 0;
            for (QCPBars* part = bars->bars(s); part; part = part->barAbove(), ++parts) {
                QCOMPARE(part->dataCount(), bars->bars(s)->dataCount());
                for (auto it = part->data()->constBegin(); it != part->data()->constEnd(); ++it) {
                    stackedSum += it->value;
                    if (parts == 0)
                        computeSum += it->value;
                }
            }
            QCOMPARE(parts, 3);
        }
        QVERIFY(qFuzzyCompare(stackedSum, expectedEnergySum));
        QVERIFY(qFuzzyCompare(computeSum, expectedComputeSum));
    }

    void badModelIsNamedAndTheRestStays()
    {
        ComparePage page;
        setUp(page, { m_broken, squeezenetPath() }, ThreeEntries.mid(0, 2), QStringLiteral("1, 2"));
        QVERIFY(runAndWait(page));
        QVERIFY(!page.errorLabel()->isHidden());
        const QString errors = page.errorLabel()->text();
        QVERIFY2(errors.contains(u"broken.onnx"_qs), qPrintable(errors));
        QVERIFY2(errors.contains(u"batches 1, 2"_qs), qPrintable(errors)); // one line for both batches
        QCOMPARE(errors.count(QLatin1Char('\n')), 0);
        QCOMPARE(page.tableModel()->rowCount(), 1 * 2 * 2);
        QCOMPARE(page.paretoPlot()->pointCount(), 4);
        for (const ComparisonRow& row : page.tableModel()->rows())
            QCOMPARE(row.model, std::string("squeezenet1_1"));
    }

    void cancelAndSupersede()
    {
        ComparePage page;
        // Every entry at three batches: long enough to be caught in flight.
        QStringList all;
        for (const auto& spec : m_catalog->registry->entries())
            all << QString::fromStdString(spec->id);
        setUp(page, { squeezenetPath(), m_tiny }, all, QStringLiteral("1, 2, 4"));
        QSignalSpy finished(&page, &ComparePage::finished);
        QVERIFY(page.run());
        QVERIFY(page.isRunning());
        QVERIFY(page.cancelButton()->isEnabled());
        QVERIFY(!page.progressBar()->isHidden());
        QTest::mouseClick(page.cancelButton(), Qt::LeftButton);
        QVERIFY(finished.wait(RunTimeoutMs) || finished.count() == 1);
        QVERIFY(!page.isRunning());
        QVERIFY(!page.result());
        QCOMPARE(page.tableModel()->rowCount(), 0);
        QVERIFY2(page.statusLabel()->text().contains(u"Cancelled"_qs), qPrintable(page.statusLabel()->text()));
        QVERIFY(!page.cancelButton()->isEnabled());

        // A second Run while the first is in flight: only the second reports.
        finished.clear();
        QVERIFY(page.run());
        for (const QString& id : all)
            page.setHardwareChecked(id, ThreeEntries.mid(0, 2).contains(id));
        QVERIFY(page.run());
        QVERIFY(finished.wait(RunTimeoutMs) || finished.count() == 1);
        QTest::qWait(200);
        QCOMPARE(finished.count(), 1);
        QCOMPARE(page.tableModel()->rowCount(), 2 * 2 * 3);
    }

    void exports()
    {
        ComparePage page;
        QTemporaryDir out;
        QVERIFY(!page.exportCsv(out.filePath(u"none.csv"_qs)).isEmpty()); // nothing to export yet
        QVERIFY(!page.exportImage(ComparePage::Chart::Bars, out.filePath(u"none.png"_qs)).isEmpty());
        setUp(page, { squeezenetPath(), m_tiny }, ThreeEntries, QStringLiteral("1, 8"));
        QVERIFY(runAndWait(page));
        const int rows = 2 * 3 * 2;
        QCOMPARE(page.tableModel()->rowCount(), rows);

        const QString csv = out.filePath(u"comparison.csv"_qs);
        QCOMPARE(page.exportCsv(csv), QString());
        const QStringList lines = graphs::testing::readTestFileLines(csv);
        QCOMPARE(lines.size(), 1 + rows);
        QVERIFY(lines.front().startsWith(u"model,hardware,batch,precision,latency_ms,"_qs));
        QVERIFY(lines.front().endsWith(u",confidence,pareto"_qs));
        int paretoRows = 0;
        for (const ComparisonRow& r : page.tableModel()->rows())
            paretoRows += r.pareto;
        QCOMPARE(int(lines.filter(QRegularExpression(u",yes$"_qs)).size()), paretoRows);

        for (auto chart : { ComparePage::Chart::Bars, ComparePage::Chart::Pareto }) {
            const QString png = out.filePath(chart == ComparePage::Chart::Bars ? u"bars.png"_qs : u"pareto.png"_qs);
            QCOMPARE(page.exportImage(chart, png, QSize(900, 600)), QString());
            const QImage image(png);
            QVERIFY(!image.isNull());
            QCOMPARE(image.size(), QSize(900, 600));
        }
        // Not shown: the default export size.
        const QString fallback = out.filePath(u"default.png"_qs);
        QCOMPARE(page.exportImage(ComparePage::Chart::Pareto, fallback), QString());
        QCOMPARE(QImage(fallback).size(), QSize(1200, 800));
        const QString missing = out.filePath(u"missing/folder/comparison.csv"_qs);
        const QString error = page.exportCsv(missing);
        QVERIFY2(error.contains(u"comparison.csv"_qs), qPrintable(error));
    }

    void tableModelUnderTester()
    {
        CompareTableModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QSortFilterProxyModel proxy;
        proxy.setSourceModel(&model);
        proxy.setSortRole(CompareTableModel::SortRole);
        QAbstractItemModelTester proxyTester(&proxy, QAbstractItemModelTester::FailureReportingMode::QtTest);
        auto rows = engineRows({ m_tiny }, entries(ThreeEntries), { 1, 2 }, *m_catalog->runtime(u"onnxruntime"_qs));
        QCOMPARE(int(rows.size()), 6);
        model.setRows(rows);
        QCOMPARE(model.rowCount(), 6);
        QCOMPARE(model.columnCount(), int(CompareTableModel::NumColumns));
        for (int c = 0; c < CompareTableModel::NumColumns; ++c)
            QVERIFY(!model.headerData(c, Qt::Horizontal).toString().isEmpty());
        proxy.sort(CompareTableModel::EnergyColumn);
        for (int r = 1; r < proxy.rowCount(); ++r)
            QVERIFY(proxy.index(r - 1, CompareTableModel::EnergyColumn).data(CompareTableModel::SortRole).toDouble()
                <= proxy.index(r, CompareTableModel::EnergyColumn).data(CompareTableModel::SortRole).toDouble());
        proxy.setFilterKeyColumn(-1);
        proxy.setFilterFixedString(u"NVIDIA L4"_qs);
        QCOMPARE(proxy.rowCount(), 2);
        rows.resize(2);
        model.setRows(rows);
        QCOMPARE(model.rowCount(), 2);
        model.setRows({});
        QCOMPARE(model.rowCount(), 0);
    }

    void hardwareListSearchAndChecks()
    {
        HardwareCheckModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QSignalSpy changed(&model, &HardwareCheckModel::checkedChanged);
        model.setChecked(u"nvidia-l4"_qs, true); // before the entries arrive: kept by id
        model.setEntries(m_catalog->registry->entries());
        QCOMPARE(model.checkedIds(), QStringList { u"nvidia-l4"_qs });
        const int all = model.rowCount();
        QVERIFY(all > int(m_catalog->registry->entries().size())); // entries plus category headings

        model.setSearchText(u"nvidia-h100-"_qs);
        QCOMPARE(model.rowCount(), 4); // the GPU heading and the three H100s (SXM5, PCIe, NVL)
        QCOMPARE(model.index(0, 0).data().toString(), u"GPU"_qs);
        QVERIFY(!model.index(0, 0).data(Qt::CheckStateRole).isValid());
        QVERIFY(!(model.flags(model.index(0, 0)) & Qt::ItemIsUserCheckable));
        const QModelIndex first = model.index(1, 0);
        QVERIFY(model.flags(first) & Qt::ItemIsUserCheckable);
        QVERIFY(model.setData(first, Qt::Checked, Qt::CheckStateRole));
        QCOMPARE(first.data(Qt::CheckStateRole).value<Qt::CheckState>(), Qt::Checked);
        model.setSearchText(QString());
        QCOMPARE(model.rowCount(), all);
        QCOMPARE(model.checkedIds().size(), 2);
        QVERIFY(model.checkedIds().contains(u"nvidia-l4"_qs));
        QCOMPARE(int(model.checkedEntries().size()), 2);
        QCOMPARE(changed.count(), 2);
        model.setSearchText(u"no such hardware"_qs);
        QCOMPARE(model.rowCount(), 0);

        // Through the page's widgets: typing filters the view.
        ComparePage page;
        page.setCatalog(m_catalog);
        QTest::keyClicks(page.hardwareSearch(), u"jetson"_qs);
        QVERIFY(page.hardwareView()->model()->rowCount() >= 2);
        for (int r = 0; r < page.hardwareView()->model()->rowCount(); ++r) {
            const QModelIndex index = page.hardwareView()->model()->index(r, 0);
            const bool heading = index.data(HardwareListModel::IdRole).toString().isEmpty();
            QVERIFY(heading
                || index.data(HardwareListModel::SearchRole).toString().contains(u"jetson"_qs, Qt::CaseInsensitive));
        }
    }

    void modelList()
    {
        ComparePage page;
        const QString a = m_dir.filePath(u"a.onnx"_qs);
        const QString c = m_dir.filePath(u"c.onnx"_qs);
        page.setOpenModel(a);
        page.addModels({ m_tiny, m_tiny, a });
        QCOMPARE(page.models(), (QStringList { a, m_tiny }));
        page.setOpenModel(c); // the open model before was listed only because it was open
        QCOMPARE(page.models(), (QStringList { c, m_tiny }));
        page.setOpenModel(m_tiny); // added by hand: stays, listed once
        QCOMPARE(page.models(), (QStringList { m_tiny }));
        page.modelList()->item(0)->setSelected(true);
        page.removeSelectedModels();
        QVERIFY(page.models().isEmpty());
        page.setCatalog(m_catalog);
        QVERIFY(!page.runButton()->isEnabled());
        QVERIFY(!page.run());
        QVERIFY(page.statusLabel()->text().contains(u"model"_qs));
    }

    void mainWindowTab()
    {
        MainWindow window;
        window.show();
        QTabWidget* pages = window.pages();
        const int memory = pages->indexOf(window.memoryPage());
        QCOMPARE(pages->indexOf(window.comparePage()), memory + 1);
        QCOMPARE(pages->tabText(memory + 1), u"Compare"_qs);
        // Comparing needs no model open: the View menu shows the page at once.
        auto* show = window.findChild<QAction*>(u"showCompare"_qs);
        QVERIFY(show && show->isEnabled());
        show->trigger();
        QCOMPARE(pages->currentWidget(), window.comparePage());
        QSignalSpy loaded(window.loader(), &ModelLoader::loaded);
        window.openModel(squeezenetPath());
        QVERIFY(loaded.wait(RunTimeoutMs) || loaded.count() == 1);
        QCOMPARE(window.comparePage()->models(), QStringList { squeezenetPath() });
        QTRY_VERIFY_WITH_TIMEOUT(window.comparePage()->hardwareModel()->rowCount() > 0, RunTimeoutMs);
    }

    void calibratedRowsSayso()
    {
        // A profile for one entry × pytorch × fp32, fitted from measurements that follow one linear law.
        QTemporaryDir home;
        const QByteArray previous = qgetenv("XDG_DATA_HOME");
        qputenv("XDG_DATA_HOME", home.path().toUtf8());
        const auto restore = qScopeGuard([&] { qputenv("XDG_DATA_HOME", previous); });
        const std::string registry = userRegistryDir();
        const char* hardware = "intel-core-i7-12700k";
        QVERIFY(graphs::testing::writeLinearSubgraphMeasurements(registry, hardware));
        CalibrationProfile profile;
        profile.hardware = hardware;
        profile.runtime = "pytorch";
        profile.measurements = { "benchmarks/" + std::string(hardware) + "/pytorch/imported.csv" };
        QVERIFY(
            saveCalibrationProfile(profile, calibrationProfilePath(registry, hardware, "pytorch", Precision::FP32)));

        ComparePage page;
        setUp(page, { squeezenetPath() }, { QString::fromLatin1(hardware), u"nvidia-l4"_qs }, u"1"_qs);
        page.runtimeCombo()->setCurrentIndex(page.runtimeCombo()->findData(u"pytorch"_qs));
        QVERIFY(runAndWait(page));
        QCOMPARE(page.tableModel()->rowCount(), 2);
        for (int r = 0; r < 2; ++r) {
            const ComparisonRow& row = page.tableModel()->rows()[size_t(r)];
            const QString confidence
                = page.tableModel()->index(r, CompareTableModel::ConfidenceColumn).data().toString();
            if (row.hardwareId == hardware)
                QVERIFY2(confidence != u"THEORETICAL"_qs, qPrintable(page.statusLabel()->text()));
            else
                QCOMPARE(confidence, u"THEORETICAL"_qs);
        }
        QVERIFY2(page.statusLabel()->text().contains(u"Calibrated with"_qs), qPrintable(page.statusLabel()->text()));

        // The three front ends give the same calibrated figure: the page's row, `graphs compare` and `graphs analyze`
        // on the same registry (the CLI inherits XDG_DATA_HOME).
        double pageMs = 0;
        for (const ComparisonRow& row : page.tableModel()->rows())
            if (row.hardwareId == hardware)
                pageMs = row.summary.latency.value;
        QVERIFY(pageMs > 0);
        const auto compare = graphs::testing::runCli({ u"compare"_qs, squeezenetPath(), u"-H"_qs,
            QString::fromLatin1(hardware), u"-r"_qs, u"pytorch"_qs, u"--format"_qs, u"json"_qs });
        QVERIFY2(compare.exitCode == 0, compare.err.constData());
        const QJsonArray rows = QJsonDocument::fromJson(compare.out).array();
        QCOMPARE(rows.size(), 1);
        const QJsonObject compareLatency = rows[0].toObject()[u"latency_ms"_qs].toObject();
        // Not THEORETICAL: CALIBRATED, or EXTRAPOLATED where squeezenet's kernels leave the fitted range.
        QVERIFY(compareLatency[u"confidence"_qs].toString() != u"THEORETICAL"_qs);
        QVERIFY2(compare.err.contains("calibrated with"), compare.err.constData());
        const auto analyze = graphs::testing::runCli({ u"analyze"_qs, squeezenetPath(), u"-H"_qs,
            QString::fromLatin1(hardware), u"-r"_qs, u"pytorch"_qs, u"--format"_qs, u"json"_qs });
        QVERIFY2(analyze.exitCode == 0, analyze.err.constData());
        const QJsonObject analyzeLatency = QJsonDocument::fromJson(analyze.out)
                                               .object()[u"summary"_qs]
                                               .toObject()[u"latency_ms"_qs]
                                               .toObject();
        QCOMPARE(analyzeLatency[u"confidence"_qs].toString(), compareLatency[u"confidence"_qs].toString());
        QCOMPARE(compareLatency[u"value"_qs].toDouble(), pageMs);
        QCOMPARE(analyzeLatency[u"value"_qs].toDouble(), pageMs);

        // --uncalibrated keeps the specification's estimate.
        const auto plain = graphs::testing::runCli({ u"compare"_qs, squeezenetPath(), u"-H"_qs,
            QString::fromLatin1(hardware), u"-r"_qs, u"pytorch"_qs, u"--format"_qs, u"json"_qs, u"--uncalibrated"_qs });
        QVERIFY2(plain.exitCode == 0, plain.err.constData());
        const QJsonObject plainLatency
            = QJsonDocument::fromJson(plain.out).array()[0].toObject()[u"latency_ms"_qs].toObject();
        QCOMPARE(plainLatency[u"confidence"_qs].toString(), u"THEORETICAL"_qs);
    }
};

QTEST_MAIN(TestComparePage)
#include "tst_compare_page.moc"
