#include "pages/energy_page.h"

#include "charts/energy_chart_data.h"
#include "charts/energy_subgraph_chart.h"
#include "charts/energy_total_chart.h"
#include "dialogs.h"
#include "estimated_model.h"
#include "estimation/graph_analysis.h"
#include "export/chart_export_dialog.h"
#include "export/chart_image_export.h"
#include "export/save_text_file.h"
#include "qt_strings.h"
#include "reporting/analysis_report.h"
#include "subgraph_selection.h"

#include <QFileInfo>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>

namespace graphs::ui {

namespace {

const QSize ExportSize(1200, 600);
/// More bars than this no longer fit their labels on a screen.
constexpr int MaxTopCount = 100;

bool sameStanding(const EstimationResult& a, const EstimationResult& b)
{
    return a.confidence == b.confidence && a.errorBoundPct == b.errorBoundPct;
}

} // namespace

EnergyPage::EnergyPage(SubgraphSelection* selection, QWidget* parent)
    : QWidget(parent)
    , m_selection(selection)
    , m_title(new QLabel)
    , m_topCount(new QSpinBox)
    , m_exportImageButton(new QPushButton(tr("Export Image…")))
    , m_exportCsvButton(new QPushButton(tr("Export CSV…")))
    , m_charts(new QWidget)
    , m_totalChart(new EnergyTotalChart)
    , m_subgraphChart(new EnergySubgraphChart)
    , m_caption(new QLabel)
    , m_selectionNote(new QLabel)
{
    setObjectName(QStringLiteral("energyPage"));
    m_title->setObjectName(QStringLiteral("energyTitle"));
    m_title->setTextFormat(Qt::PlainText);
    m_title->setWordWrap(true);
    QFont bold = m_title->font();
    bold.setBold(true);
    m_title->setFont(bold);
    m_topCount->setObjectName(QStringLiteral("energyTopCount"));
    m_topCount->setRange(1, MaxTopCount);
    m_topCount->setValue(EnergySubgraphChart::DefaultTopCount);
    m_topCount->setPrefix(tr("Top "));
    m_topCount->setSuffix(tr(" subgraphs"));
    m_topCount->setToolTip(tr("How many of the subgraphs that take the most energy to draw"));
    m_exportImageButton->setObjectName(QStringLiteral("exportEnergyImageButton"));
    m_exportCsvButton->setObjectName(QStringLiteral("exportEnergyCsvButton"));
    m_caption->setObjectName(QStringLiteral("energyCaption"));
    m_caption->setTextFormat(Qt::PlainText);
    m_caption->setWordWrap(true);
    m_selectionNote->setObjectName(QStringLiteral("energySelection"));
    m_selectionNote->setTextFormat(Qt::PlainText);
    m_selectionNote->setWordWrap(true);

    auto* header = new QHBoxLayout;
    header->addWidget(m_title, 1);
    header->addWidget(m_topCount);
    header->addWidget(m_exportImageButton);
    header->addWidget(m_exportCsvButton);

    auto* charts = new QHBoxLayout(m_charts);
    charts->setContentsMargins(0, 0, 0, 0);
    charts->addWidget(m_totalChart, 1);
    charts->addWidget(m_subgraphChart, 1);

    auto* layout = new QVBoxLayout(this);
    layout->addLayout(header);
    layout->addWidget(m_charts, 1);
    layout->addWidget(m_caption);
    layout->addWidget(m_selectionNote);

    connect(m_topCount, &QSpinBox::valueChanged, m_subgraphChart, &EnergySubgraphChart::setTopCount);
    connect(m_subgraphChart, &EnergySubgraphChart::subgraphClicked, m_selection, &SubgraphSelection::select);
    connect(m_selection, &SubgraphSelection::changed, this, &EnergyPage::showSelection);
    connect(m_exportImageButton, &QPushButton::clicked, this, &EnergyPage::showExportImageDialog);
    connect(m_exportCsvButton, &QPushButton::clicked, this, &EnergyPage::showExportCsvDialog);
    setEstimate(nullptr);
}

EnergyPage::~EnergyPage() = default;

void EnergyPage::setEstimate(std::shared_ptr<const EstimatedModel> estimate)
{
    m_estimate = std::move(estimate);
    m_data = m_estimate ? std::make_shared<const EnergyChartData>(makeEnergyChartData(*m_estimate)) : nullptr;
    m_exportImageButton->setEnabled(m_data != nullptr);
    m_exportCsvButton->setEnabled(m_data != nullptr);
    m_topCount->setEnabled(m_data != nullptr);
    m_totalChart->setData(m_data);
    m_subgraphChart->setData(m_data);
    if (!m_data) {
        m_title->setText(tr("No estimate yet: choose hardware in the toolbar."));
        m_caption->clear();
        m_selectionNote->clear();
        return;
    }
    const ModelEstimate& e = m_estimate->estimate;
    m_title->setText(tr("Energy of %1 on %2, %3, batch %4, %5")
                         .arg(m_data->model, m_data->hardware, fromStd(precisionName(e.options.precision)))
                         .arg(e.options.batch)
                         .arg(QString::fromStdString(e.runtime)));
    m_caption->setText(totalCaption());
    showSelection(m_selection->current());
}

QString EnergyPage::totalCaption() const
{
    const EnergyEstimate& t = m_data->total;
    QStringList levels;
    for (int i = 1; i <= m_data->levelCount(); ++i)
        levels << tr("%1 %2").arg(m_data->components[i], formatMilliJoules(m_data->parts[static_cast<size_t>(i)]));
    const QString source = QString::fromStdString(t.total.source);
    if (sameStanding(t.total, t.compute) && sameStanding(t.total, t.memory) && sameStanding(t.total, t.staticPart)) {
        return tr("Per inference %1: compute %2, memory %3 (%4), static %5. All %6 ±%7% (%8).")
            .arg(formatMilliJoules(t.total.value), formatMilliJoules(t.compute.value),
                formatMilliJoules(t.memory.value), levels.join(QStringLiteral(", ")),
                formatMilliJoules(t.staticPart.value), fromStd(confidenceName(t.total.confidence)),
                QString::number(t.total.errorBoundPct, 'g', 3), source);
    }
    return tr("Per inference %1: compute %2, memory %3 (%4), static %5 (%6).")
        .arg(formatEnergy(t.total), formatEnergy(t.compute), formatEnergy(t.memory), levels.join(QStringLiteral(", ")),
            formatEnergy(t.staticPart), source);
}

void EnergyPage::showSelection(int subgraph)
{
    m_subgraphChart->setSelectedSubgraph(subgraph);
    const int rank = m_data ? m_data->rankOf(subgraph) : -1;
    if (rank < 0) {
        m_selectionNote->setText(m_data ? tr("Hover a bar for its figures; click one to select its subgraph on every "
                                             "page.")
                                        : QString());
        return;
    }
    const SubgraphEnergy& s = m_data->ranked[static_cast<size_t>(rank)];
    QString text
        = tr("Selected: %1").arg(subgraphEnergyText(*m_data, s).replace(QLatin1Char('\n'), QStringLiteral("; ")));
    if (m_subgraphChart->highlightedSubgraph() != subgraph)
        text += tr(" (rank %1 of %2: not among the bars drawn)").arg(rank + 1).arg(m_data->ranked.size());
    else
        text += tr(" (rank %1 of %2)").arg(rank + 1).arg(m_data->ranked.size());
    m_selectionNote->setText(text);
}

QString EnergyPage::exportImage(const QString& path, QSize chosen)
{
    if (!m_data)
        return tr("There is no chart to export: choose hardware first.");
    // On screen (and no size chosen): as drawn there; else side by side at the size, as on the page.
    const bool shown = !chosen.isValid() && m_charts->isVisible() && m_charts->width() >= ExportSize.width() / 2;
    const QSize size = shown ? m_charts->size() : chosen.isValid() ? chosen : ExportSize;
    const QRect total = shown ? m_totalChart->geometry() : QRect(0, 0, size.width() / 2, size.height());
    const QRect bars
        = shown ? m_subgraphChart->geometry() : QRect(total.width(), 0, size.width() - total.width(), size.height());
    return saveChartsImage(path, size, { { m_totalChart->chart(), total }, { m_subgraphChart->chart(), bars } });
}

QString EnergyPage::exportCsv(const QString& path) const
{
    if (!m_data)
        return tr("There is no estimate to export: choose hardware first.");
    return saveTextFile(path, energyCsv(*m_data));
}

QString EnergyPage::exportName(const QString& suffix) const
{
    return QString::fromStdString(modelDisplayName(*m_estimate->analysis->graph) + '-' + m_estimate->hardware().id)
        + suffix;
}

void EnergyPage::showExportImageDialog()
{
    if (!m_data)
        return;
    const auto choice = askChartExport(this, tr("Export Energy Charts"), exportName(QStringLiteral("-energy.png")),
        m_charts->isVisible() ? m_charts->size() : ExportSize,
        QFileInfo(QString::fromStdString(m_estimate->analysis->graph->sourcePath)).absolutePath());
    if (!choice)
        return;
    if (const QString error = exportImage(choice->path, choice->size); !error.isEmpty())
        showErrorBox(this, tr("Export failed"), tr("Could not export the energy charts."), error);
}

void EnergyPage::showExportCsvDialog()
{
    if (!m_data)
        return;
    const QString path = askExportPath(this, tr("Export Energy as CSV"), exportName(QStringLiteral("-energy.csv")),
        tr("CSV files (*.csv);;All files (*)"),
        QFileInfo(QString::fromStdString(m_estimate->analysis->graph->sourcePath)).absolutePath());
    if (path.isEmpty())
        return;
    if (const QString error = exportCsv(path); !error.isEmpty())
        showErrorBox(this, tr("Export failed"), tr("Could not export the energy per subgraph."), error);
}

} // namespace graphs::ui
