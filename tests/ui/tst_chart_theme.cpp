// Charts in the desktop's palette: the real main window, offscreen, with squeezenet estimated on the NVIDIA L4, is
// switched to a dark application palette and back; every QCustomPlot and Qt Charts chart of every page follows
// (background, axis labels, text labels), as their pixels show. GRAPHS_SCREENSHOT_DIR saves the dark pages.

#include "charts/chart_theme.h"
#include "jobs/estimate_runner.h"
#include "jobs/model_loader.h"
#include "main_window.h"
#include "pages/energy_page.h"
#include "pages/roofline_page.h"

#include <QAbstractAxis>
#include <QApplication>
#include <QChart>
#include <QChartView>
#include <QDir>
#include <QElapsedTimer>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTest>
#include <qcustomplot.h>

using graphs::ui::MainWindow;

namespace {

QPalette darkPalette()
{
    QPalette p;
    const QColor window(45, 45, 48), base(30, 30, 32), text(230, 230, 230);
    p.setColor(QPalette::Window, window);
    p.setColor(QPalette::WindowText, text);
    p.setColor(QPalette::Base, base);
    p.setColor(QPalette::AlternateBase, window);
    p.setColor(QPalette::Text, text);
    p.setColor(QPalette::Button, window);
    p.setColor(QPalette::ButtonText, text);
    p.setColor(QPalette::Mid, QColor(90, 90, 95));
    p.setColor(QPalette::Highlight, QColor(42, 130, 218));
    p.setColor(QPalette::HighlightedText, Qt::white);
    return p;
}

bool openEstimated(MainWindow& window)
{
    window.show();
    window.selectHardware(QStringLiteral("nvidia-l4"));
    QSignalSpy loaded(window.loader(), &graphs::ui::ModelLoader::loaded);
    window.openModel(QStringLiteral(GRAPHS_SOURCE_DIR "/resources/models/squeezenet1_1.onnx"));
    if (!loaded.wait(20000) && loaded.isEmpty())
        return false;
    QElapsedTimer timer;
    timer.start();
    while (timer.elapsed() < 20000) {
        if (window.estimate() && !window.estimator()->isRunning())
            return true;
        QTest::qWait(10);
    }
    return false;
}

/// Lightness of the widget's top-left corner as drawn (the chart's background).
int cornerLightness(QWidget* widget)
{
    return widget->grab().toImage().pixelColor(3, 3).lightness();
}

} // namespace

class TestChartTheme : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QSettings().clear();
        QVERIFY(!graphs::ui::isDarkPalette(QApplication::palette()));
        QVERIFY(graphs::ui::isDarkPalette(darkPalette()));
    }

    void chartsFollowThePalette()
    {
        const QPalette light = QApplication::palette();
        MainWindow window;
        window.resize(1200, 800);
        QVERIFY(openEstimated(window));
        const auto plots = window.findChildren<QCustomPlot*>();
        const auto charts = window.findChildren<QChartView*>();
        QVERIFY(plots.size() >= 3); // roofline, calibration, validation, …
        QVERIFY(charts.size() >= 4); // energy and memory
        for (QCustomPlot* plot : plots)
            QVERIFY2(cornerLightness(plot) > 200, qPrintable(plot->objectName()));

        QApplication::setPalette(darkPalette());
        const QColor text = darkPalette().color(QPalette::Text);
        for (QCustomPlot* plot : plots) {
            QVERIFY2(cornerLightness(plot) < 60, qPrintable(plot->objectName()));
            QCOMPARE(plot->xAxis->tickLabelColor(), text);
            for (int i = 0; i < plot->itemCount(); ++i)
                if (auto* label = qobject_cast<QCPItemText*>(plot->item(i));
                    label && label->property("graphsPlainText").toBool())
                    QCOMPARE(label->color(), text);
        }
        for (QChartView* view : charts) {
            QCOMPARE(view->chart()->backgroundBrush().color(), darkPalette().color(QPalette::Base));
            for (QAbstractAxis* axis : view->chart()->axes())
                QCOMPARE(axis->labelsColor(), text);
        }
        // A new estimate redraws the roofline's labels; they stay readable.
        window.selectHardware(QStringLiteral("nvidia-h100-sxm5"));
        QTRY_VERIFY_WITH_TIMEOUT(window.estimate() && window.estimate()->hardware().id == "nvidia-h100-sxm5", 20000);
        window.pages()->setCurrentWidget(window.rooflinePage());
        QCustomPlot* roofline = window.rooflinePage()->findChild<QCustomPlot*>();
        QVERIFY(roofline);
        roofline->replot();
        for (int i = 0; i < roofline->itemCount(); ++i)
            if (auto* label = qobject_cast<QCPItemText*>(roofline->item(i));
                label && label->property("graphsPlainText").toBool()) {
                QCOMPARE(label->color(), text);
            }
        if (const QString dir = qEnvironmentVariable("GRAPHS_SCREENSHOT_DIR"); !dir.isEmpty())
            for (QWidget* page :
                { static_cast<QWidget*>(window.rooflinePage()), static_cast<QWidget*>(window.energyPage()) }) {
                window.pages()->setCurrentWidget(page);
                QTest::qWait(200);
                window.grab().save(
                    QDir(dir).filePath(QStringLiteral("dark-%1.png").arg(window.pages()->currentIndex())));
            }

        QApplication::setPalette(light);
        for (QCustomPlot* plot : plots)
            QVERIFY2(cornerLightness(plot) > 200, qPrintable(plot->objectName()));
        for (QChartView* view : charts)
            QCOMPARE(view->chart()->backgroundBrush().color(), light.color(QPalette::Base));
    }
};

QTEST_MAIN(TestChartTheme)
#include "tst_chart_theme.moc"
