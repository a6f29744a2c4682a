#include "pages/memory_page.h"

#include "charts/memory_chart_data.h"
#include "charts/memory_split_chart.h"
#include "charts/memory_timeline_chart.h"
#include "dialogs.h"
#include "estimated_model.h"
#include "estimation/graph_analysis.h"
#include "export/chart_export_dialog.h"
#include "export/chart_image_export.h"
#include "export/save_text_file.h"
#include "qt_strings.h"
#include "reporting/analysis_report.h"
#include "reporting/number_format.h"

#include <QFileInfo>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

namespace graphs::ui {

namespace {

const QSize ExportSize(1200, 700);

QString bytes(double b)
{
    return QString::fromStdString(humanBytes(b));
}

} // namespace

MemoryPage::MemoryPage(QWidget* parent)
    : QWidget(parent)
    , m_title(new QLabel)
    , m_exportImageButton(new QPushButton(tr("Export Image…")))
    , m_exportCsvButton(new QPushButton(tr("Export CSV…")))
    , m_charts(new QWidget)
    , m_splitChart(new MemorySplitChart)
    , m_timelineChart(new MemoryTimelineChart)
    , m_caption(new QLabel)
{
    setObjectName(QStringLiteral("memoryPage"));
    m_title->setObjectName(QStringLiteral("memoryTitle"));
    m_title->setTextFormat(Qt::PlainText);
    m_title->setWordWrap(true);
    QFont bold = m_title->font();
    bold.setBold(true);
    m_title->setFont(bold);
    m_exportImageButton->setObjectName(QStringLiteral("exportMemoryImageButton"));
    m_exportCsvButton->setObjectName(QStringLiteral("exportMemoryCsvButton"));
    m_caption->setObjectName(QStringLiteral("memoryCaption"));
    m_caption->setTextFormat(Qt::PlainText);
    m_caption->setWordWrap(true);

    auto* header = new QHBoxLayout;
    header->addWidget(m_title, 1);
    header->addWidget(m_exportImageButton);
    header->addWidget(m_exportCsvButton);

    auto* charts = new QVBoxLayout(m_charts);
    charts->setContentsMargins(0, 0, 0, 0);
    charts->addWidget(m_splitChart, 1);
    charts->addWidget(m_timelineChart, 3);

    auto* layout = new QVBoxLayout(this);
    layout->addLayout(header);
    layout->addWidget(m_charts, 1);
    layout->addWidget(m_caption);

    connect(m_exportImageButton, &QPushButton::clicked, this, &MemoryPage::showExportImageDialog);
    connect(m_exportCsvButton, &QPushButton::clicked, this, &MemoryPage::showExportCsvDialog);
    setEstimate(nullptr);
}

MemoryPage::~MemoryPage() = default;

void MemoryPage::setEstimate(std::shared_ptr<const EstimatedModel> estimate)
{
    m_estimate = std::move(estimate);
    m_data = m_estimate ? std::make_shared<const MemoryChartData>(makeMemoryChartData(*m_estimate)) : nullptr;
    m_exportImageButton->setEnabled(m_data != nullptr);
    m_exportCsvButton->setEnabled(m_data != nullptr);
    m_splitChart->setData(m_data);
    m_timelineChart->setData(m_data);
    if (!m_data) {
        m_title->setText(tr("No estimate yet: choose hardware in the toolbar."));
        m_caption->clear();
        return;
    }
    const ModelEstimate& e = m_estimate->estimate;
    m_title->setText(tr("Memory of %1 at %2, batch %3")
                         .arg(m_data->model, fromStd(precisionName(m_data->precision)))
                         .arg(e.options.batch));
    QString text
        = tr("Peak %1 ±%2% %3 (%4): weights %5 and activations %6.")
              .arg(bytes(m_data->weightBytes + m_data->peakActivationBytes),
                  QString::number(m_data->peak.errorBoundPct, 'g', 3), fromStd(confidenceName(m_data->peak.confidence)),
                  QString::fromStdString(m_data->peak.source), bytes(m_data->weightBytes),
                  bytes(m_data->peakActivationBytes));
    if (m_data->peakStep >= 0 && m_data->peakStep < static_cast<int>(m_data->steps.size())) {
        const MemoryStep& s = m_data->steps[static_cast<size_t>(m_data->peakStep)];
        text += QLatin1Char(' ')
            + tr("Activations peak after step %1 of %2 (%3 '%4').")
                  .arg(m_data->peakStep + 1)
                  .arg(m_data->steps.size())
                  .arg(s.opType, s.name);
    }
    text += QLatin1Char(' ') + tr("Hover the timeline for the node that runs at each step.");
    m_caption->setText(text);
}

QString MemoryPage::exportImage(const QString& path, QSize chosen)
{
    if (!m_data)
        return tr("There is no chart to export: choose hardware first.");
    // On screen (and no size chosen): as drawn there; else one above the other at the size, in the proportions of
    // the page.
    const bool shown = !chosen.isValid() && m_charts->isVisible() && m_charts->width() >= ExportSize.width() / 2;
    const QSize size = shown ? m_charts->size() : chosen.isValid() ? chosen : ExportSize;
    const QRect split = shown ? m_splitChart->geometry() : QRect(0, 0, size.width(), size.height() / 4);
    const QRect timeline
        = shown ? m_timelineChart->geometry() : QRect(0, split.height(), size.width(), size.height() - split.height());
    return saveChartsImage(path, size, { { m_splitChart->chart(), split }, { m_timelineChart->chart(), timeline } });
}

QString MemoryPage::exportCsv(const QString& path) const
{
    if (!m_data)
        return tr("There is no estimate to export: choose hardware first.");
    return saveTextFile(path, memoryCsv(*m_data));
}

QString MemoryPage::exportName(const QString& suffix) const
{
    return QString::fromStdString(modelDisplayName(*m_estimate->analysis->graph)) + QLatin1Char('-')
        + fromStd(precisionName(m_data->precision)) + suffix;
}

QString MemoryPage::exportDirectory() const
{
    return QFileInfo(QString::fromStdString(m_estimate->analysis->graph->sourcePath)).absolutePath();
}

void MemoryPage::showExportImageDialog()
{
    if (!m_data)
        return;
    const auto choice = askChartExport(this, tr("Export Memory Charts"), exportName(QStringLiteral("-memory.png")),
        m_charts->isVisible() ? m_charts->size() : ExportSize, exportDirectory());
    if (!choice)
        return;
    if (const QString error = exportImage(choice->path, choice->size); !error.isEmpty())
        showErrorBox(this, tr("Export failed"), tr("Could not export the memory charts."), error);
}

void MemoryPage::showExportCsvDialog()
{
    if (!m_data)
        return;
    const QString path = askExportPath(this, tr("Export Memory Timeline as CSV"),
        exportName(QStringLiteral("-memory.csv")), tr("CSV files (*.csv);;All files (*)"), exportDirectory());
    if (path.isEmpty())
        return;
    if (const QString error = exportCsv(path); !error.isEmpty())
        showErrorBox(this, tr("Export failed"), tr("Could not export the memory timeline."), error);
}

} // namespace graphs::ui
