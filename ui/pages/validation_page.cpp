#include "pages/validation_page.h"

#include "charts/calibration_scatter_plot.h"
#include "charts/validation_histogram_plot.h"
#include "dialogs.h"
#include "export/chart_export_dialog.h"
#include "export/chart_image_export.h"
#include "export/save_text_file.h"
#include "jobs/calibration_runner.h"
#include "models/validation_table_model.h"
#include "pages/published_validation_view.h"

#include <QDir>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QImage>
#include <QLabel>
#include <QPainter>
#include <QPushButton>
#include <QSaveFile>
#include <QSettings>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QTabWidget>
#include <QTableView>
#include <QVBoxLayout>
#include <cmath>

namespace graphs::ui {

namespace {

constexpr int ExportChartWidth = 800;
constexpr int ExportChartHeight = 640;
constexpr double BandPct = 10;
const QString TabKey = QStringLiteral("validation/tab");

QString percent(double value)
{
    return QString::number(value, 'f', 1) + QStringLiteral(" %");
}

} // namespace

ValidationPage::ValidationPage(CalibrationRunner* runner, QWidget* parent)
    : QWidget(parent)
    , m_title(new QLabel)
    , m_message(new QLabel)
    , m_summary(new QLabel)
    , m_imageButton(new QPushButton(tr("Export Image…")))
    , m_csvButton(new QPushButton(tr("Export CSV…")))
    , m_scatter(new CalibrationScatterPlot)
    , m_histogram(new ValidationHistogramPlot)
    , m_model(new ValidationTableModel(this))
    , m_proxy(new QSortFilterProxyModel(this))
    , m_view(new QTableView)
    , m_published(new PublishedValidationView)
    , m_tabs(new QTabWidget)
{
    setObjectName(QStringLiteral("validationPage"));
    m_title->setObjectName(QStringLiteral("validationTitle"));
    m_title->setTextFormat(Qt::PlainText);
    m_title->setWordWrap(true);
    QFont bold = m_title->font();
    bold.setBold(true);
    m_title->setFont(bold);
    m_message->setObjectName(QStringLiteral("validationMessage"));
    m_message->setTextFormat(Qt::PlainText);
    m_message->setWordWrap(true);
    m_summary->setObjectName(QStringLiteral("validationSummary"));
    m_summary->setTextFormat(Qt::PlainText);
    m_summary->setWordWrap(true);
    m_summary->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_imageButton->setObjectName(QStringLiteral("validationExportImage"));
    m_csvButton->setObjectName(QStringLiteral("validationExportCsv"));
    m_scatter->setObjectName(QStringLiteral("validationScatterPlot"));

    m_proxy->setSourceModel(m_model);
    m_proxy->setSortRole(ValidationTableModel::SortRole);
    m_view->setObjectName(QStringLiteral("validationView"));
    m_view->setModel(m_proxy);
    m_view->setSortingEnabled(true);
    m_view->sortByColumn(ValidationTableModel::Model, Qt::AscendingOrder);
    m_view->verticalHeader()->hide();
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_view->setAlternatingRowColors(true);
    m_view->verticalHeader()->setDefaultSectionSize(m_view->fontMetrics().height() + 8);
    connect(m_model, &QAbstractItemModel::modelReset, m_view, [this] { m_view->resizeColumnsToContents(); });

    auto* header = new QHBoxLayout;
    header->addWidget(m_title, 1);
    header->addWidget(m_imageButton);
    header->addWidget(m_csvButton);

    auto* charts = new QSplitter(Qt::Horizontal);
    charts->addWidget(m_scatter);
    charts->addWidget(m_histogram);
    charts->setStretchFactor(0, 3);
    charts->setStretchFactor(1, 2);
    auto* split = new QSplitter(Qt::Vertical);
    split->setObjectName(QStringLiteral("validationSplitter"));
    split->addWidget(charts);
    split->addWidget(m_view);
    split->setStretchFactor(0, 3);
    split->setStretchFactor(1, 2);
    split->setCollapsible(0, false);

    auto* calibration = new QWidget;
    auto* layout = new QVBoxLayout(calibration);
    layout->addLayout(header);
    layout->addWidget(m_summary);
    layout->addWidget(m_message);
    layout->addWidget(split, 1);

    m_tabs->setObjectName(QStringLiteral("validationTabs"));
    m_tabs->setDocumentMode(true);
    m_tabs->addTab(calibration, tr("Calibration (leave one model out)"));
    m_tabs->addTab(m_published, tr("Published results"));
    m_tabs->setCurrentIndex(QSettings().value(TabKey, 0).toInt() == PublishedTab ? PublishedTab : CalibrationTab);
    connect(m_tabs, &QTabWidget::currentChanged, this, [](int index) { QSettings().setValue(TabKey, index); });
    auto* pageLayout = new QVBoxLayout(this);
    pageLayout->setContentsMargins(0, 0, 0, 0);
    pageLayout->addWidget(m_tabs);

    connect(m_imageButton, &QPushButton::clicked, this, &ValidationPage::showImageDialog);
    connect(m_csvButton, &QPushButton::clicked, this, &ValidationPage::showCsvDialog);
    connect(runner, &CalibrationRunner::started, this,
        [this] { setMessage(tr("Fitting on the Calibration page; the validation follows.")); });
    connect(runner, &CalibrationRunner::finished, this, &ValidationPage::setRun);
    connect(runner, &CalibrationRunner::failed, this, [this](const QString& message) {
        setRun(nullptr);
        setMessage(tr("The calibration failed, so there is nothing to validate: %1").arg(message));
    });
    connect(runner, &CalibrationRunner::cancelled, this, [this] { setRun(m_run); });
    setRun(runner->current());
}

ValidationPage::~ValidationPage() = default;

void ValidationPage::setCatalog(std::shared_ptr<const HardwareCatalog> catalog)
{
    m_published->setCatalog(std::move(catalog));
}

void ValidationPage::showTab(Tab tab)
{
    m_tabs->setCurrentIndex(tab);
}

void ValidationPage::setRun(std::shared_ptr<const CalibrationRun> run)
{
    m_run = std::move(run);
    m_model->setRun(m_run);
    m_scatter->setScatter(m_run ? makeValidationScatter(*m_run) : CalibrationScatterData {});
    std::vector<double> errors;
    if (m_run && m_run->accuracy) {
        for (const PointAccuracy& a : m_run->accuracy->accuracy)
            errors.push_back(a.errorPct);
    }
    m_histogram->setHistogram(ValidationHistogram::of(errors), BandPct);
    const bool any = m_model->rowCount() > 0;
    m_imageButton->setEnabled(any);
    m_csvButton->setEnabled(any);
    m_summary->setText(summaryText());
    m_summary->setVisible(!m_summary->text().isEmpty());
    if (!m_run) {
        m_title->setText(tr("No calibration yet: fit one on the Calibration page."));
        setMessage({});
        return;
    }
    const CalibrationProfile& p = m_run->calibration.profile;
    m_title->setText(tr("Leave-one-model-out validation of %1 × %2 (%3): each model estimated by a fit that did not "
                        "see it, with the bound that fit stated")
                         .arg(QString::fromStdString(p.hardware), QString::fromStdString(p.runtime),
                             QString::fromUtf8(precisionName(p.precision).data())));
    setMessage(m_run->accuracy ? QString() : m_run->accuracyProblem);
}

void ValidationPage::setMessage(const QString& text)
{
    m_message->setText(text);
    m_message->setVisible(!text.isEmpty());
}

QString ValidationPage::summaryText() const
{
    if (!m_run || !m_run->accuracy)
        return {};
    const AccuracySummary& s = m_run->accuracy->all;
    const auto within = static_cast<size_t>(std::lround(s.withinShare * static_cast<double>(s.count)));
    QString text = tr("MAPE %1 · median %2 · worst %3 (%4) · %5 of %6 within ±%7")
                       .arg(percent(s.mapePct), percent(s.medianAbsPct), percent(s.worstAbsPct),
                           QString::fromStdString(s.worstLabel))
                       .arg(within)
                       .arg(s.count)
                       .arg(QString::number(s.withinPct, 'g', 3) + QStringLiteral(" %"));
    text += QStringLiteral(" · ")
        + (s.spearman ? tr("Spearman %1").arg(QString::number(*s.spearman, 'f', 3)) : tr("Spearman –"));
    if (s.boundCoverage) {
        const auto inside = static_cast<size_t>(std::lround(*s.boundCoverage * static_cast<double>(s.pointsWithBound)));
        text += QStringLiteral(" · ")
            + tr("stated bounds cover %1 of %2 (%3)")
                  .arg(inside)
                  .arg(s.pointsWithBound)
                  .arg(percent(*s.boundCoverage * 100));
    }
    return text;
}

QString ValidationPage::exportImage(const QString& path, QSize size) const
{
    if (m_model->rowCount() == 0)
        return tr("There is nothing to export: fit a calibration with measured models first.");
    // The scatter and the histogram side by side, each half the width.
    if (!size.isValid())
        size = QSize(2 * ExportChartWidth, ExportChartHeight);
    const int half = size.width() / 2;
    return savePlotsImage(path, size,
        { { m_scatter, QRect(0, 0, half, size.height()) },
            { m_histogram, QRect(half, 0, size.width() - half, size.height()) } });
}

QString ValidationPage::exportCsv(const QString& path) const
{
    if (m_model->rowCount() == 0)
        return tr("There is nothing to export: fit a calibration with measured models first.");
    return saveTextFile(path, m_model->toCsv());
}

QString ValidationPage::exportName(const QString& suffix) const
{
    const CalibrationProfile& p = m_run->calibration.profile;
    return QString::fromStdString(p.hardware + '-' + p.runtime) + suffix;
}

void ValidationPage::showImageDialog()
{
    if (!m_run)
        return;
    const auto choice = askChartExport(this, tr("Export Validation Charts"),
        exportName(QStringLiteral("-validation.png")), QSize(2 * ExportChartWidth, ExportChartHeight));
    if (!choice)
        return;
    if (const QString error = exportImage(choice->path, choice->size); !error.isEmpty())
        showErrorBox(this, tr("Export failed"), tr("Could not export the charts."), error);
}

void ValidationPage::showCsvDialog()
{
    if (!m_run)
        return;
    const QString path = askExportPath(this, tr("Export Validation as CSV"),
        exportName(QStringLiteral("-validation.csv")), tr("CSV files (*.csv);;All files (*)"));
    if (path.isEmpty())
        return;
    if (const QString error = exportCsv(path); !error.isEmpty())
        showErrorBox(this, tr("Export failed"), tr("Could not export the table."), error);
}

} // namespace graphs::ui
