#include "pages/published_validation_view.h"

#include "charts/published_scatter_plot.h"
#include "core/data_paths.h"
#include "delegates/share_bar_delegate.h"
#include "dialogs.h"
#include "export/chart_export_dialog.h"
#include "export/chart_image_export.h"
#include "export/save_text_file.h"
#include "hardware_catalog.h"
#include "models/published_table_model.h"
#include "validation/published_report.h"

#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLineEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QSettings>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QTableView>
#include <QVBoxLayout>

namespace graphs::ui {

namespace {

const QString FileKey = QStringLiteral("validation/publishedFile");
constexpr int ExportWidth = 1400;
constexpr int ExportHeight = 640;

QString percent(double value)
{
    return QString::number(value, 'f', 1) + QStringLiteral(" %");
}

QString signedPercent(double value)
{
    return (value >= 0 ? QStringLiteral("+") : QString()) + percent(value);
}

QString share(double fraction)
{
    return QString::number(100 * fraction, 'f', 0) + QStringLiteral(" %");
}

} // namespace

PublishedValidationView::PublishedValidationView(QWidget* parent)
    : QWidget(parent)
    , m_modelDirs { QString::fromStdString(bundledModelsDir()) }
    , m_fileEdit(new QLineEdit)
    , m_chooseButton(new QPushButton(tr("Choose File…")))
    , m_runButton(new QPushButton(tr("Run")))
    , m_cancelButton(new QPushButton(tr("Cancel")))
    , m_progress(new QProgressBar)
    , m_csvButton(new QPushButton(tr("Export CSV…")))
    , m_markdownButton(new QPushButton(tr("Export Markdown…")))
    , m_chartButton(new QPushButton(tr("Export Chart…")))
    , m_message(new QLabel)
    , m_summary(new QLabel)
    , m_scatter(new PublishedScatterPlot)
    , m_model(new PublishedTableModel(this))
    , m_proxy(new QSortFilterProxyModel(this))
    , m_view(new QTableView)
{
    setObjectName(QStringLiteral("publishedValidationView"));
    m_fileEdit->setObjectName(QStringLiteral("publishedFile"));
    m_fileEdit->setReadOnly(true);
    m_chooseButton->setObjectName(QStringLiteral("publishedChooseFile"));
    m_runButton->setObjectName(QStringLiteral("publishedRun"));
    m_runButton->setToolTip(tr("Estimate every row of the file again"));
    m_cancelButton->setObjectName(QStringLiteral("publishedCancel"));
    m_progress->setObjectName(QStringLiteral("publishedProgress"));
    m_progress->setRange(0, 1000);
    m_progress->setTextVisible(false);
    m_progress->setMaximumWidth(160);
    m_csvButton->setObjectName(QStringLiteral("publishedExportCsv"));
    m_markdownButton->setObjectName(QStringLiteral("publishedExportMarkdown"));
    m_chartButton->setObjectName(QStringLiteral("publishedExportChart"));

    auto* controls = new QHBoxLayout;
    controls->addWidget(new QLabel(tr("Published results:")));
    controls->addWidget(m_fileEdit, 1);
    controls->addWidget(m_chooseButton);
    controls->addWidget(m_runButton);
    controls->addWidget(m_cancelButton);
    controls->addWidget(m_progress);
    controls->addSpacing(12);
    controls->addWidget(m_csvButton);
    controls->addWidget(m_markdownButton);
    controls->addWidget(m_chartButton);

    m_message->setObjectName(QStringLiteral("publishedMessage"));
    m_message->setTextFormat(Qt::PlainText);
    m_message->setWordWrap(true);
    m_message->setTextInteractionFlags(Qt::TextSelectableByMouse);

    auto* layout = new QVBoxLayout(this);
    layout->addLayout(controls);
    layout->addWidget(m_message);
    layout->addWidget(createResults(), 1);

    connect(m_chooseButton, &QPushButton::clicked, this, &PublishedValidationView::chooseFile);
    connect(m_runButton, &QPushButton::clicked, this, &PublishedValidationView::run);
    connect(m_cancelButton, &QPushButton::clicked, this, &PublishedValidationView::cancel);
    connect(m_csvButton, &QPushButton::clicked, this, &PublishedValidationView::showCsvDialog);
    connect(m_markdownButton, &QPushButton::clicked, this, &PublishedValidationView::showMarkdownDialog);
    connect(m_chartButton, &QPushButton::clicked, this, &PublishedValidationView::showChartDialog);
    m_job.onProgress([this](int permille) { m_progress->setValue(permille); });
    m_job.onFinished([this](const PublishedRunResult& result) { onFinished(&result); });
    m_job.onFailed([this](const QString& message) {
        const PublishedRunResult result = failedPublishedJob(message);
        onFinished(&result);
    });
    m_job.onCancelled([this] { onFinished(nullptr); });

    const QString remembered = QSettings().value(FileKey).toString();
    m_file = !remembered.isEmpty() && QFileInfo::exists(remembered) ? remembered : bundledFile();
    m_fileEdit->setText(QDir::toNativeSeparators(m_file));
    showValidation(nullptr);
    setMessage({}, false);
    updateButtons();
}

PublishedValidationView::~PublishedValidationView()
{
    // The worker holds copies only, but a run left behind would still be working when the application quits.
    m_job.cancel();
    m_job.wait();
}

QWidget* PublishedValidationView::createResults()
{
    m_summary->setObjectName(QStringLiteral("publishedSummary"));
    m_summary->setTextFormat(Qt::PlainText);
    m_summary->setWordWrap(true);
    m_summary->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_summary->setAlignment(Qt::AlignTop | Qt::AlignLeft);
    m_summary->setMinimumWidth(220);
    m_summary->setContentsMargins(8, 4, 4, 4);

    m_proxy->setSourceModel(m_model);
    m_proxy->setSortRole(PublishedTableModel::SortRole);
    m_view->setObjectName(QStringLiteral("publishedView"));
    m_view->setModel(m_proxy);
    m_view->setSortingEnabled(true);
    m_view->sortByColumn(-1, Qt::AscendingOrder); // the file's order until the user sorts
    m_view->verticalHeader()->hide();
    m_view->verticalHeader()->setDefaultSectionSize(m_view->fontMetrics().height() + 8);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_view->setAlternatingRowColors(true);
    m_view->setWordWrap(false);
    m_view->horizontalHeader()->setMaximumSectionSize(220); // long system names are elided, not given the table
    m_view->horizontalHeader()->setStretchLastSection(true);
    m_view->setItemDelegateForColumn(
        PublishedTableModel::Error, new ShareBarDelegate(PublishedTableModel::ErrorShareRole, m_view));
    connect(m_model, &QAbstractItemModel::modelReset, m_view, [this] { m_view->resizeColumnsToContents(); });
    connect(
        m_view->selectionModel(), &QItemSelectionModel::currentRowChanged, this, [this](const QModelIndex& current) {
            m_scatter->setSelectedIndex(current.isValid() ? current.data(PublishedTableModel::IndexRole).toInt() : -1);
        });
    connect(m_scatter, &PublishedScatterPlot::pointClicked, this, &PublishedValidationView::selectIndex);

    auto* top = new QSplitter(Qt::Horizontal);
    top->addWidget(m_scatter);
    top->addWidget(m_summary);
    top->setStretchFactor(0, 4);
    top->setStretchFactor(1, 1);
    top->setCollapsible(0, false);
    auto* split = new QSplitter(Qt::Vertical);
    split->setObjectName(QStringLiteral("publishedSplitter"));
    split->addWidget(top);
    split->addWidget(m_view);
    split->setStretchFactor(0, 3);
    split->setStretchFactor(1, 2);
    split->setCollapsible(0, false);
    return split;
}

QString PublishedValidationView::bundledFile()
{
    return QDir(QString::fromStdString(bundledRegistryDir())).filePath(QStringLiteral("published/mlperf.csv"));
}

void PublishedValidationView::setCatalog(std::shared_ptr<const HardwareCatalog> catalog)
{
    m_catalog = std::move(catalog);
    updateButtons();
    if (!m_started && isVisible())
        run();
}

void PublishedValidationView::setFile(const QString& path)
{
    m_file = path;
    m_fileEdit->setText(QDir::toNativeSeparators(path));
    QSettings().setValue(FileKey, path);
}

void PublishedValidationView::showEvent(QShowEvent* event)
{
    QWidget::showEvent(event);
    if (!m_started && m_catalog)
        run();
}

void PublishedValidationView::chooseFile()
{
    const QString path = QFileDialog::getOpenFileName(
        this, tr("Choose Published Results"), QFileInfo(m_file).absolutePath(), tr("CSV files (*.csv);;All files (*)"));
    if (path.isEmpty())
        return;
    setFile(path);
    run();
}

bool PublishedValidationView::run()
{
    if (!m_catalog || !m_catalog->registry) {
        setMessage(tr("The hardware registry is still loading."), false);
        return false;
    }
    PublishedInputs inputs;
    inputs.file = m_file;
    inputs.registry = m_catalog->registry;
    for (const std::string& dir : registryDirs())
        inputs.registryDirs << QString::fromStdString(dir);
    inputs.modelDirs = m_modelDirs;
    m_job.start([inputs](const JobControl& control) { return runPublishedJob(control, inputs); }); // supersedes
    m_started = true;
    showValidation(nullptr);
    m_progress->setValue(0);
    setMessage(tr("Estimating the published results of %1…").arg(QFileInfo(m_file).fileName()), false);
    updateButtons();
    return true;
}

void PublishedValidationView::cancel()
{
    if (!m_job.isRunning())
        return;
    m_job.cancel();
    setMessage(tr("Cancelling…"), false);
    m_cancelButton->setEnabled(false);
}

void PublishedValidationView::onFinished(const PublishedRunResult* result)
{
    if (!result) {
        setMessage(tr("Cancelled: nothing was estimated."), false);
    } else {
        showValidation(result->validation);
        if (!result->error.isEmpty())
            setMessage(tr("Could not validate against the published results: %1").arg(result->error), true);
        else
            setMessage(result->notes.join(QLatin1Char('\n')), false);
    }
    updateButtons();
    Q_EMIT finished();
}

void PublishedValidationView::showValidation(std::shared_ptr<const PublishedValidation> validation)
{
    m_validation = std::move(validation);
    m_model->setValidation(m_validation);
    m_scatter->setValidation(m_validation);
    m_summary->setText(m_validation ? summaryText(m_validation->summary) : QString());
    updateButtons();
}

QString PublishedValidationView::summaryText(const PublishedSummary& s)
{
    QStringList lines;
    lines << tr("%n row(s) estimated, %1 skipped", nullptr, static_cast<int>(s.rows)).arg(s.skipped);
    if (s.rows > 0) {
        lines << tr("MAPE %1 · median %2").arg(percent(s.mapePct), percent(s.medianAbsPct));
        lines << tr("Within ±25 %: %1 of rows").arg(share(s.within25Share));
        lines << tr("Within ±15 %: %1 of rows").arg(share(s.within15Share));
        lines << QString() << tr("Bias (mean signed error):");
        for (const auto& [scenario, bias] : s.biasByScenario)
            lines << QStringLiteral("  ") + QString::fromStdString(scenario) + QStringLiteral(": ")
                    + signedPercent(bias);
        lines << tr("MAPE per benchmark:");
        for (const auto& [benchmark, mape] : s.mapeByBenchmark)
            lines << QStringLiteral("  ") + QString::fromStdString(benchmark) + QStringLiteral(": ") + percent(mape);
    }
    lines << QString();
    if (s.energyRows > 0)
        lines << tr(
            "Energy per sample: %n row(s) compared, MAPE %1, within ±25 %: %2", nullptr, static_cast<int>(s.energyRows))
                     .arg(percent(s.energyMapePct), share(s.energyWithin25Share));
    else
        lines << tr("Energy per sample: no rows compared");
    return lines.join(QLatin1Char('\n'));
}

void PublishedValidationView::setMessage(const QString& text, bool error)
{
    m_message->setText(text);
    m_message->setStyleSheet(error ? QStringLiteral("color: #a02020;") : QString());
    m_message->setVisible(!text.isEmpty());
}

void PublishedValidationView::updateButtons()
{
    m_runButton->setEnabled(m_catalog != nullptr);
    m_cancelButton->setEnabled(m_job.isRunning());
    m_progress->setVisible(m_job.isRunning());
    const bool any = m_validation && !m_validation->estimates.empty();
    m_csvButton->setEnabled(any);
    m_markdownButton->setEnabled(any);
    m_chartButton->setEnabled(m_validation && m_scatter->pointCount() > 0);
}

void PublishedValidationView::selectIndex(int index)
{
    const QModelIndex row = m_proxy->mapFromSource(m_model->index(index, 0));
    if (!row.isValid())
        return;
    m_view->selectionModel()->setCurrentIndex(row, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    m_view->scrollTo(row);
}

QString PublishedValidationView::exportCsv(const QString& path) const
{
    if (!m_validation)
        return tr("There is nothing to export: run the validation first.");
    return saveTextFile(path, QByteArray::fromStdString(publishedCsv(*m_validation)));
}

QString PublishedValidationView::exportMarkdown(const QString& path) const
{
    if (!m_validation)
        return tr("There is nothing to export: run the validation first.");
    return saveTextFile(path, QByteArray::fromStdString(publishedMarkdown(*m_validation)));
}

QString PublishedValidationView::exportChart(const QString& path, QSize size) const
{
    if (!m_validation || m_scatter->pointCount() == 0)
        return tr("There is no chart to export: run the validation first.");
    if (size.isEmpty())
        size = QSize(ExportWidth, ExportHeight);
    return savePlotImage(*m_scatter, path, size.width(), size.height());
}

QString PublishedValidationView::exportName(const QString& suffix) const
{
    return QFileInfo(m_file).completeBaseName() + suffix;
}

void PublishedValidationView::showCsvDialog()
{
    const QString path = askExportPath(this, tr("Export Published Validation as CSV"),
        exportName(QStringLiteral("-validation.csv")), tr("CSV files (*.csv);;All files (*)"));
    if (path.isEmpty())
        return;
    if (const QString error = exportCsv(path); !error.isEmpty())
        showErrorBox(this, tr("Export failed"), tr("Could not export the table."), error);
}

void PublishedValidationView::showMarkdownDialog()
{
    const QString path = askExportPath(this, tr("Export Published Validation as Markdown"),
        exportName(QStringLiteral("-validation.md")), tr("Markdown files (*.md);;All files (*)"));
    if (path.isEmpty())
        return;
    if (const QString error = exportMarkdown(path); !error.isEmpty())
        showErrorBox(this, tr("Export failed"), tr("Could not export the report."), error);
}

void PublishedValidationView::showChartDialog()
{
    const auto choice = askChartExport(this, tr("Export Published Validation Chart"),
        exportName(QStringLiteral("-validation.png")), QSize(ExportWidth, ExportHeight));
    if (!choice)
        return;
    if (const QString error = exportChart(choice->path, choice->size); !error.isEmpty())
        showErrorBox(this, tr("Export failed"), tr("Could not export the chart."), error);
}

} // namespace graphs::ui
