#include "main_window.h"

#include "charts/chart_theme.h"
#include "close_guard.h"
#include "core/data_paths.h"
#include "dialogs.h"
#include "estimation/graph_analysis.h"
#include "estimation/analysis_pipeline.h"
#include "hardware/hardware_registry.h"
#include "jobs/calibration_runner.h"
#include "jobs/estimate_runner.h"
#include "jobs/model_loader.h"
#include "jobs/registry_loader.h"
#include "pages/benchmarks_page.h"
#include "pages/compare_page.h"
#include "pages/generation_page.h"
#include "recent_files.h"
#include "reporting/analysis_report.h"
#include "reporting/estimate_report.h"
#include "shell/about_box.h"
#include "shell/export_actions.h"
#include "subgraph_selection.h"
#include "widgets/hardware_toolbar.h"
#include "widgets/import_progress.h"

#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QDir>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QLabel>
#include <QMenuBar>
#include <QMessageBox> // CloseGuard::question()
#include <QMimeData>
#include <QSettings>
#include <QStackedWidget>
#include <QStatusBar>
#include <QStringList>
#include <QTabWidget>

namespace graphs::ui {

namespace {

const QString GeometryKey = QStringLiteral("mainWindow/geometry");
const QString StateKey = QStringLiteral("mainWindow/state");
const QString OpenDirectoryKey = QStringLiteral("mainWindow/openDirectory");

/// The first local .onnx file among dropped URLs, or an empty string.
QString droppedModel(const QMimeData* mime)
{
    if (!mime || !mime->hasUrls())
        return {};
    for (const QUrl& url : mime->urls()) {
        if (url.isLocalFile() && url.toLocalFile().endsWith(QLatin1String(".onnx"), Qt::CaseInsensitive))
            return url.toLocalFile();
    }
    return {};
}

QString displayName(const QString& path)
{
    return QFileInfo(path).fileName();
}

} // namespace

MainWindow::MainWindow(QWidget* parent)
    : QMainWindow(parent)
    , m_loader(new ModelLoader(this))
    , m_registryLoader(new RegistryLoader(this))
    , m_estimator(new EstimateRunner(this))
    , m_selection(new SubgraphSelection(this))
    , m_calibrationRunner(new CalibrationRunner(this))
    , m_feed(new PageFeed(this))
    , m_hardwareBar(new HardwareToolBar)
    , m_stack(new QStackedWidget)
    , m_welcome(new QLabel)
    , m_pages(new QTabWidget)
{
    setObjectName(QStringLiteral("mainWindow"));
    setWindowTitle(QApplication::applicationName());
    setAcceptDrops(true);

    m_welcome->setObjectName(QStringLiteral("welcome"));
    m_welcome->setAlignment(Qt::AlignCenter);
    m_welcome->setWordWrap(true);
    m_welcome->setText(tr("<h2>No model open</h2><p>Open an ONNX model with <b>File › Open…</b> (%1), "
                          "or drop a <tt>.onnx</tt> file onto this window.</p>")
                           .arg(QKeySequence(QKeySequence::Open).toString(QKeySequence::NativeText)));

    m_pages->setObjectName(QStringLiteral("pages"));
    m_pages->setDocumentMode(true);
    addPages(m_pages, { m_feed, m_selection, m_calibrationRunner, &m_page });
    connect(m_registryLoader, &RegistryLoader::loaded, m_feed, &PageFeed::catalogLoaded);
    m_closeGuard = new CloseGuard(this, m_page.benchmarks);
    m_exports = new ExportActions(this, m_page, m_feed);
    connect(m_exports, &ExportActions::failed, this, &MainWindow::showError);
    connect(m_exports, &ExportActions::exported, this, [this](const QString& path) {
        statusBar()->showMessage(tr("Exported %1").arg(QDir::toNativeSeparators(path)), 5000);
    });

    m_stack->addWidget(m_welcome);
    m_stack->addWidget(m_pages);
    setCentralWidget(m_stack);
    addToolBar(Qt::TopToolBarArea, m_hardwareBar);

    createMenus();
    m_importProgress = new ImportProgress(m_loader);
    statusBar()->addPermanentWidget(m_importProgress);
    new ChartPaletteFollower(this); // charts in the desktop's light or dark palette, and follow it when it changes
    connectEstimation();

    connect(m_loader, &ModelLoader::loaded, this, &MainWindow::onLoaded);
    connect(m_loader, &ModelLoader::failed, this, &MainWindow::onFailed);
    connect(m_loader, &ModelLoader::cancelled, this, &MainWindow::onCancelled);

    restoreSettings();
    QStringList dirs;
    for (const std::string& dir : graphs::registryDirs())
        dirs << QString::fromStdString(dir);
    m_registryLoader->load(dirs);
}

MainWindow::~MainWindow() = default;

void MainWindow::connectEstimation()
{
    connect(m_registryLoader, &RegistryLoader::loaded, this, &MainWindow::onCatalogLoaded);
    connect(m_registryLoader, &RegistryLoader::failed, this, [this](const QString& message) {
        m_hardwareBar->setCatalogError(message);
        showError(tr("Hardware registry"), tr("The hardware registry could not be loaded."), message);
    });
    connect(m_hardwareBar, &HardwareToolBar::settingsChanged, this,
        [this] { m_estimator->setSettings(m_hardwareBar->settings()); });
    connect(m_hardwareBar, &HardwareToolBar::batchChanged, this, &MainWindow::onBatchChanged);
    // A profile saved on the Calibration page calibrates its hardware now: the picker's marks and the estimate follow.
    connect(m_calibrationRunner, &CalibrationRunner::saved, this, [this] {
        m_hardwareBar->refreshCalibrations();
        m_page.compare->refreshCalibrations();
        m_page.generation->refreshCalibrations();
    });
    connect(m_estimator, &EstimateRunner::started, this, [this] {
        const auto& hardware = m_estimator->settings().hardware;
        // With a timeout: a run superseded by "no hardware" reports nothing that would clear it.
        statusBar()->showMessage(tr("Estimating on %1…").arg(QString::fromStdString(hardware->name)), 3000);
    });
    connect(m_estimator, &EstimateRunner::estimated, this, &MainWindow::onEstimated);
    connect(m_estimator, &EstimateRunner::failed, this, &MainWindow::onEstimateFailed);
}

void MainWindow::createMenus()
{
    QMenu* file = menuBar()->addMenu(tr("&File"));
    QAction* open = file->addAction(tr("&Open…"), this, &MainWindow::showOpenDialog);
    open->setShortcut(QKeySequence::Open);
    open->setStatusTip(tr("Open an ONNX model"));

    QMenu* recent = file->addMenu(tr("Open &Recent"));
    m_recentFiles = new RecentFiles(recent, this);
    connect(m_recentFiles, &RecentFiles::fileTriggered, this, &MainWindow::openModel);

    file->addSeparator();
    m_exports->addTo(file);

    file->addSeparator();
    QAction* quit = file->addAction(tr("&Quit"), this, &QWidget::close);
    quit->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Q));
    quit->setMenuRole(QAction::QuitRole);

    QMenu* view = menuBar()->addMenu(tr("&View"));
    view->addAction(m_hardwareBar->toggleViewAction());
    view->addSeparator();
    m_modelActions = addPageActions(view, m_stack, m_pages);

    QMenu* help = menuBar()->addMenu(tr("&Help"));
    QAction* about = help->addAction(tr("&About graphs-studio"), this, [this] { showAboutBox(this); });
    about->setMenuRole(QAction::AboutRole);
}

void MainWindow::restoreSettings()
{
    const QSettings settings;
    if (!restoreGeometry(settings.value(GeometryKey).toByteArray()))
        resize(1200, 800);
    restoreState(settings.value(StateKey).toByteArray());
}

void MainWindow::closeEvent(QCloseEvent* event)
{
    if (!m_closeGuard->allowClose()) {
        event->ignore();
        return;
    }
    m_loader->cancel();
    m_page.benchmarks->shutdown(5000); // a no-op unless the user chose to stop now
    QSettings settings;
    settings.setValue(GeometryKey, saveGeometry());
    settings.setValue(StateKey, saveState());
    QMainWindow::closeEvent(event);
}

void MainWindow::dragEnterEvent(QDragEnterEvent* event)
{
    if (!droppedModel(event->mimeData()).isEmpty())
        event->acceptProposedAction();
}

void MainWindow::dropEvent(QDropEvent* event)
{
    const QString path = droppedModel(event->mimeData());
    if (path.isEmpty())
        return;
    event->acceptProposedAction();
    openModel(path);
}

void MainWindow::openModel(const QString& path)
{
    if (path.isEmpty())
        return;
    setLoading(true);
    statusBar()->showMessage(tr("Opening %1…").arg(displayName(path)));
    ImportOptions options;
    if (m_batch)
        options.batch = *m_batch;
    m_loader->load(path, options);
}

void MainWindow::selectHardware(const QString& id)
{
    const auto& catalog = m_registryLoader->catalog();
    if (!catalog) {
        m_pendingHardware = id;
        return;
    }
    m_pendingHardware.clear();
    if (m_hardwareBar->selectHardware(id))
        return;
    QStringList closest;
    for (const std::string& s : catalog->registry->suggestions(id.toStdString()))
        closest << QString::fromStdString(s);
    showError(tr("Unknown hardware"), tr("The registry has no hardware with id '%1'.").arg(id),
        closest.isEmpty() ? QString() : tr("Did you mean: %1?").arg(closest.join(QStringLiteral(", "))));
}

void MainWindow::setPreferredPrecision(Precision precision)
{
    m_hardwareBar->setPreferredPrecision(precision);
}

void MainWindow::setLoading(bool loading)
{
    m_importProgress->setLoading(loading);
    if (!loading)
        statusBar()->clearMessage();
}

void MainWindow::onLoaded(std::shared_ptr<const GraphAnalysis> analysis)
{
    setLoading(false);
    m_analysis = std::move(analysis);
    m_modelPath = m_loader->path();
    Q_EMIT m_feed->analysisChanged(m_analysis);
    m_hardwareBar->setBatch(boundBatch(*m_analysis));
    m_estimator->setAnalysis(m_analysis);
    m_stack->setCurrentWidget(m_pages);
    Q_EMIT m_feed->modelOpened(m_modelPath);
    for (QAction* action : std::as_const(m_modelActions))
        action->setEnabled(true);
    m_recentFiles->add(m_loader->path());

    const QString name = QString::fromStdString(modelDisplayName(*m_analysis->graph));
    setWindowTitle(tr("%1 — %2").arg(name, QApplication::applicationName()));
    const int nodes = static_cast<int>(m_analysis->graph->nodeCount());
    statusBar()->showMessage(tr("Opened %1: %n node(s)", nullptr, nodes).arg(name), 5000);
}

void MainWindow::onFailed(const QString& message)
{
    setLoading(false);
    const QString path = m_loader->path();
    if (!QFileInfo::exists(path))
        m_recentFiles->remove(path);
    // The model shown before, if any, stays: a failed open changes nothing else, and a batch it could not be
    // imported at is forgotten.
    m_batch.reset();
    if (m_analysis)
        m_hardwareBar->setBatch(boundBatch(*m_analysis));
    showError(tr("Could not open model"), tr("Could not open %1.").arg(displayName(path)), message);
}

void MainWindow::onCancelled()
{
    setLoading(false);
    statusBar()->showMessage(tr("Opening %1 cancelled").arg(displayName(m_loader->path())), 5000);
}

void MainWindow::showOpenDialog()
{
    QSettings settings;
    const QString path = QFileDialog::getOpenFileName(this, tr("Open ONNX Model"),
        settings.value(OpenDirectoryKey).toString(), tr("ONNX models (*.onnx);;All files (*)"));
    if (path.isEmpty())
        return;
    settings.setValue(OpenDirectoryKey, QFileInfo(path).absolutePath());
    openModel(path);
}

bool MainWindow::exportNodesCsv(const QString& path)
{
    return m_exports->exportNodesCsv(path);
}

QString MainWindow::exportReport(const QString& path)
{
    return m_exports->exportReport(path);
}

void MainWindow::showError(const QString& title, const QString& text, const QString& details)
{
    showErrorBox(this, title, text, details);
    Q_EMIT errorShown(text + (details.isEmpty() ? QString() : QLatin1Char(' ') + details));
}

void MainWindow::onCatalogLoaded(const std::shared_ptr<const HardwareCatalog>& catalog)
{
    m_hardwareBar->setCatalog(catalog);
    if (!catalog->problems.isEmpty())
        statusBar()->showMessage(tr("Hardware registry: %1").arg(catalog->problems.join(QStringLiteral("; "))), 10000);
    if (!m_pendingHardware.isEmpty())
        selectHardware(QString(m_pendingHardware)); // a copy: selectHardware() clears the member
}

void MainWindow::onBatchChanged(int batch)
{
    m_batch = batch;
    // The batch is bound at import: the model is read again, and the estimate follows the new analysis.
    if (!m_modelPath.isEmpty())
        openModel(m_modelPath);
}

void MainWindow::onEstimated(std::shared_ptr<const EstimatedModel> estimate)
{
    // Another precision keeps the partition, and with it the subgraph the user singled out; another model or
    // runtime partitions afresh.
    const bool samePartition = estimate && m_estimate && estimate->analysis == m_estimate->analysis
        && estimate->estimate.runtime == m_estimate->estimate.runtime;
    if (!samePartition)
        m_selection->clear();
    m_estimate = std::move(estimate);
    Q_EMIT m_feed->estimateChanged(m_estimate);
    if (!m_estimate)
        return;
    statusBar()->showMessage(tr("%1 on %2: %3")
                                 .arg(QString::fromStdString(modelDisplayName(*m_estimate->analysis->graph)),
                                     QString::fromStdString(m_estimate->hardware().name),
                                     QString::fromStdString(formatEstimate(m_estimate->estimate.summary.latency))),
        10000);
}

void MainWindow::onEstimateFailed(const QString& message)
{
    onEstimated(nullptr);
    showError(tr("Estimate failed"), tr("Could not estimate the model on this hardware."), message);
}

} // namespace graphs::ui
