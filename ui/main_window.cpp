#include "main_window.h"

#include "estimation/graph_analysis.h"
#include "model_loader.h"
#include "pages/model_summary_page.h"
#include "pages/nodes_page.h"
#include "recent_files.h"
#include "reporting/analysis_report.h"

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
#include <QMessageBox>
#include <QMimeData>
#include <QProgressBar>
#include <QPushButton>
#include <QSettings>
#include <QStackedWidget>
#include <QStatusBar>
#include <QTabWidget>

namespace graphs::ui {

namespace {

const QString GeometryKey = QStringLiteral("mainWindow/geometry");
const QString StateKey = QStringLiteral("mainWindow/state");
const QString OpenDirectoryKey = QStringLiteral("mainWindow/openDirectory");
const QString ExportDirectoryKey = QStringLiteral("mainWindow/exportDirectory");

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
    , m_stack(new QStackedWidget)
    , m_welcome(new QLabel)
    , m_pages(new QTabWidget)
    , m_summaryPage(new ModelSummaryPage)
    , m_nodesPage(new NodesPage)
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
    m_pages->addTab(m_nodesPage, tr("Nodes"));

    m_stack->addWidget(m_welcome);
    m_stack->addWidget(m_pages);
    setCentralWidget(m_stack);

    createMenus();
    createStatusBar();

    connect(m_loader, &ModelLoader::progressChanged, m_progress, &QProgressBar::setValue);
    connect(m_loader, &ModelLoader::loaded, this, &MainWindow::onLoaded);
    connect(m_loader, &ModelLoader::failed, this, &MainWindow::onFailed);
    connect(m_loader, &ModelLoader::cancelled, this, &MainWindow::onCancelled);

    restoreSettings();
}

MainWindow::~MainWindow() = default;

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

    file->addSeparator();
    QAction* quit = file->addAction(tr("&Quit"), this, &QWidget::close);
    quit->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Q));
    quit->setMenuRole(QAction::QuitRole);

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
    m_loader->cancel();
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
    m_loader->load(path);
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
    m_summaryPage->setAnalysis(m_analysis);
    m_nodesPage->setAnalysis(m_analysis);
    m_stack->setCurrentWidget(m_pages);
    m_exportCsvAction->setEnabled(true);
    m_recentFiles->add(m_loader->path());

    const QString name = QString::fromStdString(modelDisplayName(*m_analysis->graph));
    setWindowTitle(tr("%1 — %2").arg(name, QApplication::applicationName()));
    const auto nodes = static_cast<qulonglong>(m_analysis->graph->nodeCount());
    statusBar()->showMessage(
        nodes == 1 ? tr("Opened %1: 1 node").arg(name) : tr("Opened %1: %2 nodes").arg(name).arg(nodes), 5000);
}

void MainWindow::onFailed(const QString& message)
{
    setLoading(false);
    const QString path = m_loader->path();
    if (!QFileInfo::exists(path))
        m_recentFiles->remove(path);
    // The model shown before, if any, stays: a failed open changes nothing else.
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
    QSettings settings;
    const QString name = QString::fromStdString(modelDisplayName(*m_analysis->graph)) + QStringLiteral("-nodes.csv");
    const QString directory = settings.value(ExportDirectoryKey, QFileInfo(m_loader->path()).absolutePath()).toString();
    const QString path = QFileDialog::getSaveFileName(
        this, tr("Export Nodes as CSV"), QDir(directory).filePath(name), tr("CSV files (*.csv);;All files (*)"));
    if (path.isEmpty())
        return;
    settings.setValue(ExportDirectoryKey, QFileInfo(path).absolutePath());
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

void MainWindow::showError(const QString& title, const QString& text, const QString& details)
{
    // open(), not exec(): no nested event loop, and the window stays responsive behind the box.
    auto* box = new QMessageBox(QMessageBox::Warning, title, text, QMessageBox::Ok, this);
    box->setObjectName(QStringLiteral("errorBox"));
    box->setInformativeText(details);
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->open();
}

void MainWindow::showAbout()
{
    auto* box = new QMessageBox(QMessageBox::Information, tr("About graphs-studio"),
        tr("<h3>graphs-studio %1</h3>"
           "<p>Latency, memory and energy estimates of neural networks on hardware.</p>"
           "<p>Counts MACs, FLOPs and bytes moved per node of an ONNX model.</p>")
            .arg(QApplication::applicationVersion()),
        QMessageBox::Ok, this);
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->open();
}

} // namespace graphs::ui
