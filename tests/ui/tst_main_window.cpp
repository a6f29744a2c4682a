// The real MainWindow and ModelLoader, offscreen: opening the bundled squeezenet (by call and by drop), errors
// shown in a message box naming the file while the window stays usable, superseded and cancelled loads, CSV
// export, and settings (recent files, geometry). Then estimates: hardware picked through the toolbar's picker, the
// subgraph table and roofline that follow, selection shared between them, precision and batch changes, exports.

#include "charts/roofline_data.h"
#include "charts/roofline_plot.h"
#include "estimation/graph_analysis.h"
#include "estimation/analysis_pipeline.h"
#include "frontends/onnx_importer.h"
#include "hardware/hardware_registry.h"
#include "jobs/estimate_runner.h"
#include "jobs/model_loader.h"
#include "jobs/registry_loader.h"
#include "main_window.h"
#include "models/subgraph_filter_proxy_model.h"
#include "models/subgraph_table_model.h"
#include "pages/model_summary_page.h"
#include "pages/nodes_page.h"
#include "pages/roofline_page.h"
#include "pages/subgraphs_page.h"
#include "reporting/analysis_report.h"
#include "reporting/estimate_report.h"
#include "subgraph_selection.h"
#include "transform/fusion_rules.h"
#include "widgets/hardware_picker.h"
#include "widgets/hardware_toolbar.h"

#include <QAbstractItemView>
#include <QAction>
#include <QComboBox>
#include <QCompleter>
#include <QDir>
#include <QDropEvent>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QImage>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QMimeData>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QSpinBox>
#include <QStackedWidget>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

using namespace graphs;
using graphs::ui::MainWindow;
using graphs::ui::ModelLoader;

namespace {

constexpr int LoadTimeoutMs = 20000;

QString squeezenetPath()
{
    return QStringLiteral(GRAPHS_SOURCE_DIR "/resources/models/squeezenet1_1.onnx");
}

QMessageBox* errorBox(const MainWindow& window)
{
    return window.findChild<QMessageBox*>(QStringLiteral("errorBox"));
}

/// Opens `path` and waits for the loader to report success.
bool openAndWait(MainWindow& window, const QString& path)
{
    QSignalSpy loaded(window.loader(), &ModelLoader::loaded);
    window.openModel(path);
    return loaded.wait(LoadTimeoutMs) || loaded.count() == 1;
}

/// Types `text` into the hardware picker and takes the first completion, as a user would.
void pickHardware(MainWindow& window, const QString& text)
{
    auto* picker = window.findChild<graphs::ui::HardwarePicker*>(QStringLiteral("hardwarePicker"));
    QVERIFY(picker);
    QTRY_VERIFY_WITH_TIMEOUT(picker->isEnabled(), LoadTimeoutMs);
    QApplication::setActiveWindow(&window);
    picker->lineEdit()->setFocus();
    picker->lineEdit()->selectAll();
    QTest::keyClicks(picker->lineEdit(), text);
    QAbstractItemView* popup = picker->completer()->popup();
    QTRY_VERIFY(popup->isVisible());
    QTest::keyClick(popup, Qt::Key_Down);
    QTest::keyClick(popup, Qt::Key_Return);
}

/// Waits for an estimate that satisfies `accept`.
template <typename F> bool waitForEstimate(const MainWindow& window, F accept)
{
    QElapsedTimer timer;
    timer.start();
    while (timer.elapsed() < LoadTimeoutMs) {
        const auto& e = window.estimate();
        if (e && !window.estimator()->isRunning() && accept(*e))
            return true;
        QTest::qWait(10);
    }
    return false;
}

/// The subgraph of the selected row of the subgraph table, or -1.
int selectedRowSubgraph(const graphs::ui::SubgraphsPage& page)
{
    const QModelIndexList rows = page.view()->selectionModel()->selectedRows();
    return rows.isEmpty() ? -1 : rows.first().data(graphs::ui::SubgraphTableModel::SubgraphIdRole).toInt();
}

} // namespace

class TestMainWindow : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;

    QString writeFile(const QString& name, const QByteArray& bytes)
    {
        const QString path = m_dir.filePath(name);
        QFile file(path);
        if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size())
            return {};
        return path;
    }

private Q_SLOTS:
    void initTestCase()
    {
        // Keep the user's settings out of it: QSettings goes under ~/.qttest.
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName(QStringLiteral("graphs-tests"));
        QCoreApplication::setApplicationName(QStringLiteral("tst_main_window"));
        QVERIFY(m_dir.isValid());
        QVERIFY(QFile::exists(squeezenetPath()));
    }

    void init() { QSettings().clear(); }

    void opensBundledModel()
    {
        MainWindow window;
        window.show();
        auto* stack = window.findChild<QStackedWidget*>();
        QVERIFY(stack);
        QCOMPARE(stack->currentWidget()->objectName(), QStringLiteral("welcome"));

        QSignalSpy progress(window.loader(), &ModelLoader::progressChanged);
        QSignalSpy loaded(window.loader(), &ModelLoader::loaded);
        QSignalSpy failed(window.loader(), &ModelLoader::failed);
        window.openModel(squeezenetPath());
        QVERIFY(window.findChild<QPushButton*>(QStringLiteral("cancelImport"))->isVisibleTo(&window));
        QTRY_COMPARE_WITH_TIMEOUT(loaded.count(), 1, LoadTimeoutMs);
        QCOMPARE(failed.count(), 0);
        QVERIFY(progress.count() >= 1);
        QVERIFY(!window.findChild<QPushButton*>(QStringLiteral("cancelImport"))->isVisibleTo(&window));

        const auto analysis = loaded.first().first().value<std::shared_ptr<const GraphAnalysis>>();
        QVERIFY(analysis);
        QCOMPARE(window.analysis(), analysis);

        // The table shows one row per node, as many as the engine counts on its own.
        auto imported = importOnnxFile(squeezenetPath().toStdString(), {});
        QVERIFY(imported);
        const int engineNodes = int(imported->graph->nodeCount());
        QCOMPARE(engineNodes, 83);
        auto* table = window.findChild<QTableView*>(QStringLiteral("nodeTable"));
        QVERIFY(table);
        QCOMPARE(table->model()->rowCount(), engineNodes);

        QCOMPARE(stack->currentWidget()->objectName(), QStringLiteral("pages"));
        QCOMPARE(window.summaryPage()->figure(QStringLiteral("nodes"))->text(), QStringLiteral("83"));
        QCOMPARE(window.summaryPage()->figure(QStringLiteral("name"))->text(), QStringLiteral("squeezenet1_1"));
        QVERIFY(window.windowTitle().contains(QStringLiteral("squeezenet1_1")));
        QCOMPARE(QSettings().value(QStringLiteral("recentFiles")).toStringList(), QStringList { squeezenetPath() });
    }

    void filterNarrowsTable()
    {
        MainWindow window;
        QVERIFY(openAndWait(window, squeezenetPath()));
        auto* table = window.nodesPage()->view();
        QTest::keyClicks(window.nodesPage()->filterEdit(), QStringLiteral("concat"));
        QCOMPARE(table->model()->rowCount(), 8);
        window.nodesPage()->filterEdit()->clear();
        QCOMPARE(table->model()->rowCount(), 83);
    }

    void invalidFileShowsError_data()
    {
        QTest::addColumn<QString>("fileName");
        QTest::addColumn<QByteArray>("contents");
        QTest::addColumn<QString>("fragment");
        QTest::newRow("not protobuf") << "garbage.onnx" << QByteArray("this is not a model\n") << "not a valid ONNX";
        QTest::newRow("empty") << "empty.onnx" << QByteArray() << "empty";
        QTest::newRow("missing") << "missing.onnx" << QByteArray("-") << "missing.onnx";
    }

    void invalidFileShowsError()
    {
        QFETCH(QString, fileName);
        QFETCH(QByteArray, contents);
        QFETCH(QString, fragment);
        QString path = writeFile(fileName, contents);
        QVERIFY(!path.isEmpty());
        if (QTest::currentDataTag() == QByteArrayLiteral("missing"))
            QVERIFY(QFile::remove(path));

        MainWindow window;
        window.show();
        QVERIFY(openAndWait(window, squeezenetPath()));
        const auto before = window.analysis();

        QSignalSpy failed(window.loader(), &ModelLoader::failed);
        window.openModel(path);
        QTRY_COMPARE_WITH_TIMEOUT(failed.count(), 1, LoadTimeoutMs);
        const QString message = failed.first().first().toString();
        QVERIFY2(message.contains(fileName), qPrintable(message));
        QVERIFY2(message.contains(fragment, Qt::CaseInsensitive), qPrintable(message));

        QTRY_VERIFY(errorBox(window));
        QMessageBox* box = errorBox(window);
        QVERIFY(box->isVisible());
        QVERIFY(box->text().contains(fileName));
        QCOMPARE(box->informativeText(), message);

        // Nothing else changed, and the window goes on working.
        QCOMPARE(window.analysis(), before);
        QCOMPARE(window.nodesPage()->view()->model()->rowCount(), 83);
        box->button(QMessageBox::Ok)->click();
        QTRY_VERIFY(!errorBox(window));
        QVERIFY(openAndWait(window, squeezenetPath()));
        QVERIFY(window.analysis() != before);
    }

    void supersededLoadIsDropped()
    {
        MainWindow window;
        QSignalSpy loaded(window.loader(), &ModelLoader::loaded);
        QSignalSpy failed(window.loader(), &ModelLoader::failed);
        window.openModel(writeFile(QStringLiteral("superseded.onnx"), QByteArray("garbage")));
        window.openModel(squeezenetPath());
        QTRY_COMPARE_WITH_TIMEOUT(loaded.count(), 1, LoadTimeoutMs);
        QTest::qWait(50);
        QCOMPARE(failed.count(), 0);
        QVERIFY(!errorBox(window));
    }

    void cancelLeavesWindowAsItWas()
    {
        MainWindow window;
        QSignalSpy loaded(window.loader(), &ModelLoader::loaded);
        QSignalSpy cancelled(window.loader(), &ModelLoader::cancelled);
        window.openModel(squeezenetPath());
        window.findChild<QPushButton*>(QStringLiteral("cancelImport"))->click();
        QTRY_VERIFY_WITH_TIMEOUT(!window.loader()->isLoading(), LoadTimeoutMs);
        QCOMPARE(loaded.count() + cancelled.count(), 1);
        if (cancelled.count() == 1) {
            QVERIFY(!window.analysis());
            QCOMPARE(window.findChild<QStackedWidget*>()->currentWidget()->objectName(), QStringLiteral("welcome"));
        }
        QVERIFY(!window.findChild<QPushButton*>(QStringLiteral("cancelImport"))->isVisibleTo(&window));
    }

    void dropOpensModel_data()
    {
        QTest::addColumn<QString>("path");
        QTest::addColumn<bool>("accepted");
        QTest::newRow("onnx") << squeezenetPath() << true;
        QTest::newRow("not onnx") << QStringLiteral(GRAPHS_SOURCE_DIR "/CMakeLists.txt") << false;
    }

    void dropOpensModel()
    {
        QFETCH(QString, path);
        QFETCH(bool, accepted);
        MainWindow window;
        window.show();
        QMimeData mime;
        mime.setUrls({ QUrl::fromLocalFile(path) });
        const QPoint centre = window.rect().center();
        QDragEnterEvent enter(centre, Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
        QCoreApplication::sendEvent(&window, &enter);
        QCOMPARE(enter.isAccepted(), accepted);
        if (!accepted)
            return;
        QSignalSpy loaded(window.loader(), &ModelLoader::loaded);
        QDropEvent drop(QPointF(centre), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
        QCoreApplication::sendEvent(&window, &drop);
        QTRY_COMPARE_WITH_TIMEOUT(loaded.count(), 1, LoadTimeoutMs);
        QCOMPARE(window.nodesPage()->view()->model()->rowCount(), 83);
    }

    void exportsCsv()
    {
        MainWindow window;
        auto* exportAction = window.findChild<QAction*>(QStringLiteral("exportNodesCsv"));
        QVERIFY(exportAction);
        QVERIFY(!exportAction->isEnabled());
        QVERIFY(openAndWait(window, squeezenetPath()));
        QVERIFY(exportAction->isEnabled());
        const QString path = m_dir.filePath(QStringLiteral("nodes.csv"));
        QVERIFY(window.exportNodesCsv(path));

        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QByteArray csv = file.readAll();
        const QList<QByteArray> lines = csv.trimmed().split('\n');
        QCOMPARE(lines.size(), 1 + 83);
        QVERIFY(lines.first().startsWith("name,op_type,op_class,macs,flops"));
        QVERIFY(csv.contains(",Conv,convolution,"));
        QCOMPARE(csv, QByteArray::fromStdString(analysisToCsv(*window.analysis())));
        QVERIFY(!errorBox(window));
    }

    void exportFailureIsReported()
    {
        MainWindow window;
        window.show();
        QVERIFY(openAndWait(window, squeezenetPath()));
        const QString path = m_dir.filePath(QStringLiteral("no-such-folder/nodes.csv"));
        QVERIFY(!window.exportNodesCsv(path));
        QTRY_VERIFY(errorBox(window));
        QVERIFY(errorBox(window)->informativeText().contains(QStringLiteral("no-such-folder")));
        errorBox(window)->button(QMessageBox::Ok)->click();
    }

    void estimatesOnPickedHardware()
    {
        MainWindow window;
        window.resize(1300, 850);
        window.show();
        QVERIFY(openAndWait(window, squeezenetPath()));
        QVERIFY(!window.estimate());
        QVERIFY(window.summaryPage()->figure(QStringLiteral("estimateHint"))->isVisibleTo(&window));

        pickHardware(window, QStringLiteral("nvidia-l4"));
        if (QTest::currentTestFailed())
            return;
        QVERIFY(waitForEstimate(window, [](const auto& e) { return e.hardware().id == "nvidia-l4"; }));
        const auto estimate = window.estimate();
        QCOMPARE(estimate->analysis, window.analysis());

        // The same partition as the engine makes on its own.
        auto alone = runAnalysis({ squeezenetPath().toStdString(), {},
            HardwareRegistry::load({ GRAPHS_SOURCE_DIR "/registries" })->find("nvidia-l4"),
            estimate->estimate.options.precision,
            *findFusionRules({ GRAPHS_SOURCE_DIR "/registries" }, "onnxruntime") });
        QVERIFY(alone);
        const int subgraphs = int(alone->partition->subgraphs.size());
        QCOMPARE(subgraphs, 38);
        QCOMPARE(int(estimate->partition.subgraphs.size()), subgraphs);
        QCOMPARE(estimate->estimate.summary.latency.value, alone->estimate->summary.latency.value);

        auto* table = window.findChild<QTableView*>(QStringLiteral("subgraphTable"));
        QVERIFY(table);
        QCOMPARE(table->model()->rowCount(), subgraphs);

        int plotted = 0;
        for (const Subgraph& s : estimate->partition.subgraphs)
            plotted += !s.zeroCost && s.flops.total() > 0;
        auto* plot = window.rooflinePage()->plot();
        QCOMPARE(plot->dotCount(), plotted);
        QCOMPARE(plotted, subgraphs - 8); // the Concats of the eight fire modules move data without FLOPs

        // The summary shows the estimate with its band and confidence.
        const QString latency = window.summaryPage()->figure(QStringLiteral("estimateLatency"))->text();
        QVERIFY2(latency.contains(QStringLiteral(" ms ±")) && latency.endsWith(QStringLiteral("THEORETICAL")),
            qPrintable(latency));
        for (const char* name : { "estimateThroughput", "estimateEnergy", "estimateEnergyCompute",
                 "estimateEnergyMemory", "estimateEnergyStatic", "estimatePeakMemory" })
            QVERIFY2(window.summaryPage()->figure(QLatin1String(name))->text().contains(QStringLiteral("THEORETICAL")),
                name);
        QVERIFY(!window.summaryPage()->figure(QStringLiteral("estimateHint"))->isVisibleTo(&window));
    }

    void selectionIsShared()
    {
        MainWindow window;
        window.resize(1300, 850);
        window.show();
        window.selectHardware(QStringLiteral("nvidia-l4"));
        QVERIFY(openAndWait(window, squeezenetPath()));
        QVERIFY(waitForEstimate(window, [](const auto&) { return true; }));
        auto* page = window.subgraphsPage();
        auto* plot = window.rooflinePage()->plot();

        // A row clicked in the table rings its dot.
        window.pages()->setCurrentWidget(page);
        const QModelIndex heaviest = page->proxy()->index(36, graphs::ui::SubgraphTableModel::Label);
        QCOMPARE(heaviest.data(graphs::ui::SubgraphTableModel::SubgraphIdRole).toInt(), 36);
        page->view()->scrollTo(heaviest);
        QTest::mouseClick(page->view()->viewport(), Qt::LeftButton, {}, page->view()->visualRect(heaviest).center());
        QCOMPARE(window.subgraphSelection()->current(), 36);
        QCOMPARE(plot->selectedSubgraph(), 36);

        // A dot clicked on the chart selects its row.
        window.pages()->setCurrentWidget(window.rooflinePage());
        plot->replot(QCustomPlot::rpImmediateRefresh);
        const int other = 0; // the first convolution: its dot shares its place with no other
        const auto position = plot->dotPosition(other);
        QVERIFY(position);
        QCOMPARE(plot->subgraphAt(*position), other);
        QTest::mouseClick(plot, Qt::LeftButton, {}, position->toPoint());
        QCOMPARE(window.subgraphSelection()->current(), other);
        QCOMPARE(plot->selectedSubgraph(), other);
        QCOMPARE(selectedRowSubgraph(*page), other);

        // A filter that hides the row keeps the selection; it shows again with the row.
        window.pages()->setCurrentWidget(page);
        QTest::keyClicks(page->opTypeFilter(), QStringLiteral("maxpool"));
        QCOMPARE(page->proxy()->rowCount(), 3);
        QCOMPARE(window.subgraphSelection()->current(), other);
        page->opTypeFilter()->clear();
        QCOMPARE(selectedRowSubgraph(*page), other);
    }

    void precisionAndBatchReestimate()
    {
        MainWindow window;
        window.show();
        window.selectHardware(QStringLiteral("nvidia-l4"));
        QVERIFY(openAndWait(window, squeezenetPath()));
        QVERIFY(waitForEstimate(window, [](const auto&) { return true; }));
        const auto fp32 = window.estimate();
        QCOMPARE(fp32->estimate.options.precision, Precision::FP32);
        window.subgraphSelection()->select(36);

        // Only the precisions the entry has a peak for are offered.
        QComboBox* precision = window.hardwareToolBar()->precisionCombo();
        QStringList offered;
        for (int i = 0; i < precision->count(); ++i)
            offered << precision->itemText(i);
        QCOMPARE(offered,
            (QStringList { QStringLiteral("fp64"), QStringLiteral("fp32"), QStringLiteral("tf32"),
                QStringLiteral("fp16"), QStringLiteral("bf16"), QStringLiteral("fp8"), QStringLiteral("int8") }));
        precision->setCurrentIndex(precision->findText(QStringLiteral("fp16")));
        QVERIFY(waitForEstimate(window, [](const auto& e) { return e.estimate.options.precision == Precision::FP16; }));
        const auto fp16 = window.estimate();
        QCOMPARE(fp16->analysis, fp32->analysis); // only the estimate reran
        QVERIFY(fp16->estimate.summary.latency.value < fp32->estimate.summary.latency.value);
        QVERIFY(window.summaryPage()
                    ->figure(QStringLiteral("estimateSettings"))
                    ->text()
                    .startsWith(QStringLiteral("fp16")));
        // The same partition: the selection stays.
        QCOMPARE(window.subgraphSelection()->current(), 36);
        QCOMPARE(window.rooflinePage()->plot()->selectedSubgraph(), 36);

        // The batch is bound at import: the model is read again.
        QSignalSpy loaded(window.loader(), &ModelLoader::loaded);
        window.hardwareToolBar()->batchSpinBox()->setValue(4);
        QTRY_COMPARE_WITH_TIMEOUT(loaded.count(), 1, LoadTimeoutMs);
        QVERIFY(waitForEstimate(window, [](const auto& e) { return e.estimate.options.batch == 4; }));
        const auto batch4 = window.estimate();
        QVERIFY(batch4->analysis != fp16->analysis);
        QCOMPARE(batch4->estimate.options.precision, Precision::FP16);
        QCOMPARE(batch4->analysis->totals.macs, 4 * fp16->analysis->totals.macs);
        QVERIFY(batch4->estimate.summary.latency.value > fp16->estimate.summary.latency.value);
        QCOMPARE(window.hardwareToolBar()->batchSpinBox()->value(), 4);

        // Another runtime partitions afresh.
        QComboBox* runtime = window.hardwareToolBar()->runtimeCombo();
        runtime->setCurrentIndex(runtime->findData(QStringLiteral("unfused")));
        QVERIFY(waitForEstimate(window, [](const auto& e) { return e.estimate.runtime == "unfused"; }));
        // Without fusion every node but the views runs as its own kernel.
        QVERIFY(window.estimate()->partition.subgraphs.size() > batch4->partition.subgraphs.size());
        QCOMPARE(
            window.subgraphsPage()->view()->model()->rowCount(), int(window.estimate()->partition.subgraphs.size()));
        QCOMPARE(window.subgraphSelection()->current(), -1);
    }

    void exportsEstimate()
    {
        MainWindow window;
        window.show();
        auto* subgraphsAction = window.findChild<QAction*>(QStringLiteral("exportSubgraphsCsv"));
        QVERIFY(subgraphsAction);
        QVERIFY(!subgraphsAction->isEnabled());
        window.selectHardware(QStringLiteral("nvidia-l4"));
        QVERIFY(openAndWait(window, squeezenetPath()));
        QVERIFY(waitForEstimate(window, [](const auto&) { return true; }));
        QVERIFY(subgraphsAction->isEnabled());
        window.pages()->setCurrentWidget(window.rooflinePage());

        const QString png = m_dir.filePath(QStringLiteral("roofline.png"));
        QCOMPARE(window.rooflinePage()->exportImage(png), QString());
        QVERIFY(QFileInfo(png).size() > 0);
        QVERIFY(!QImage(png).isNull());
        // Written atomically: a failed export names the file and leaves what was there.
        const QString failed = window.rooflinePage()->exportImage(m_dir.filePath(QStringLiteral("missing/roofline.png")));
        QVERIFY2(failed.contains(QStringLiteral("roofline.png")), qPrintable(failed));

        const QString csvPath = m_dir.filePath(QStringLiteral("subgraphs.csv"));
        QCOMPARE(window.subgraphsPage()->exportCsv(csvPath), QString());
        QFile file(csvPath);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QByteArray csv = file.readAll();
        QCOMPARE(csv.trimmed().split('\n').size(), 1 + 38);
        QVERIFY(csv.startsWith("id,label,fusion,nodes,op_class"));
        const auto& e = *window.estimate();
        QCOMPARE(csv, QByteArray::fromStdString(estimateToCsv(*e.analysis, e.partition, e.estimate)));

        const QString bad = m_dir.filePath(QStringLiteral("no-such-folder/subgraphs.csv"));
        QVERIFY(window.subgraphsPage()->exportCsv(bad).contains(QStringLiteral("no-such-folder")));
    }

    void unknownHardwareIsReported()
    {
        MainWindow window;
        window.show();
        window.selectHardware(QStringLiteral("nvidia-l5"));
        QTRY_VERIFY_WITH_TIMEOUT(errorBox(window), LoadTimeoutMs);
        QVERIFY(errorBox(window)->text().contains(QStringLiteral("nvidia-l5")));
        QVERIFY2(errorBox(window)->informativeText().contains(QStringLiteral("nvidia-l4")),
            qPrintable(errorBox(window)->informativeText()));
        QVERIFY(!window.hardwareToolBar()->picker()->hardware());
        errorBox(window)->button(QMessageBox::Ok)->click();
    }

    void supersededEstimateIsDropped()
    {
        auto imported = importOnnxFile(squeezenetPath().toStdString(), {});
        QVERIFY(imported);
        auto analysis = analyzeGraph(imported->graph);
        QVERIFY(analysis);
        auto registry = HardwareRegistry::load({ GRAPHS_SOURCE_DIR "/registries" });
        QVERIFY(registry);
        auto runtime = findFusionRules({ GRAPHS_SOURCE_DIR "/registries" }, "onnxruntime");
        QVERIFY(runtime);

        graphs::ui::EstimateRunner runner;
        QSignalSpy estimated(&runner, &graphs::ui::EstimateRunner::estimated);
        runner.setAnalysis(std::make_shared<const GraphAnalysis>(std::move(*analysis)));
        QCOMPARE(estimated.count(), 1); // no hardware yet: nothing to estimate, at once
        QVERIFY(!estimated.takeFirst().first().value<std::shared_ptr<const graphs::ui::EstimatedModel>>());

        graphs::ui::EstimateSettings settings;
        settings.hardware = registry->find("nvidia-l4");
        settings.runtime = std::make_shared<const FusionRules>(*runtime);
        for (Precision p : { Precision::FP32, Precision::TF32, Precision::FP16 }) {
            settings.precision = p;
            runner.setSettings(settings);
        }
        QVERIFY(runner.isRunning());
        QTRY_VERIFY_WITH_TIMEOUT(!runner.isRunning(), LoadTimeoutMs);
        QTest::qWait(50);
        // Only the newest run reports.
        QCOMPARE(estimated.count(), 1);
        const auto e = estimated.first().first().value<std::shared_ptr<const graphs::ui::EstimatedModel>>();
        QVERIFY(e);
        QCOMPARE(e->estimate.options.precision, Precision::FP16);
        QCOMPARE(runner.current(), e);

        // No hardware: the estimate goes.
        settings.hardware.reset();
        runner.setSettings(settings);
        QVERIFY(!runner.current());
    }

    void registryFailureIsReported()
    {
        graphs::ui::RegistryLoader loader;
        QSignalSpy failed(&loader, &graphs::ui::RegistryLoader::failed);
        loader.load({ m_dir.filePath(QStringLiteral("no-registry-here")) });
        QTRY_COMPARE_WITH_TIMEOUT(failed.count(), 1, LoadTimeoutMs);
        QVERIFY2(failed.first().first().toString().contains(QStringLiteral("no-registry-here")),
            qPrintable(failed.first().first().toString()));
        QVERIFY(!loader.catalog());
    }

    void geometryIsRestored()
    {
        {
            MainWindow window;
            window.show();
            window.resize(900, 640);
            window.close();
        }
        MainWindow window;
        QCOMPARE(window.size(), QSize(900, 640));
    }
};

QTEST_MAIN(TestMainWindow)
#include "tst_main_window.moc"
