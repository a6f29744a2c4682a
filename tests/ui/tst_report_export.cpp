// The design-review report of the real main window, offscreen, on the bundled squeezenet: Markdown and HTML, the
// engine's estimate inside, every figure written beside it and linked, a failed figure leaving the old report intact;
// and the keyboard: the View menu's page actions (Alt+digit), enabled once a model is open except for the pages
// that need none, and Ctrl+E for the report.

#include "export/chart_export_dialog.h"
#include "export/report_export.h"
#include "graph/graph_scene.h"
#include "graph/graph_view_page.h"
#include "jobs/estimate_runner.h"
#include "jobs/model_loader.h"
#include "main_window.h"
#include "pages/benchmarks_page.h"
#include "pages/calibration_page.h"
#include "pages/energy_page.h"
#include "pages/memory_page.h"
#include "pages/roofline_page.h"
#include "reporting/estimate_report.h"
#include "screenshot_taker.h"

#include <QAction>
#include <QDialogButtonBox>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QImage>
#include <QLineEdit>
#include <QPushButton>
#include <QRegularExpression>
#include <QSettings>
#include <QSignalSpy>
#include <QSpinBox>
#include <QStackedWidget>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>

using namespace graphs;
using graphs::ui::MainWindow;

namespace {

constexpr int LoadTimeoutMs = 20000;

QString squeezenetPath()
{
    return QStringLiteral(GRAPHS_SOURCE_DIR "/resources/models/squeezenet1_1.onnx");
}

QByteArray readAll(const QString& path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

/// A window with squeezenet estimated on the NVIDIA L4 and its graph laid out.
bool openEstimated(MainWindow& window)
{
    window.show();
    window.selectHardware(QStringLiteral("nvidia-l4"));
    QSignalSpy loaded(window.loader(), &graphs::ui::ModelLoader::loaded);
    window.openModel(squeezenetPath());
    if (!loaded.wait(LoadTimeoutMs) && loaded.isEmpty())
        return false;
    window.pages()->setCurrentWidget(window.graphPage());
    QElapsedTimer timer;
    timer.start();
    while (timer.elapsed() < LoadTimeoutMs) {
        if (window.estimate() && !window.estimator()->isRunning() && !window.graphPage()->isLayoutPending()
            && !window.graphPage()->scene()->items().isEmpty())
            return true;
        QTest::qWait(10);
    }
    return false;
}

} // namespace

class TestReportExport : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName(QStringLiteral("graphs-tests"));
        QCoreApplication::setApplicationName(QStringLiteral("tst_report_export"));
        QVERIFY(m_dir.isValid());
    }

    void init() { QSettings().clear(); }

    void markdownReport()
    {
        MainWindow window;
        QVERIFY(openEstimated(window));
        const QString path = m_dir.filePath(QStringLiteral("squeezenet report.md"));
        QCOMPARE(window.exportReport(path), QString());
        const QString md = QString::fromUtf8(readAll(path));
        const QString hardware = QString::fromStdString(window.estimate()->hardware().name);
        QVERIFY(md.startsWith(QStringLiteral("# squeezenet1_1 on %1\n").arg(hardware)));
        QVERIFY(md.contains(QStringLiteral("| Hardware | %1 (`nvidia-l4`) |").arg(hardware)));
        QVERIFY(md.contains(QStringLiteral("| Batch | 1 |")));
        // The engine's report, as `graphs analyze --format markdown` writes it, minus its title.
        const auto& e = *window.estimate();
        const QString engine = QString::fromStdString(estimateToMarkdown(*e.analysis, e.partition, e.estimate, {}));
        const QString engineBody = engine.mid(engine.indexOf(QLatin1Char('\n')) + 1).trimmed();
        QVERIFY(!engineBody.isEmpty());
        QVERIFY(md.contains(engineBody));
        // Every figure is linked and is a picture in the folder beside the report.
        static const QRegularExpression link(QStringLiteral(R"(!\[([^\]]+)\]\(<([^>]+)>\))"));
        QStringList files;
        for (auto it = link.globalMatch(md); it.hasNext();) {
            const auto match = it.next();
            const QString figure = m_dir.filePath(match.captured(2));
            QVERIFY2(!QImage(figure).isNull(), qPrintable(figure));
            files << QFileInfo(figure).fileName();
            QCOMPARE(QFileInfo(figure).dir().dirName(), QStringLiteral("squeezenet report_files"));
        }
        files.sort();
        QCOMPARE(files,
            QStringList({ QStringLiteral("energy.png"), QStringLiteral("graph.png"), QStringLiteral("memory.png"),
                QStringLiteral("roofline.png") }));
    }

    void htmlReport()
    {
        MainWindow window;
        QVERIFY(openEstimated(window));
        const QString path = m_dir.filePath(QStringLiteral("review.html"));
        QCOMPARE(window.exportReport(path), QString());
        const QString html = QString::fromUtf8(readAll(path));
        QVERIFY(html.contains(QStringLiteral("<html")));
        const QString hardware = QString::fromStdString(window.estimate()->hardware().name);
        QVERIFY(html.contains(QStringLiteral("<title>squeezenet1_1 on %1</title>").arg(hardware)));
        QVERIFY(html.contains(QStringLiteral("<table")));
        for (const char* figure : { "roofline", "energy", "memory", "graph" }) {
            const QString src = QStringLiteral("review_files/%1.png").arg(QLatin1String(figure));
            QVERIFY2(html.contains(QStringLiteral("src=\"%1\"").arg(src)), figure);
            QVERIFY(!QImage(m_dir.filePath(src)).isNull());
        }
    }

    void failedFigureKeepsOldReport()
    {
        MainWindow window;
        QVERIFY(openEstimated(window));
        const QString path = m_dir.filePath(QStringLiteral("blocked.md"));
        QFile old(path);
        QVERIFY(old.open(QIODevice::WriteOnly));
        old.write("the old report\n");
        old.close();
        // A file where the figures' folder should go: nothing can be written into it.
        QFile blocker(m_dir.filePath(QStringLiteral("blocked_files")));
        QVERIFY(blocker.open(QIODevice::WriteOnly));
        blocker.close();
        const QString error = window.exportReport(path);
        QVERIFY2(error.contains(QStringLiteral("blocked_files")), qPrintable(error));
        QCOMPARE(readAll(path), QByteArray("the old report\n"));
    }

    // Charts export at the size the user chose, as PNG or, by the file name, as SVG.
    void chartsAtChosenSizeAndSvg()
    {
        MainWindow window;
        QVERIFY(openEstimated(window));
        const QSize size(640, 480);
        const QString png = m_dir.filePath(QStringLiteral("roofline-640.png"));
        QCOMPARE(window.rooflinePage()->exportImage(png, size), QString());
        QCOMPARE(QImage(png).size(), size);
        const QString energyPng = m_dir.filePath(QStringLiteral("energy-900.png"));
        QCOMPARE(window.energyPage()->exportImage(energyPng, QSize(900, 500)), QString());
        QCOMPARE(QImage(energyPng).size(), QSize(900, 500));
        for (const QString& name : { QStringLiteral("roofline.svg"), QStringLiteral("memory.SVG") }) {
            const QString svg = m_dir.filePath(name);
            const QString error = name.startsWith(QLatin1String("roofline"))
                ? window.rooflinePage()->exportImage(svg, size)
                : window.memoryPage()->exportImage(svg, size);
            QCOMPARE(error, QString());
            const QByteArray text = readAll(svg);
            QVERIFY2(text.startsWith("<?xml") && text.contains("<svg"), qPrintable(name));
            QVERIFY2(text.contains("viewBox=\"0 0 640 480\""), qPrintable(name));
            QVERIFY2(text.contains("<text") || text.contains("<path"), qPrintable(name)); // drawn, not empty
        }
        // The dialog: a file and a size; no file, no Save.
        graphs::ui::ChartExportDialog dialog(&window, QStringLiteral("Export"), QStringLiteral("/tmp/a.png"), size);
        QCOMPARE(dialog.choice().path, QStringLiteral("/tmp/a.png"));
        QCOMPARE(dialog.choice().size, size);
        dialog.widthSpin()->setValue(1600);
        dialog.pathEdit()->setText(QStringLiteral("  /tmp/b.svg "));
        QCOMPARE(dialog.choice().path, QStringLiteral("/tmp/b.svg"));
        QCOMPARE(dialog.choice().size, QSize(1600, 480));
        auto* buttons = dialog.findChild<QDialogButtonBox*>();
        QVERIFY(buttons);
        dialog.pathEdit()->clear();
        QVERIFY(!buttons->button(QDialogButtonBox::Save)->isEnabled());
    }

    void noEstimateNoReport()
    {
        MainWindow window;
        auto* action = window.findChild<QAction*>(QStringLiteral("exportReport"));
        QVERIFY(action);
        QVERIFY(!action->isEnabled());
        QCOMPARE(action->shortcut(), QKeySequence(Qt::CTRL | Qt::Key_E));
        QVERIFY(!window.exportReport(m_dir.filePath(QStringLiteral("none.md"))).isEmpty());
        QVERIFY(!QFile::exists(m_dir.filePath(QStringLiteral("none.md"))));
    }

    // graphs-studio --screenshot ends at once, with the window's message, when the hardware or the model is wrong.
    void screenshotRunEndsOnError_data()
    {
        QTest::addColumn<QString>("hardware");
        QTest::addColumn<QString>("model");
        QTest::addColumn<QString>("fragment");
        QTest::newRow("unknown hardware")
            << QStringLiteral("toaster-9000") << squeezenetPath() << QStringLiteral("toaster-9000");
        QTest::newRow("missing model") << QStringLiteral("nvidia-l4") << QStringLiteral("/no/such/model.onnx")
                                       << QStringLiteral("/no/such/model.onnx");
    }

    void screenshotRunEndsOnError()
    {
        QFETCH(QString, hardware);
        QFETCH(QString, model);
        QFETCH(QString, fragment);
        MainWindow window;
        window.selectHardware(hardware);
        window.show();
        window.openModel(model);
        graphs::ui::ScreenshotTaker taker(&window, m_dir.filePath(QStringLiteral("shots")));
        QSignalSpy finished(&taker, &graphs::ui::ScreenshotTaker::finished);
        taker.start(60000);
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 10000);
        QCOMPARE(finished.at(0).at(0).toBool(), false);
        QVERIFY2(finished.at(0).at(1).toString().contains(fragment), qPrintable(finished.at(0).at(1).toString()));
    }

    void pageShortcuts()
    {
        MainWindow window;
        window.show();
        QVERIFY(QTest::qWaitForWindowActive(&window));
        auto* stack = window.findChild<QStackedWidget*>();
        QVERIFY(stack);
        QTabWidget* tabs = window.pages();
        // One action per page, Alt+1 onwards, in tab order.
        for (int i = 0; i < std::min(tabs->count(), 10); ++i) {
            const QString text = tabs->tabText(i);
            QAction* action = nullptr;
            for (QAction* a : window.findChildren<QAction*>())
                if (a->text() == text && a->objectName().startsWith(QStringLiteral("show")))
                    action = a;
            QVERIFY2(action, qPrintable(text));
            QCOMPARE(action->shortcut(), QKeySequence(Qt::ALT | (i == 9 ? Qt::Key_0 : Qt::Key_1 + i)));
        }
        // Before a model is open, only the pages that need none can be shown.
        auto* summary = window.findChild<QAction*>(QStringLiteral("showSummary"));
        auto* benchmarks = window.findChild<QAction*>(QStringLiteral("showBenchmarks"));
        QVERIFY(summary && benchmarks);
        QVERIFY(!summary->isEnabled());
        QVERIFY(benchmarks->isEnabled());
        QVERIFY(stack->currentWidget() != tabs);
        benchmarks->trigger();
        QCOMPARE(stack->currentWidget(), tabs);
        QCOMPARE(tabs->currentWidget(), window.benchmarksPage());
        const int calibrationTab = tabs->indexOf(window.calibrationPage());
        QVERIFY(calibrationTab >= 0 && calibrationTab < 10);
        QTest::keyClick(
            &window, calibrationTab == 9 ? Qt::Key_0 : Qt::Key(Qt::Key_1 + calibrationTab), Qt::AltModifier);
        QCOMPARE(tabs->currentWidget(), window.calibrationPage());

        QVERIFY(openEstimated(window));
        QVERIFY(summary->isEnabled());
        QTest::keyClick(&window, Qt::Key_1, Qt::AltModifier);
        QCOMPARE(tabs->currentIndex(), 0);
        QVERIFY(window.findChild<QAction*>(QStringLiteral("exportReport"))->isEnabled());
    }

private:
    QTemporaryDir m_dir;
};

QTEST_MAIN(TestReportExport)
#include "tst_report_export.moc"
