#include "shell/export_actions.h"

#include "dialogs.h"
#include "estimated_model.h"
#include "estimation/graph_analysis.h"
#include "export/report_export.h"
#include "graph/graph_scene.h"
#include "graph/graph_view_page.h"
#include "pages/energy_page.h"
#include "pages/memory_page.h"
#include "pages/nodes_page.h"
#include "pages/roofline_page.h"
#include "pages/subgraphs_page.h"
#include "reporting/analysis_report.h"

#include <QAction>
#include <QDir>
#include <QFileInfo>
#include <QMenu>

namespace graphs::ui {

namespace {

QAction* disabledAction(QObject* parent, const QString& text, const QString& name, const QString& tip)
{
    auto* action = new QAction(text, parent);
    action->setObjectName(name);
    action->setStatusTip(tip);
    action->setEnabled(false);
    return action;
}

} // namespace

ExportActions::ExportActions(QWidget* window, const StudioPages& pages, PageFeed* feed)
    : QObject(window)
    , m_window(window)
    , m_pages(pages)
    , m_nodesCsv(disabledAction(this, tr("&Export Nodes as CSV…"), QStringLiteral("exportNodesCsv"),
          tr("Write one row per node with its counts")))
    , m_subgraphsCsv(disabledAction(this, tr("Export &Subgraphs as CSV…"), QStringLiteral("exportSubgraphsCsv"),
          tr("Write one row per subgraph with its estimate")))
    , m_rooflineImage(disabledAction(this, tr("Export Roo&fline as Image…"), QStringLiteral("exportRooflineImage"),
          tr("Save the roofline chart as an image")))
    , m_report(disabledAction(this, tr("Export Re&port…"), QStringLiteral("exportReport"),
          tr("Write the estimate and every chart as a Markdown or HTML report")))
{
    m_report->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_E));
    connect(m_nodesCsv, &QAction::triggered, this, &ExportActions::showNodesCsvDialog);
    connect(m_subgraphsCsv, &QAction::triggered, m_pages.subgraphs, &SubgraphsPage::showExportDialog);
    connect(m_rooflineImage, &QAction::triggered, m_pages.roofline, &RooflinePage::showExportDialog);
    connect(m_report, &QAction::triggered, this, &ExportActions::showReportDialog);
    connect(feed, &PageFeed::analysisChanged, this, [this](const std::shared_ptr<const GraphAnalysis>& analysis) {
        m_analysis = analysis;
        m_nodesCsv->setEnabled(m_analysis != nullptr);
    });
    connect(feed, &PageFeed::modelOpened, this, [this](const QString& path) { m_modelPath = path; });
    connect(feed, &PageFeed::estimateChanged, this, &ExportActions::setEstimate);
}

void ExportActions::addTo(QMenu* menu)
{
    menu->addActions({ m_nodesCsv, m_subgraphsCsv, m_rooflineImage, m_report });
}

void ExportActions::setEstimate(std::shared_ptr<const EstimatedModel> estimate)
{
    m_estimate = std::move(estimate);
    m_subgraphsCsv->setEnabled(m_estimate != nullptr);
    m_rooflineImage->setEnabled(m_estimate != nullptr);
    m_report->setEnabled(m_estimate != nullptr);
}

void ExportActions::showNodesCsvDialog()
{
    if (!m_analysis)
        return;
    const QString name = QString::fromStdString(modelDisplayName(*m_analysis->graph)) + QStringLiteral("-nodes.csv");
    const QString path = askExportPath(m_window, tr("Export Nodes as CSV"), name,
        tr("CSV files (*.csv);;All files (*)"), QFileInfo(m_modelPath).absolutePath());
    if (!path.isEmpty())
        exportNodesCsv(path);
}

bool ExportActions::exportNodesCsv(const QString& path)
{
    if (const QString error = m_pages.nodes->exportCsv(path); !error.isEmpty()) {
        Q_EMIT failed(tr("Export failed"), tr("Could not export the nodes."), error);
        return false;
    }
    Q_EMIT exported(path);
    return true;
}

void ExportActions::showReportDialog()
{
    if (!m_estimate)
        return;
    const QString name
        = QString::fromStdString(modelDisplayName(*m_estimate->analysis->graph) + '-' + m_estimate->hardware().id)
        + QStringLiteral("-report.md");
    const QString path = askExportPath(m_window, tr("Export Report"), name,
        tr("Markdown (*.md);;HTML (*.html);;All files (*)"), QFileInfo(m_modelPath).absolutePath());
    if (path.isEmpty())
        return;
    if (const QString error = exportReport(path); !error.isEmpty())
        Q_EMIT failed(tr("Export failed"), tr("Could not export the report."), error);
    else
        Q_EMIT exported(path);
}

QString ExportActions::exportReport(const QString& path)
{
    if (!m_estimate)
        return tr("There is no estimate to report: open a model and choose hardware.");
    const StudioPages p = m_pages;
    QList<ReportFigure> figures {
        { tr("Roofline"), QStringLiteral("roofline.png"), [p](const QString& f) { return p.roofline->exportImage(f); } },
        { tr("Energy"), QStringLiteral("energy.png"), [p](const QString& f) { return p.energy->exportImage(f); } },
        { tr("Memory"), QStringLiteral("memory.png"), [p](const QString& f) { return p.memory->exportImage(f); } },
    };
    // The graph is laid out when its page is first shown; a report never waits for it.
    if (!p.graph->isLayoutPending() && !p.graph->scene()->items().isEmpty())
        figures.push_back({ tr("Graph"), QStringLiteral("graph.png"),
            [p](const QString& f) { return saveScenePng(*p.graph->scene(), f); } });
    return graphs::ui::exportReport(path, *m_estimate, figures);
}

} // namespace graphs::ui
