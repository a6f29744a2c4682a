#include "pages/compare_page.h"

#include "charts/compare_bar_chart.h"
#include "charts/compare_chart_data.h"
#include "charts/pareto_plot.h"
#include "dialogs.h"
#include "export/chart_export_dialog.h"
#include "export/chart_image_export.h"
#include "export/save_text_file.h"
#include "hardware/hardware_registry.h"
#include "hardware_catalog.h"
#include "models/compare_table_model.h"
#include "models/hardware_check_model.h"
#include "qt_strings.h"
#include "reporting/comparison_report.h"
#include "transform/fusion_rules.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QGridLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QListWidget>
#include <QMenu>
#include <QProgressBar>
#include <QPushButton>
#include <QRegularExpressionValidator>
#include <QSettings>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QTableView>
#include <QVBoxLayout>
#include <algorithm>
#include <set>

namespace graphs::ui {

namespace {

const QString BatchesKey = QStringLiteral("compare/batches");
const QString HardwareKey = QStringLiteral("compare/hardware");
const QString PrecisionsKey = QStringLiteral("compare/precisions");
const QString RuntimeKey = QStringLiteral("compare/runtime");
const QString ModelsDirectoryKey = QStringLiteral("compare/modelsDirectory");
constexpr int PathRole = Qt::UserRole;
constexpr int OpenRole = Qt::UserRole + 1; ///< listed because it is open in the window
constexpr int ExportWidth = 1200;
constexpr int ExportHeight = 800;

} // namespace

ComparePage::ComparePage(QWidget* parent)
    : QWidget(parent)
    , m_models(new QListWidget)
    , m_hardwareSearch(new QLineEdit)
    , m_hardware(new HardwareCheckModel(this))
    , m_hardwareView(new QListView)
    , m_hardwareCount(new QLabel)
    , m_batches(new QLineEdit)
    , m_runtime(new QComboBox)
    , m_runButton(new QPushButton(tr("Run")))
    , m_cancelButton(new QPushButton(tr("Cancel")))
    , m_progress(new QProgressBar)
    , m_status(new QLabel)
    , m_errors(new QLabel)
    , m_barMetric(new QComboBox)
    , m_bars(new CompareBarChart)
    , m_pareto(new ParetoPlot)
    , m_table(new CompareTableModel(this))
    , m_proxy(new QSortFilterProxyModel(this))
    , m_view(new QTableView)
    , m_exportCsvButton(new QPushButton(tr("Export CSV…")))
    , m_exportImageButton(new QPushButton(tr("Export Image")))
{
    setObjectName(QStringLiteral("comparePage"));
    auto* splitter = new QSplitter(Qt::Horizontal);
    splitter->addWidget(createInputs());
    splitter->addWidget(createResults());
    splitter->setStretchFactor(0, 0);
    splitter->setStretchFactor(1, 1);
    splitter->setSizes({ 300, 1100 });
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(splitter);

    m_job.onProgress([this](int permille) { m_progress->setValue(permille); });
    m_job.onFinished([this](CompareResult result) {
        onFinished(std::make_shared<const CompareResult>(std::move(result)));
    });
    m_job.onFailed([this](const QString& message) {
        onFinished(std::make_shared<const CompareResult>(failedCompareJob(message)));
    });
    m_job.onCancelled([this] { onFinished(nullptr); });
    restoreChoices();
    showResult(nullptr);
    updateButtons();
}

ComparePage::~ComparePage()
{
    // The worker holds copies only, but a run left behind would still be working when the application quits.
    m_job.cancel();
    m_job.wait();
}

QWidget* ComparePage::createInputs()
{
    m_models->setObjectName(QStringLiteral("compareModels"));
    m_models->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_models->setMaximumHeight(120); // a few files: the hardware list below needs the height more
    auto* addModelsButton = new QPushButton(tr("Add models…"));
    addModelsButton->setObjectName(QStringLiteral("addModelsButton"));
    auto* removeButton = new QPushButton(tr("Remove"));
    removeButton->setObjectName(QStringLiteral("removeModelsButton"));
    auto* modelButtons = new QHBoxLayout;
    modelButtons->addWidget(addModelsButton);
    modelButtons->addWidget(removeButton);
    modelButtons->addStretch();
    auto* modelsBox = new QGroupBox(tr("Models"));
    auto* modelsLayout = new QVBoxLayout(modelsBox);
    modelsLayout->addWidget(m_models);
    modelsLayout->addLayout(modelButtons);

    m_hardwareSearch->setObjectName(QStringLiteral("compareHardwareSearch"));
    m_hardwareSearch->setPlaceholderText(tr("Search name, id or vendor"));
    m_hardwareSearch->setClearButtonEnabled(true);
    m_hardwareView->setObjectName(QStringLiteral("compareHardware"));
    m_hardwareView->setModel(m_hardware);
    m_hardwareView->setModelColumn(0);
    m_hardwareView->setUniformItemSizes(true);
    m_hardwareCount->setObjectName(QStringLiteral("compareHardwareCount"));
    auto* hardwareBox = new QGroupBox(tr("Hardware"));
    auto* hardwareLayout = new QVBoxLayout(hardwareBox);
    hardwareLayout->addWidget(m_hardwareSearch);
    hardwareLayout->addWidget(m_hardwareView, 1);
    hardwareLayout->addWidget(m_hardwareCount);

    m_batches->setObjectName(QStringLiteral("compareBatches"));
    m_batches->setPlaceholderText(tr("e.g. 1, 8, 32"));
    m_batches->setToolTip(tr("Batch sizes, separated by commas or spaces"));
    m_batches->setValidator(new QRegularExpressionValidator(QRegularExpression(QStringLiteral("[0-9, ]*")), this));
    auto* precisionGrid = new QGridLayout;
    precisionGrid->setHorizontalSpacing(10);
    for (Precision p : kAllPrecisions) {
        auto* box = new QCheckBox(fromStd(precisionName(p)));
        box->setObjectName(QStringLiteral("comparePrecision_") + fromStd(precisionName(p)));
        const int index = static_cast<int>(m_precisions.size());
        precisionGrid->addWidget(box, index / 4, index % 4);
        m_precisions.emplace_back(p, box);
        connect(box, &QCheckBox::toggled, this, &ComparePage::updateButtons);
        connect(box, &QCheckBox::toggled, this, &ComparePage::markCalibrations);
    }
    m_runtime->setObjectName(QStringLiteral("compareRuntime"));
    m_runtime->setToolTip(tr("The runtime profile that decides which operators fuse"));
    auto* form = new QFormLayout;
    form->addRow(tr("Batch sizes:"), m_batches);
    form->addRow(tr("Runtime:"), m_runtime);

    m_runButton->setObjectName(QStringLiteral("compareRunButton"));
    m_runButton->setDefault(true);
    m_cancelButton->setObjectName(QStringLiteral("compareCancelButton"));
    auto* runButtons = new QHBoxLayout;
    runButtons->addWidget(m_runButton);
    runButtons->addWidget(m_cancelButton);
    runButtons->addStretch();
    m_progress->setObjectName(QStringLiteral("compareProgress"));
    m_progress->setRange(0, 1000);
    m_progress->setTextVisible(false);
    m_status->setObjectName(QStringLiteral("compareStatus"));
    m_status->setWordWrap(true);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);

    auto* panel = new QWidget;
    auto* layout = new QVBoxLayout(panel);
    layout->addWidget(modelsBox);
    layout->addWidget(hardwareBox, 1);
    layout->addLayout(form);
    layout->addWidget(new QLabel(tr("Precisions:")));
    layout->addLayout(precisionGrid);
    layout->addLayout(runButtons);
    layout->addWidget(m_progress);
    layout->addWidget(m_status);
    panel->setMinimumWidth(280);

    connect(addModelsButton, &QPushButton::clicked, this, [this] {
        QSettings settings;
        const QStringList paths = QFileDialog::getOpenFileNames(this, tr("Add Models to Compare"),
            settings.value(ModelsDirectoryKey).toString(), tr("ONNX models (*.onnx);;All files (*)"));
        if (paths.isEmpty())
            return;
        settings.setValue(ModelsDirectoryKey, QFileInfo(paths.front()).absolutePath());
        addModels(paths);
    });
    connect(removeButton, &QPushButton::clicked, this, &ComparePage::removeSelectedModels);
    connect(m_hardwareSearch, &QLineEdit::textChanged, m_hardware, &HardwareCheckModel::setSearchText);
    connect(m_hardware, &HardwareCheckModel::checkedChanged, this, &ComparePage::updateButtons);
    connect(m_batches, &QLineEdit::textChanged, this, &ComparePage::updateButtons);
    connect(m_runtime, &QComboBox::currentIndexChanged, this, &ComparePage::markCalibrations);
    connect(m_runButton, &QPushButton::clicked, this, &ComparePage::run);
    connect(m_cancelButton, &QPushButton::clicked, this, &ComparePage::cancel);
    return panel;
}

QWidget* ComparePage::createResults()
{
    m_errors->setObjectName(QStringLiteral("compareErrors"));
    m_errors->setWordWrap(true);
    m_errors->setTextFormat(Qt::PlainText);
    m_errors->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_errors->setStyleSheet(QStringLiteral("color: #a02020;"));

    m_barMetric->setObjectName(QStringLiteral("compareBarMetric"));
    m_barMetric->addItem(tr("Latency per inference"));
    m_barMetric->addItem(tr("Energy per inference"));
    m_barMetric->addItem(tr("Energy split per inference"));
    auto* barHeader = new QHBoxLayout;
    barHeader->addWidget(new QLabel(tr("Bars:")));
    barHeader->addWidget(m_barMetric);
    barHeader->addStretch();
    auto* barPane = new QWidget;
    auto* barLayout = new QVBoxLayout(barPane);
    barLayout->setContentsMargins(0, 0, 0, 0);
    barLayout->addLayout(barHeader);
    barLayout->addWidget(m_bars, 1);
    auto* charts = new QSplitter(Qt::Horizontal);
    charts->addWidget(barPane);
    charts->addWidget(m_pareto);
    charts->setSizes({ 1, 1 }); // halves
    m_proxy->setSourceModel(m_table);
    m_proxy->setSortRole(CompareTableModel::SortRole);
    m_proxy->setFilterKeyColumn(-1);
    m_proxy->setFilterCaseSensitivity(Qt::CaseInsensitive);
    m_view->setObjectName(QStringLiteral("compareTable"));
    m_view->setModel(m_proxy);
    m_view->setSortingEnabled(true);
    m_view->sortByColumn(-1, Qt::AscendingOrder); // the engine's order (model, batch, latency) until the user sorts
    m_view->verticalHeader()->hide();
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setAlternatingRowColors(true);
    m_view->setWordWrap(false);
    m_view->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_view->horizontalHeader()->setStretchLastSection(true);
    m_view->horizontalHeader()->setMaximumSectionSize(260); // long hardware names are elided, not given the table
    auto* filter = new QLineEdit;
    filter->setObjectName(QStringLiteral("compareFilter"));
    filter->setPlaceholderText(tr("Filter rows"));
    filter->setClearButtonEnabled(true);
    m_exportCsvButton->setObjectName(QStringLiteral("compareExportCsvButton"));
    m_exportImageButton->setObjectName(QStringLiteral("compareExportImageButton"));
    auto* imageMenu = new QMenu(m_exportImageButton);
    imageMenu->addAction(tr("Bar Chart…"), this, [this] { showExportImageDialog(Chart::Bars); });
    imageMenu->addAction(tr("Latency vs Energy…"), this, [this] { showExportImageDialog(Chart::Pareto); });
    m_exportImageButton->setMenu(imageMenu);
    auto* tableHeader = new QHBoxLayout;
    tableHeader->addWidget(filter, 1);
    tableHeader->addWidget(m_exportCsvButton);
    tableHeader->addWidget(m_exportImageButton);
    auto* tablePane = new QWidget;
    auto* tableLayout = new QVBoxLayout(tablePane);
    tableLayout->setContentsMargins(0, 0, 0, 0);
    tableLayout->addLayout(tableHeader);
    tableLayout->addWidget(m_view, 1);

    auto* vertical = new QSplitter(Qt::Vertical);
    vertical->addWidget(charts);
    vertical->addWidget(tablePane);
    vertical->setStretchFactor(0, 3);
    vertical->setStretchFactor(1, 2);
    auto* pane = new QWidget;
    auto* layout = new QVBoxLayout(pane);
    layout->addWidget(m_errors);
    layout->addWidget(vertical, 1);

    connect(m_barMetric, &QComboBox::currentIndexChanged, this, [this](int index) {
        m_bars->setMetric(index == 2 ? CompareBarChart::Metric::EnergySplit
                : index == 1         ? CompareBarChart::Metric::Energy
                                     : CompareBarChart::Metric::Latency);
    });
    connect(filter, &QLineEdit::textChanged, m_proxy, &QSortFilterProxyModel::setFilterFixedString);
    connect(m_exportCsvButton, &QPushButton::clicked, this, &ComparePage::showExportCsvDialog);
    return pane;
}

void ComparePage::setCatalog(std::shared_ptr<const HardwareCatalog> catalog)
{
    m_catalog = std::move(catalog);
    m_hardware->setEntries(m_catalog && m_catalog->registry ? m_catalog->registry->entries()
                                                            : std::vector<std::shared_ptr<const HardwareSpec>> {});
    const QString runtime = m_runtime->count() > 0
        ? m_runtime->currentData().toString()
        : QSettings().value(RuntimeKey, QStringLiteral("onnxruntime")).toString();
    m_runtime->clear();
    if (m_catalog) {
        for (const auto& r : m_catalog->runtimes)
            m_runtime->addItem(fromStd(r->runtimeName), fromStd(r->runtimeId));
    }
    m_runtime->setCurrentIndex(std::max(0, m_runtime->findData(runtime)));
    markCalibrations();
    updateButtons();
}

void ComparePage::markCalibrations()
{
    const std::vector<Precision> chosen = precisions();
    m_hardware->setCalibrationContext(
        m_runtime->currentData().toString(), chosen.empty() ? Precision::FP32 : chosen.front());
}

void ComparePage::refreshCalibrations()
{
    m_hardware->refreshCalibrations();
}

void ComparePage::setOpenModel(const QString& path)
{
    const QString previous = m_openModel;
    m_openModel = path;
    bool listed = false;
    for (int row = m_models->count() - 1; row >= 0; --row) {
        QListWidgetItem* item = m_models->item(row);
        const QString file = item->data(PathRole).toString();
        if (file == previous && file != path && item->data(OpenRole).toBool())
            delete m_models->takeItem(row); // listed only because it was open
        else if (file == path)
            listed = true;
    }
    if (listed) {
        updateButtons();
        return;
    }
    auto* item = new QListWidgetItem(QFileInfo(path).fileName());
    item->setData(PathRole, path);
    item->setData(OpenRole, true); // listed because it is open: replaced when another model opens
    item->setToolTip(tr("%1 (open in the window)").arg(QDir::toNativeSeparators(path)));
    m_models->insertItem(0, item);
    updateButtons();
}

void ComparePage::addModels(const QStringList& paths)
{
    QStringList listed = models();
    for (const QString& path : paths) {
        if (path.isEmpty() || listed.contains(path))
            continue;
        listed << path;
        auto* item = new QListWidgetItem(QFileInfo(path).fileName(), m_models);
        item->setData(PathRole, path);
        item->setToolTip(QDir::toNativeSeparators(path));
    }
    updateButtons();
}

void ComparePage::removeSelectedModels()
{
    qDeleteAll(m_models->selectedItems());
    updateButtons();
}

QStringList ComparePage::models() const
{
    QStringList paths;
    for (int row = 0; row < m_models->count(); ++row)
        paths << m_models->item(row)->data(PathRole).toString();
    return paths;
}

void ComparePage::setHardwareChecked(const QString& id, bool checked)
{
    m_hardware->setChecked(id, checked);
}

std::vector<int64_t> ComparePage::batches() const
{
    std::set<int64_t> sizes;
    const QStringList parts
        = m_batches->text().split(QRegularExpression(QStringLiteral("[,\\s]+")), Qt::SkipEmptyParts);
    for (const QString& part : parts) {
        bool ok = false;
        const qlonglong value = part.toLongLong(&ok);
        if (!ok || value <= 0 || value > 1'000'000)
            return {};
        sizes.insert(value);
    }
    return { sizes.begin(), sizes.end() };
}

std::vector<Precision> ComparePage::precisions() const
{
    std::vector<Precision> chosen;
    for (const auto& [precision, box] : m_precisions) {
        if (box->isChecked())
            chosen.push_back(precision);
    }
    return chosen;
}

void ComparePage::setPrecisionChecked(Precision precision, bool checked)
{
    for (const auto& [p, box] : m_precisions) {
        if (p == precision)
            box->setChecked(checked);
    }
}

QString ComparePage::missingInput() const
{
    if (m_models->count() == 0)
        return tr("Add a model to compare.");
    if (!m_catalog)
        return tr("The hardware registry is still loading.");
    if (m_hardware->checkedIds().isEmpty())
        return tr("Check at least one hardware entry.");
    if (batches().empty())
        return tr("Type the batch sizes as positive whole numbers, such as 1, 8, 32.");
    if (precisions().empty())
        return tr("Check at least one precision.");
    if (!m_catalog->runtime(m_runtime->currentData().toString()))
        return tr("Choose a runtime profile.");
    return {};
}

CompareInputs ComparePage::snapshot() const
{
    CompareInputs inputs;
    inputs.models = models();
    inputs.hardware = m_hardware->checkedEntries();
    inputs.batches = batches();
    inputs.precisions = precisions();
    inputs.runtime = m_catalog->runtime(m_runtime->currentData().toString());
    return inputs;
}

bool ComparePage::run()
{
    if (const QString missing = missingInput(); !missing.isEmpty()) {
        m_status->setText(missing);
        return false;
    }
    const CompareInputs inputs = snapshot();
    saveChoices();
    m_job.start([inputs](const JobControl& control) { return runCompareJob(control, inputs); }); // supersedes
    showResult(nullptr);
    m_progress->setValue(0);
    const auto combinations = inputs.models.size() * static_cast<qsizetype>(inputs.hardware.size())
        * static_cast<qsizetype>(inputs.batches.size()) * static_cast<qsizetype>(inputs.precisions.size());
    m_status->setText(tr("Estimating %n combination(s)…", nullptr, static_cast<int>(combinations)));
    updateButtons();
    return true;
}

void ComparePage::cancel()
{
    if (!m_job.isRunning())
        return;
    m_job.cancel();
    m_status->setText(tr("Cancelling…"));
    m_cancelButton->setEnabled(false);
}

void ComparePage::onFinished(std::shared_ptr<const CompareResult> result)
{
    m_progress->setValue(result ? 1000 : 0);
    if (result)
        showResult(std::move(result));
    else
        m_status->setText(tr("Cancelled: nothing was compared."));
    updateButtons();
    Q_EMIT finished();
}

void ComparePage::showResult(std::shared_ptr<const CompareResult> result)
{
    m_result = std::move(result);
    const std::vector<ComparisonRow> rows = m_result ? m_result->rows : std::vector<ComparisonRow> {};
    m_table->setRows(rows);
    const CompareChartData data = makeCompareChartData(rows);
    m_bars->setData(data);
    m_pareto->setData(data);
    m_errors->setText(m_result ? m_result->errors.join(QLatin1Char('\n')) : QString());
    m_errors->setVisible(m_result && !m_result->errors.isEmpty());
    if (!m_result)
        return;
    QStringList lines;
    const auto count = static_cast<int>(m_result->rows.size());
    lines << tr("%n row(s); the Pareto front marks, per model and batch, the hardware no other beats on both "
                "latency and energy.",
        nullptr, count);
    if (!m_result->skipped.isEmpty())
        lines << tr("Left out (the entry lacks the precision): %1").arg(m_result->skipped.join(QStringLiteral(", ")));
    lines << m_result->notes;
    m_status->setText(lines.join(QLatin1Char('\n')));
}

void ComparePage::updateButtons()
{
    const int checked = static_cast<int>(m_hardware->checkedIds().size());
    m_hardwareCount->setText(tr("%n checked", nullptr, checked));
    m_runButton->setEnabled(missingInput().isEmpty());
    m_runButton->setToolTip(missingInput());
    m_cancelButton->setEnabled(m_job.isRunning());
    m_progress->setVisible(m_job.isRunning());
    const bool haveRows = m_result && !m_result->rows.empty();
    m_exportCsvButton->setEnabled(haveRows);
    m_exportImageButton->setEnabled(haveRows);
}

QString ComparePage::exportCsv(const QString& path) const
{
    if (!m_result || m_result->rows.empty())
        return tr("There is nothing to export: run a comparison first.");
    return saveTextFile(path, QByteArray::fromStdString(renderComparison(m_result->rows, ReportFormat::Csv)));
}

QString ComparePage::exportImage(Chart chart, const QString& path, QSize size) const
{
    if (!m_result || m_result->rows.empty())
        return tr("There is no chart to export: run a comparison first.");
    QCustomPlot* plot = chart == Chart::Bars ? static_cast<QCustomPlot*>(m_bars) : m_pareto;
    if (size.isEmpty()) {
        const bool shown = plot->isVisible() && plot->width() >= 400;
        size = shown ? QSize() : QSize(ExportWidth, ExportHeight);
    }
    return savePlotImage(*plot, path, size.width(), size.height());
}

void ComparePage::showExportCsvDialog()
{
    const QString path = askExportPath(this, tr("Export Comparison as CSV"), QStringLiteral("comparison.csv"),
        tr("CSV files (*.csv);;All files (*)"), QFileInfo(models().value(0)).absolutePath());
    if (path.isEmpty())
        return;
    if (const QString error = exportCsv(path); !error.isEmpty())
        showErrorBox(this, tr("Export failed"), tr("Could not export the comparison."), error);
}

void ComparePage::showExportImageDialog(Chart chart)
{
    const QString name
        = chart == Chart::Bars ? QStringLiteral("comparison-bars.png") : QStringLiteral("comparison-pareto.png");
    const QCustomPlot* plot = chart == Chart::Bars ? static_cast<QCustomPlot*>(m_bars) : m_pareto;
    const auto choice = askChartExport(this, tr("Export Chart"), name,
        plot->isVisible() ? plot->size() : QSize(ExportWidth, ExportHeight),
        QFileInfo(models().value(0)).absolutePath());
    if (!choice)
        return;
    if (const QString error = exportImage(chart, choice->path, choice->size); !error.isEmpty())
        showErrorBox(this, tr("Export failed"), tr("Could not export the chart."), error);
}

void ComparePage::saveChoices() const
{
    QSettings settings;
    settings.setValue(BatchesKey, m_batches->text());
    settings.setValue(HardwareKey, m_hardware->checkedIds());
    QStringList precisionNames;
    for (Precision p : precisions())
        precisionNames << fromStd(precisionName(p));
    settings.setValue(PrecisionsKey, precisionNames);
    settings.setValue(RuntimeKey, m_runtime->currentData().toString());
}

void ComparePage::restoreChoices()
{
    const QSettings settings;
    m_batches->setText(settings.value(BatchesKey, QStringLiteral("1, 8")).toString());
    for (const QString& id : settings.value(HardwareKey).toStringList())
        m_hardware->setChecked(id, true);
    const QStringList chosen = settings.value(PrecisionsKey, QStringList { QStringLiteral("fp32") }).toStringList();
    for (const auto& [p, box] : m_precisions)
        box->setChecked(chosen.contains(fromStd(precisionName(p))));
}

} // namespace graphs::ui
