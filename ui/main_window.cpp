#include "main_window.h"

#include "core/data_paths.h"

#include "calibration_runner.h"
#include "charts/chart_theme.h"
#include "close_guard.h"
#include "dialogs.h"
#include "estimate_runner.h"
#include "estimation/graph_analysis.h"
#include "graph/graph_scene.h"
#include "graph/graph_view_page.h"
#include "hardware/hardware_registry.h"
#include "model_loader.h"
#include "pages/benchmarks_page.h"
#include "pages/calibration_page.h"
#include "pages/compare_page.h"
#include "pages/energy_page.h"
#include "pages/memory_page.h"
#include "pages/model_summary_page.h"
#include "pages/nodes_page.h"
#include "pages/roofline_page.h"
#include "pages/subgraphs_page.h"
#include "pages/validation_page.h"
#include "recent_files.h"
#include "registry_loader.h"
#include "report_export.h"
#include "reporting/analysis_report.h"
#include "reporting/estimate_report.h"
#include "subgraph_selection.h"
#include "widgets/hardware_toolbar.h"

#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QDir>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QHash>
#include <QLabel>
#include <QMenuBar>
#include <QMessageBox>
#include <QMimeData>
#include <QProgressBar>
#include <QPushButton>
#include <QSet>
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
    , m_hardwareBar(new HardwareToolBar)
    , m_stack(new QStackedWidget)
    , m_welcome(new QLabel)
    , m_pages(new QTabWidget)
    , m_summaryPage(new ModelSummaryPage)
    , m_nodesPage(new NodesPage)
    , m_graphPage(new GraphViewPage(m_selection))
    , m_subgraphsPage(new SubgraphsPage(m_selection))
    , m_rooflinePage(new RooflinePage(m_selection))
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
    m_pages->addTab(m_summaryPage, tr("Summary"));
    m_pages->addTab(m_graphPage, tr("Graph"));
    m_pages->addTab(m_nodesPage, tr("Nodes"));
    m_pages->addTab(m_subgraphsPage, tr("Subgraphs"));
    m_pages->addTab(m_rooflinePage, tr("Roofline"));
    m_energyPage = new EnergyPage(m_selection);
    m_memoryPage = new MemoryPage;
    m_pages->addTab(m_energyPage, tr("Energy"));
    m_pages->addTab(m_memoryPage, tr("Memory"));
    m_comparePage = new ComparePage;
    m_pages->addTab(m_comparePage, tr("Compare"));
    connect(m_registryLoader, &RegistryLoader::loaded, m_comparePage, &ComparePage::setCatalog);
    // Calibration needs no model open: the pages fit measurements from the user registry.
    m_calibrationRunner = new CalibrationRunner(this);
    m_calibrationPage = new CalibrationPage(m_calibrationRunner);
    m_validationPage = new ValidationPage(m_calibrationRunner);
    m_pages->addTab(m_calibrationPage, tr("Calibration"));
    m_pages->addTab(m_validationPage, tr("Validation"));
    m_benchmarksPage = new BenchmarksPage;
    m_pages->addTab(m_benchmarksPage, tr("Benchmarks"));
    m_closeGuard = new CloseGuard(this, m_benchmarksPage);
    connect(m_registryLoader, &RegistryLoader::loaded, m_calibrationPage, &CalibrationPage::setCatalog);
    connect(m_registryLoader, &RegistryLoader::loaded, m_validationPage, &ValidationPage::setCatalog);

    m_stack->addWidget(m_welcome);
    m_stack->addWidget(m_pages);
    setCentralWidget(m_stack);
    addToolBar(Qt::TopToolBarArea, m_hardwareBar);

    createMenus();
    createStatusBar();
    new ChartPaletteFollower(this); // charts in the desktop's light or dark palette, and follow it when it changes
    connectEstimation();

    connect(m_loader, &ModelLoader::progressChanged, m_progress, &QProgressBar::setValue);
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
    m_exportCsvAction = file->addAction(tr("&Export Nodes as CSV…"), this, &MainWindow::showExportDialog);
    m_exportCsvAction->setObjectName(QStringLiteral("exportNodesCsv"));
    m_exportCsvAction->setStatusTip(tr("Write one row per node with its counts"));
    m_exportCsvAction->setEnabled(false);
    m_exportSubgraphsAction
        = file->addAction(tr("Export &Subgraphs as CSV…"), m_subgraphsPage, &SubgraphsPage::showExportDialog);
    m_exportSubgraphsAction->setObjectName(QStringLiteral("exportSubgraphsCsv"));
    m_exportSubgraphsAction->setStatusTip(tr("Write one row per subgraph with its estimate"));
    m_exportSubgraphsAction->setEnabled(false);
    m_exportRooflineAction
        = file->addAction(tr("Export Roo&fline as PNG…"), m_rooflinePage, &RooflinePage::showExportDialog);
    m_exportRooflineAction->setObjectName(QStringLiteral("exportRooflinePng"));
    m_exportRooflineAction->setStatusTip(tr("Save the roofline chart as an image"));
    m_exportRooflineAction->setEnabled(false);
    m_exportReportAction = file->addAction(tr("Export Re&port…"), this, &MainWindow::showReportDialog);
    m_exportReportAction->setObjectName(QStringLiteral("exportReport"));
    m_exportReportAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_E));
    m_exportReportAction->setStatusTip(tr("Write the estimate and every chart as a Markdown or HTML report"));
    m_exportReportAction->setEnabled(false);

    file->addSeparator();
    QAction* quit = file->addAction(tr("&Quit"), this, &QWidget::close);
    quit->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Q));
    quit->setMenuRole(QAction::QuitRole);

    QMenu* view = menuBar()->addMenu(tr("&View"));
    view->addAction(m_hardwareBar->toggleViewAction());
    view->addSeparator();
    // Alt+1… as in tabbed browsers and terminals; Ctrl+digit is taken by the graph's zoom (Ctrl+0: fit).
    const int digits[] = { Qt::Key_1, Qt::Key_2, Qt::Key_3, Qt::Key_4, Qt::Key_5, Qt::Key_6, Qt::Key_7, Qt::Key_8,
        Qt::Key_9, Qt::Key_0 };
    const QSet<QWidget*> needNoModel { m_comparePage, m_calibrationPage, m_validationPage, m_benchmarksPage };
    const QHash<QWidget*, QString> names { { m_summaryPage, QStringLiteral("Summary") },
        { m_graphPage, QStringLiteral("Graph") }, { m_nodesPage, QStringLiteral("Nodes") },
        { m_subgraphsPage, QStringLiteral("Subgraphs") }, { m_rooflinePage, QStringLiteral("Roofline") },
        { m_energyPage, QStringLiteral("Energy") }, { m_memoryPage, QStringLiteral("Memory") },
        { m_calibrationPage, QStringLiteral("Calibration") }, { m_validationPage, QStringLiteral("Validation") },
        { m_benchmarksPage, QStringLiteral("Benchmarks") }, { m_comparePage, QStringLiteral("Compare") } };
    for (int i = 0; i < m_pages->count(); ++i) {
        QWidget* page = m_pages->widget(i);
        QAction* show = view->addAction(m_pages->tabText(i), this, [this, page] {
            m_stack->setCurrentWidget(m_pages);
            m_pages->setCurrentWidget(page);
        });
        show->setObjectName(QStringLiteral("show") + names.value(page));
        if (i < int(std::size(digits)))
            show->setShortcut(QKeySequence(Qt::ALT | digits[i]));
        if (!needNoModel.contains(page)) {
            show->setEnabled(false); // until a model is open
            m_modelActions << show;
        }
    }

    QMenu* help = menuBar()->addMenu(tr("&Help"));
    QAction* about = help->addAction(tr("&About graphs-studio"), this, &MainWindow::showAbout);
    about->setMenuRole(QAction::AboutRole);
}

void MainWindow::createStatusBar()
{
    m_progress = new QProgressBar;
    m_progress->setObjectName(QStringLiteral("importProgress"));
    m_progress->setRange(0, 100);
    m_progress->setMaximumWidth(200);
    m_progress->hide();

    m_cancelButton = new QPushButton(tr("Cancel"));
    m_cancelButton->setObjectName(QStringLiteral("cancelImport"));
    m_cancelButton->hide();
    connect(m_cancelButton, &QPushButton::clicked, m_loader, &ModelLoader::cancel);

    statusBar()->addPermanentWidget(m_progress);
    statusBar()->addPermanentWidget(m_cancelButton);
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
    m_benchmarksPage->shutdown(5000); // a no-op unless the user chose to stop now
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
    m_progress->setValue(0);
    m_progress->setVisible(loading);
    m_cancelButton->setVisible(loading);
    if (!loading)
        statusBar()->clearMessage();
}

void MainWindow::onLoaded(std::shared_ptr<const GraphAnalysis> analysis)
{
    setLoading(false);
    m_analysis = std::move(analysis);
    m_modelPath = m_loader->path();
    m_summaryPage->setAnalysis(m_analysis);
    m_nodesPage->setAnalysis(m_analysis);
    m_graphPage->setAnalysis(m_analysis);
    m_hardwareBar->setBatch(analysedBatch(*m_analysis));
    m_estimator->setAnalysis(m_analysis);
    m_stack->setCurrentWidget(m_pages);
    m_exportCsvAction->setEnabled(true);
    m_comparePage->setOpenModel(m_modelPath);
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
        m_hardwareBar->setBatch(analysedBatch(*m_analysis));
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

void MainWindow::showExportDialog()
{
    if (!m_analysis)
        return;
    const QString name = QString::fromStdString(modelDisplayName(*m_analysis->graph)) + QStringLiteral("-nodes.csv");
    const QString path = askExportPath(this, tr("Export Nodes as CSV"), name, tr("CSV files (*.csv);;All files (*)"),
        QFileInfo(m_modelPath).absolutePath());
    if (!path.isEmpty())
        exportNodesCsv(path);
}

bool MainWindow::exportNodesCsv(const QString& path)
{
    const QString error = m_nodesPage->exportCsv(path);
    if (!error.isEmpty()) {
        showError(tr("Export failed"), tr("Could not export the nodes."), error);
        return false;
    }
    statusBar()->showMessage(tr("Exported %1").arg(QDir::toNativeSeparators(path)), 5000);
    return true;
}

void MainWindow::showReportDialog()
{
    if (!m_estimate)
        return;
    const QString name
        = QString::fromStdString(modelDisplayName(*m_estimate->analysis->graph) + '-' + m_estimate->hardware().id)
        + QStringLiteral("-report.md");
    const QString path = askExportPath(this, tr("Export Report"), name,
        tr("Markdown (*.md);;HTML (*.html);;All files (*)"), QFileInfo(m_modelPath).absolutePath());
    if (path.isEmpty())
        return;
    if (const QString error = exportReport(path); !error.isEmpty())
        showError(tr("Export failed"), tr("Could not export the report."), error);
    else
        statusBar()->showMessage(tr("Exported %1").arg(QDir::toNativeSeparators(path)), 5000);
}

QString MainWindow::exportReport(const QString& path)
{
    if (!m_estimate)
        return tr("There is no estimate to report: open a model and choose hardware.");
    QList<ReportFigure> figures {
        { tr("Roofline"), QStringLiteral("roofline.png"),
            [this](const QString& p) { return m_rooflinePage->exportPng(p); } },
        { tr("Energy"), QStringLiteral("energy.png"), [this](const QString& p) { return m_energyPage->exportPng(p); } },
        { tr("Memory"), QStringLiteral("memory.png"), [this](const QString& p) { return m_memoryPage->exportPng(p); } },
    };
    // The graph is laid out when its page is first shown; a report never waits for it.
    if (!m_graphPage->isLayoutPending() && !m_graphPage->scene()->items().isEmpty())
        figures.push_back({ tr("Graph"), QStringLiteral("graph.png"),
            [this](const QString& p) { return saveScenePng(*m_graphPage->scene(), p); } });
    return graphs::ui::exportReport(path, *m_estimate, figures);
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
    m_summaryPage->setEstimate(m_estimate);
    m_subgraphsPage->setEstimate(m_estimate);
    m_graphPage->setEstimate(m_estimate);
    m_rooflinePage->setEstimate(m_estimate);
    m_energyPage->setEstimate(m_estimate);
    m_memoryPage->setEstimate(m_estimate);
    m_exportSubgraphsAction->setEnabled(m_estimate != nullptr);
    m_exportRooflineAction->setEnabled(m_estimate != nullptr);
    m_exportReportAction->setEnabled(m_estimate != nullptr);
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

void MainWindow::showAbout()
{
    auto* box = new QMessageBox(QMessageBox::Information, tr("About graphs-studio"),
        tr("<h3>graphs-studio %1</h3>"
           "<p>Latency, memory and energy estimates of neural networks on hardware.</p>"
           "<p>Counts MACs, FLOPs and bytes moved per node of an ONNX model, partitions it into the kernels a "
           "runtime would run, and estimates each on the hardware chosen. Estimates are THEORETICAL until the "
           "hardware is calibrated.</p>")
            .arg(QApplication::applicationVersion()),
        QMessageBox::Ok, this);
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->open();
}

} // namespace graphs::ui
