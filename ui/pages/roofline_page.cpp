#include "pages/roofline_page.h"

#include "charts/roofline_data.h"
#include "charts/roofline_plot.h"
#include "dialogs.h"
#include "estimated_model.h"
#include "estimation/graph_analysis.h"
#include "export/chart_export_dialog.h"
#include "export/chart_image_export.h"
#include "reporting/analysis_report.h"
#include "subgraph_selection.h"

#include <QDir>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

namespace graphs::ui {

namespace {

constexpr int ExportWidth = 1200;
constexpr int ExportHeight = 800;

} // namespace

RooflinePage::RooflinePage(SubgraphSelection* selection, QWidget* parent)
    : QWidget(parent)
    , m_selection(selection)
    , m_title(new QLabel)
    , m_note(new QLabel)
    , m_exportButton(new QPushButton(tr("Export Image…")))
    , m_plot(new RooflinePlot)
{
    m_title->setObjectName(QStringLiteral("rooflineTitle"));
    m_title->setTextFormat(Qt::PlainText);
    m_title->setWordWrap(true);
    QFont bold = m_title->font();
    bold.setBold(true);
    m_title->setFont(bold);
    m_note->setObjectName(QStringLiteral("rooflineNote"));
    m_note->setWordWrap(true);
    m_exportButton->setObjectName(QStringLiteral("exportRooflineImageButton"));
    m_exportButton->setEnabled(false);

    auto* header = new QHBoxLayout;
    header->addWidget(m_title, 1);
    header->addWidget(m_exportButton);

    auto* layout = new QVBoxLayout(this);
    layout->addLayout(header);
    layout->addWidget(m_plot, 1);
    layout->addWidget(m_note);

    connect(m_plot, &RooflinePlot::subgraphClicked, m_selection, &SubgraphSelection::select);
    connect(m_selection, &SubgraphSelection::changed, m_plot, &RooflinePlot::setSelectedSubgraph);
    connect(m_exportButton, &QPushButton::clicked, this, &RooflinePage::showExportDialog);
    setEstimate(nullptr);
}

void RooflinePage::setEstimate(std::shared_ptr<const EstimatedModel> estimate)
{
    m_estimate = std::move(estimate);
    m_exportButton->setEnabled(m_estimate != nullptr);
    if (!m_estimate) {
        m_plot->setRoofline({});
        m_title->setText(tr("No estimate yet: choose hardware in the toolbar."));
        m_note->clear();
        return;
    }
    RooflineData data = makeRooflineData(*m_estimate);
    const ModelEstimate& e = m_estimate->estimate;
    m_title->setText(tr("%1 on %2, %3, batch %4, %5: roofs are THEORETICAL (vendor specification)")
                         .arg(QString::fromStdString(modelDisplayName(*m_estimate->analysis->graph)), data.hardware,
                             QString::fromUtf8(precisionName(e.options.precision).data()))
                         .arg(e.options.batch)
                         .arg(QString::fromStdString(e.runtime)));
    QStringList notes;
    notes << tr("Dot area in proportion to the subgraph's share of latency; hover for figures, click to select.");
    if (data.withoutFlops > 0)
        notes << tr("%n subgraph(s) only move data (no FLOPs) and have no place on these axes.", nullptr,
            int(data.withoutFlops));
    if (data.zeroCost > 0)
        notes << tr("%n subgraph(s) run no kernel (views, shape arithmetic).", nullptr, int(data.zeroCost));
    m_note->setText(notes.join(QLatin1Char(' ')));
    m_plot->setRoofline(std::move(data));
    m_plot->setSelectedSubgraph(m_selection->current());
}

QString RooflinePage::exportImage(const QString& path, QSize size) const
{
    if (!m_estimate)
        return tr("There is no chart to export: choose hardware first.");
    if (size.isValid())
        return savePlotImage(*m_plot, path, size.width(), size.height());
    const bool shown = m_plot->isVisible() && m_plot->width() >= 400;
    return savePlotImage(*m_plot, path, shown ? 0 : ExportWidth, shown ? 0 : ExportHeight);
}

void RooflinePage::showExportDialog()
{
    if (!m_estimate)
        return;
    const QString name
        = QString::fromStdString(modelDisplayName(*m_estimate->analysis->graph) + '-' + m_estimate->hardware().id)
        + QStringLiteral("-roofline.png");
    const auto choice = askChartExport(this, tr("Export Roofline"), name,
        m_plot->isVisible() ? m_plot->size() : QSize(ExportWidth, ExportHeight),
        QFileInfo(QString::fromStdString(m_estimate->analysis->graph->sourcePath)).absolutePath());
    if (!choice)
        return;
    if (const QString error = exportImage(choice->path, choice->size); !error.isEmpty())
        showErrorBox(this, tr("Export failed"), tr("Could not export the roofline."), error);
}

} // namespace graphs::ui
