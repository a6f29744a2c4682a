#include "screenshot_taker.h"

#include "graph/graph_view_page.h"
#include "jobs/calibration_runner.h"
#include "jobs/estimate_runner.h"
#include "main_window.h"
#include "pages/calibration_page.h"
#include "pages/energy_page.h"
#include "pages/memory_page.h"
#include "pages/model_summary_page.h"
#include "pages/nodes_page.h"
#include "pages/roofline_page.h"
#include "pages/subgraphs_page.h"
#include "pages/validation_page.h"
#include "subgraph_selection.h"

#include <QDir>
#include <QPixmap>
#include <QTabWidget>

namespace graphs::ui {

namespace {

/// Time for a page just shown to lay out and paint (the chart replots on the next event-loop pass).
constexpr int SettleMs = 400;

} // namespace

ScreenshotTaker::ScreenshotTaker(MainWindow* window, QString directory, QObject* parent)
    : QObject(parent)
    , m_window(window)
    , m_directory(std::move(directory))
{
    m_shots = { { window->summaryPage(), QStringLiteral("studio-summary.png") },
        { window->nodesPage(), QStringLiteral("studio-nodes.png") },
        { window->subgraphsPage(), QStringLiteral("studio-subgraphs.png") },
        { window->rooflinePage(), QStringLiteral("studio-roofline.png") },
        { window->graphPage(), QStringLiteral("graph-view.png") },
        { window->energyPage(), QStringLiteral("energy.png") }, { window->memoryPage(), QStringLiteral("memory.png") } };
    m_timeout.setSingleShot(true);
    connect(&m_timeout, &QTimer::timeout, this,
        [this] { finish(false, tr("No estimate within the time allowed: was a model and hardware given?")); });
}

void ScreenshotTaker::start(int timeoutMs)
{
    if (!QDir().mkpath(m_directory)) {
        finish(false, tr("Could not create %1").arg(QDir::toNativeSeparators(m_directory)));
        return;
    }
    m_timeout.start(timeoutMs);
    // A model that does not load or an unknown hardware id ends the run at once, with what the window said.
    connect(m_window, &MainWindow::errorShown, this, [this](const QString& message) {
        if (!m_begun)
            finish(false, message);
    });
    connect(m_window->estimator(), &EstimateRunner::estimated, this,
        [this](const std::shared_ptr<const EstimatedModel>& estimate) {
            if (estimate)
                begin();
        });
    if (m_window->estimate())
        begin();
}

void ScreenshotTaker::begin()
{
    if (m_begun || m_finished)
        return;
    m_begun = true;
    m_timeout.stop();
    const auto& estimate = m_window->estimate();
    int slowest = -1;
    for (size_t i = 0; i < estimate->estimate.subgraphs.size(); ++i) {
        if (slowest < 0
            || estimate->estimate.subgraphs[i].latency.value > estimate->estimate.subgraphs[slowest].latency.value)
            slowest = static_cast<int>(i);
    }
    m_window->subgraphSelection()->select(slowest);
    // The graph coloured by where the time goes: what the picture is meant to show.
    m_window->graphPage()->setColourMode(ColourMode::LatencyShare);
    QTimer::singleShot(SettleMs, this, &ScreenshotTaker::captureNext);
}

void ScreenshotTaker::captureNext()
{
    if (!m_window) {
        finish(false, tr("The window was closed"));
        return;
    }
    if (m_shots.isEmpty()) {
        if (queueCalibrationShots())
            return;
        finish(true, tr("Wrote %1").arg(m_written.join(QStringLiteral(", "))) + m_calibrationNote);
        return;
    }
    m_window->pages()->setCurrentWidget(m_shots.constFirst().page);
    QTimer::singleShot(SettleMs, this, [this] { grabCurrent(); });
}

void ScreenshotTaker::grabCurrent()
{
    if (!m_window)
        return finish(false, tr("The window was closed"));
    // The graph page lays out once shown, on the thread pool: wait for it (a large graph takes seconds).
    if (m_shots.constFirst().page == m_window->graphPage() && m_window->graphPage()->isLayoutPending()) {
        QTimer::singleShot(SettleMs, this, [this] { grabCurrent(); });
        return;
    }
    const Shot shot = m_shots.takeFirst();
    const QString path = QDir(m_directory).filePath(shot.file);
    if (!m_window->grab().save(path))
        return finish(false, tr("Could not write %1").arg(QDir::toNativeSeparators(path)));
    m_written << QDir::toNativeSeparators(path);
    captureNext();
}

void ScreenshotTaker::finish(bool ok, const QString& message)
{
    if (m_finished)
        return;
    m_finished = true;
    m_timeout.stop();
    Q_EMIT finished(ok, message);
}

bool ScreenshotTaker::queueCalibrationShots()
{
    if (m_calibrationQueued)
        return false;
    m_calibrationQueued = true;
    CalibrationPage* page = m_window->calibrationPage();
    if (!page->hasMeasurements()) {
        m_calibrationNote = tr(" (no measurements of %1 × %2 in %3: calibration pages not captured)")
                                .arg(page->hardwareId(), page->runtimeId(),
                                    QDir::toNativeSeparators(page->registryDirectory()));
        return false;
    }
    CalibrationRunner* runner = m_window->calibrationRunner();
    connect(runner, &CalibrationRunner::finished, this, [this] {
        if (m_window) {
            m_shots << Shot { m_window->calibrationPage(), QStringLiteral("calibration-page.png") }
                    << Shot { m_window->validationPage(), QStringLiteral("validation-page.png") };
        }
        captureNext();
    });
    connect(runner, &CalibrationRunner::failed, this, [this](const QString& message) {
        m_calibrationNote = tr(" (calibration failed: %1)").arg(message);
        captureNext();
    });
    page->fit();
    return true;
}

} // namespace graphs::ui
