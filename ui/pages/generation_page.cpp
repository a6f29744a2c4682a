#include "pages/generation_page.h"

#include "charts/generation_plots.h"
#include "core/data_paths.h"
#include "dialogs.h"
#include "export/chart_export_dialog.h"
#include "export/chart_image_export.h"
#include "export/save_text_file.h"
#include "hardware/hardware_registry.h"
#include "hardware_catalog.h"
#include "models/generation_table_model.h"
#include "models/hardware_check_model.h"
#include "qt_strings.h"
#include "reporting/generation_report.h"
#include "transform/fusion_rules.h"

#include <QComboBox>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QMenu>
#include <QProgressBar>
#include <QPushButton>
#include <QSettings>
#include <QSortFilterProxyModel>
#include <QSpinBox>
#include <QSplitter>
#include <QTableView>
#include <QVBoxLayout>
#include <algorithm>

namespace graphs::ui {

namespace {

const QString ModelKey = QStringLiteral("generation/model");
const QString HardwareKey = QStringLiteral("generation/hardware");
const QString RuntimeKey = QStringLiteral("generation/runtime");
const QString PromptKey = QStringLiteral("generation/prompt");
const QString TokensKey = QStringLiteral("generation/tokens");
const QString BatchKey = QStringLiteral("generation/batch");
const QString PrecisionKey = QStringLiteral("generation/precision");
const QString WeightsKey = QStringLiteral("generation/weights");
constexpr int ExportWidth = 1200;
constexpr int ExportHeight = 800;
/// The precisions `graphs generate` takes for compute, activations and the KV cache.
constexpr Precision Precisions[]
    = { Precision::FP16, Precision::BF16, Precision::FP8, Precision::INT8, Precision::FP32 };

QSpinBox* tokenSpin(const QString& name, int minimum, int maximum)
{
    auto* spin = new QSpinBox;
    spin->setObjectName(name);
    spin->setRange(minimum, maximum);
    spin->setGroupSeparatorShown(true);
    return spin;
}

} // namespace

GenerationPage::GenerationPage(QWidget* parent)
    : QWidget(parent)
    , m_model(new QLineEdit)
    , m_hardwareSearch(new QLineEdit)
    , m_hardware(new HardwareCheckModel(this))
    , m_hardwareView(new QListView)
    , m_hardwareCount(new QLabel)
    , m_runtime(new QComboBox)
    , m_prompt(tokenSpin(QStringLiteral("generationPrompt"), 1, 1'048'576))
    , m_tokens(tokenSpin(QStringLiteral("generationTokens"), 1, 1'048'576))
    , m_batch(tokenSpin(QStringLiteral("generationBatch"), 1, 65'536))
    , m_precision(new QComboBox)
    , m_weights(new QComboBox)
    , m_runButton(new QPushButton(tr("Run")))
    , m_cancelButton(new QPushButton(tr("Cancel")))
    , m_progress(new QProgressBar)
    , m_status(new QLabel)
    , m_errors(new QLabel)
    , m_latencyPlot(new GenerationLatencyPlot)
    , m_memoryPlot(new GenerationMemoryPlot)
    , m_table(new GenerationTableModel(this))
    , m_proxy(new QSortFilterProxyModel(this))
    , m_view(new QTableView)
    , m_exportCsvButton(new QPushButton(tr("Export CSV…")))
    , m_exportChartButton(new QPushButton(tr("Export Chart")))
{
    setObjectName(QStringLiteral("generationPage"));
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
    m_job.onFinished([this](GenerationRun run) { onFinished(std::make_shared<const GenerationRun>(std::move(run))); });
    m_job.onFailed([this](const QString& message) {
        auto run = std::make_shared<GenerationRun>();
        run->errors << message;
        onFinished(std::move(run));
    });
    m_job.onCancelled([this] { onFinished(nullptr); });
    restoreChoices();
    showResult(nullptr);
    updateButtons();
}

GenerationPage::~GenerationPage()
{
    // The job holds copies only, but one left behind would still be estimating when the application quits; the
    // engine stops at its next pass once cancelled.
    m_job.cancel();
    m_job.wait();
}

QWidget* GenerationPage::createInputs()
{
    m_model->setObjectName(QStringLiteral("generationModel"));
    m_model->setPlaceholderText(tr("An ONNX decoder with a KV cache"));
    m_model->setToolTip(tr("A decoder as transformers/optimum export it: input_ids, attention_mask, position_ids and "
                           "past_key_values.N.key/value"));
    auto* browse = new QPushButton(tr("Browse…"));
    browse->setObjectName(QStringLiteral("generationBrowse"));
    auto* modelRow = new QHBoxLayout;
    modelRow->addWidget(m_model, 1);
    modelRow->addWidget(browse);
    auto* modelBox = new QGroupBox(tr("Decoder"));
    modelBox->setLayout(modelRow);

    m_hardwareSearch->setObjectName(QStringLiteral("generationHardwareSearch"));
    m_hardwareSearch->setPlaceholderText(tr("Search name, id or vendor"));
    m_hardwareSearch->setClearButtonEnabled(true);
    m_hardwareView->setObjectName(QStringLiteral("generationHardware"));
    m_hardwareView->setModel(m_hardware);
    m_hardwareView->setModelColumn(0);
    m_hardwareView->setUniformItemSizes(true);
    m_hardwareCount->setObjectName(QStringLiteral("generationHardwareCount"));
    auto* hardwareBox = new QGroupBox(tr("Hardware"));
    auto* hardwareLayout = new QVBoxLayout(hardwareBox);
    hardwareLayout->addWidget(m_hardwareSearch);
    hardwareLayout->addWidget(m_hardwareView, 1);
    hardwareLayout->addWidget(m_hardwareCount);

    m_prompt->setToolTip(tr("Tokens of the prompt, processed at once (the prefill): the time to the first token"));
    m_tokens->setToolTip(tr("Tokens generated after the prompt, one decode step each, against the growing KV cache"));
    m_batch->setToolTip(tr("Sequences generated together"));
    m_precision->setObjectName(QStringLiteral("generationPrecision"));
    m_precision->setToolTip(tr("Precision of compute, activations and the KV cache"));
    for (Precision p : Precisions)
        m_precision->addItem(fromStd(precisionName(p)), fromStd(precisionName(p)));
    m_weights->setObjectName(QStringLiteral("generationWeights"));
    m_weights->setToolTip(tr("Weight-only quantisation of the matrix multiplications' weights (groups of 128 with "
                             "one scale each); compute stays at the precision above"));
    m_weights->addItem(tr("as precision"), QStringLiteral("none"));
    m_weights->addItem(QStringLiteral("int8"), QStringLiteral("int8"));
    m_weights->addItem(QStringLiteral("int4"), QStringLiteral("int4"));
    m_runtime->setObjectName(QStringLiteral("generationRuntime"));
    m_runtime->setToolTip(tr("The runtime profile that decides which operators fuse"));
    auto* form = new QFormLayout;
    form->addRow(tr("Prompt tokens:"), m_prompt);
    form->addRow(tr("Generated tokens:"), m_tokens);
    form->addRow(tr("Batch:"), m_batch);
    form->addRow(tr("Precision:"), m_precision);
    form->addRow(tr("Weights:"), m_weights);
    form->addRow(tr("Runtime:"), m_runtime);

    m_runButton->setObjectName(QStringLiteral("generationRunButton"));
    m_runButton->setDefault(true);
    m_cancelButton->setObjectName(QStringLiteral("generationCancelButton"));
    auto* runButtons = new QHBoxLayout;
    runButtons->addWidget(m_runButton);
    runButtons->addWidget(m_cancelButton);
    runButtons->addStretch();
    m_progress->setObjectName(QStringLiteral("generationProgress"));
    m_progress->setRange(0, 1000);
    m_progress->setTextVisible(false);
    m_status->setObjectName(QStringLiteral("generationStatus"));
    m_status->setWordWrap(true);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);

    auto* panel = new QWidget;
    auto* layout = new QVBoxLayout(panel);
    layout->addWidget(modelBox);
    layout->addWidget(hardwareBox, 1);
    layout->addLayout(form);
    layout->addLayout(runButtons);
    layout->addWidget(m_progress);
    layout->addWidget(m_status);
    panel->setMinimumWidth(280);

    connect(browse, &QPushButton::clicked, this, [this] {
        const QString start = m_model->text().isEmpty() ? QString::fromStdString(bundledModelsDir())
                                                        : QFileInfo(m_model->text()).absolutePath();
        const QString path = QFileDialog::getOpenFileName(
            this, tr("Choose a Decoder"), start, tr("ONNX models (*.onnx);;All files (*)"));
        if (!path.isEmpty())
            setModel(path);
    });
    connect(m_model, &QLineEdit::textChanged, this, &GenerationPage::updateButtons);
    connect(m_hardwareSearch, &QLineEdit::textChanged, m_hardware, &HardwareCheckModel::setSearchText);
    connect(m_hardware, &HardwareCheckModel::checkedChanged, this, &GenerationPage::updateButtons);
    connect(m_runtime, &QComboBox::currentIndexChanged, this, &GenerationPage::markCalibrations);
    connect(m_precision, &QComboBox::currentIndexChanged, this, &GenerationPage::markCalibrations);
    connect(m_runButton, &QPushButton::clicked, this, &GenerationPage::run);
    connect(m_cancelButton, &QPushButton::clicked, this, &GenerationPage::cancel);
    return panel;
}

QWidget* GenerationPage::createResults()
{
    m_errors->setObjectName(QStringLiteral("generationErrors"));
    m_errors->setWordWrap(true);
    m_errors->setTextFormat(Qt::PlainText);
    m_errors->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_errors->setStyleSheet(QStringLiteral("color: #a02020;"));

    auto* charts = new QSplitter(Qt::Horizontal);
    charts->addWidget(m_latencyPlot);
    charts->addWidget(m_memoryPlot);
    charts->setSizes({ 1, 1 }); // halves

    m_proxy->setSourceModel(m_table);
    m_proxy->setSortRole(GenerationTableModel::SortRole);
    m_view->setObjectName(QStringLiteral("generationTable"));
    m_view->setModel(m_proxy);
    m_view->setSortingEnabled(true);
    m_view->sortByColumn(-1, Qt::AscendingOrder); // the order the hardware was checked in, until the user sorts
    m_view->verticalHeader()->hide();
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setAlternatingRowColors(true);
    m_view->setWordWrap(false);
    m_view->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_view->horizontalHeader()->setStretchLastSection(true);
    m_view->horizontalHeader()->setMaximumSectionSize(260);
    m_exportCsvButton->setObjectName(QStringLiteral("generationExportCsvButton"));
    m_exportChartButton->setObjectName(QStringLiteral("generationExportChartButton"));
    auto* chartMenu = new QMenu(m_exportChartButton);
    chartMenu->addAction(tr("Latency per Token…"), this, [this] { showExportChartDialog(Chart::Latency); });
    chartMenu->addAction(tr("Memory…"), this, [this] { showExportChartDialog(Chart::Memory); });
    m_exportChartButton->setMenu(chartMenu);
    auto* tableHeader = new QHBoxLayout;
    tableHeader->addStretch(1);
    tableHeader->addWidget(m_exportCsvButton);
    tableHeader->addWidget(m_exportChartButton);
    auto* tablePane = new QWidget;
    auto* tableLayout = new QVBoxLayout(tablePane);
    tableLayout->setContentsMargins(0, 0, 0, 0);
    tableLayout->addLayout(tableHeader);
    tableLayout->addWidget(m_view, 1);

    auto* vertical = new QSplitter(Qt::Vertical);
    vertical->addWidget(charts);
    vertical->addWidget(tablePane);
    vertical->setStretchFactor(0, 3);
    vertical->setStretchFactor(1, 1);
    auto* pane = new QWidget;
    auto* layout = new QVBoxLayout(pane);
    layout->addWidget(m_errors);
    layout->addWidget(vertical, 1);
    connect(m_exportCsvButton, &QPushButton::clicked, this, &GenerationPage::showExportCsvDialog);
    return pane;
}

void GenerationPage::setCatalog(std::shared_ptr<const HardwareCatalog> catalog)
{
    m_catalog = std::move(catalog);
    const QStringList checked = m_hardware->checkedIds();
    m_hardware->setEntries(m_catalog && m_catalog->registry ? m_catalog->registry->entries()
                                                            : std::vector<std::shared_ptr<const HardwareSpec>> {});
    for (const QString& id : checked)
        m_hardware->setChecked(id, true);
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

void GenerationPage::markCalibrations()
{
    m_hardware->setCalibrationContext(m_runtime->currentData().toString(),
        parsePrecision(m_precision->currentData().toString().toStdString()).value_or(Precision::FP16));
}

void GenerationPage::refreshCalibrations()
{
    m_hardware->refreshCalibrations();
}

void GenerationPage::setModel(const QString& path)
{
    m_model->setText(QDir::toNativeSeparators(path));
}

QString GenerationPage::model() const
{
    return QDir::fromNativeSeparators(m_model->text().trimmed());
}

void GenerationPage::setHardwareChecked(const QString& id, bool checked)
{
    m_hardware->setChecked(id, checked);
}

QString GenerationPage::missingInput() const
{
    if (model().isEmpty())
        return tr("Choose a decoder.");
    if (!QFileInfo(model()).isFile())
        return tr("No such file: %1").arg(m_model->text());
    if (!m_catalog)
        return tr("The hardware registry is still loading.");
    if (m_hardware->checkedIds().isEmpty())
        return tr("Check at least one hardware entry.");
    if (!m_catalog->runtime(m_runtime->currentData().toString()))
        return tr("Choose a runtime profile.");
    return {};
}

GenerationInputs GenerationPage::snapshot() const
{
    GenerationInputs inputs;
    inputs.model = model();
    inputs.hardware = m_hardware->checkedEntries();
    inputs.runtime = m_catalog->runtime(m_runtime->currentData().toString());
    inputs.precision = parsePrecision(m_precision->currentData().toString().toStdString()).value_or(Precision::FP16);
    inputs.weights
        = parseWeightFormat(m_weights->currentData().toString().toStdString()).value_or(WeightFormat::AsCompute);
    inputs.promptTokens = m_prompt->value();
    inputs.generatedTokens = m_tokens->value();
    inputs.batch = m_batch->value();
    return inputs;
}

bool GenerationPage::run()
{
    if (const QString missing = missingInput(); !missing.isEmpty()) {
        m_status->setText(missing);
        return false;
    }
    const GenerationInputs inputs = snapshot();
    saveChoices();
    m_job.start([inputs](const JobControl& control) { return runGenerationJob(control, inputs); }); // supersedes
    showResult(nullptr);
    m_progress->setValue(0);
    m_status->setText(tr("Estimating the prefill and %1 decode steps on %n device(s)…", nullptr,
        static_cast<int>(inputs.hardware.size()))
                          .arg(std::min<int64_t>(inputs.decodeSamples, inputs.generatedTokens)));
    updateButtons();
    return true;
}

void GenerationPage::cancel()
{
    if (!m_job.isRunning())
        return;
    m_job.cancel();
    m_status->setText(tr("Cancelling…"));
    m_cancelButton->setEnabled(false);
}

void GenerationPage::onFinished(std::shared_ptr<const GenerationRun> run)
{
    m_progress->setValue(run ? 1000 : 0);
    if (run)
        showResult(std::move(run));
    else
        m_status->setText(tr("Cancelled: nothing was estimated."));
    updateButtons();
    Q_EMIT finished();
}

void GenerationPage::showResult(std::shared_ptr<const GenerationRun> run)
{
    m_result = std::move(run);
    const std::vector<GenerationResult> results = m_result ? m_result->results : std::vector<GenerationResult> {};
    m_table->setResults(results);
    m_latencyPlot->setResults(results);
    m_memoryPlot->setResults(results);
    m_errors->setText(m_result ? m_result->errors.join(QLatin1Char('\n')) : QString());
    m_errors->setVisible(m_result && !m_result->errors.isEmpty());
    if (!m_result)
        return;
    QStringList lines;
    if (!results.empty()) {
        const GenerationResult& r = results.front();
        lines << tr("%1: %2 prompt + %3 generated tokens, batch %4, %5; KV cache %6 per token of one sequence "
                    "(%7 layers × 2 × %8 KV heads × %9).")
                     .arg(fromStd(r.model))
                     .arg(r.promptTokens)
                     .arg(r.generatedTokens)
                     .arg(r.batch)
                     .arg(fromStd(precisionName(r.precision)))
                     .arg(QStringLiteral("%1 kB").arg(r.kvCacheBytesPerToken / 1e3, 0, 'g', 4))
                     .arg(r.decoder.layers)
                     .arg(r.decoder.kvHeads)
                     .arg(r.decoder.headDim);
        for (const GenerationResult& g : results) {
            if (!g.memory.fits)
                lines << tr("Does not fit on %1: %2").arg(fromStd(g.hardwareId), fromStd(g.memory.message));
        }
    }
    lines << m_result->notes;
    m_status->setText(lines.join(QLatin1Char('\n')));
}

void GenerationPage::updateButtons()
{
    m_hardwareCount->setText(tr("%n checked", nullptr, static_cast<int>(m_hardware->checkedIds().size())));
    const QString missing = missingInput();
    m_runButton->setEnabled(missing.isEmpty());
    m_runButton->setToolTip(missing);
    m_cancelButton->setEnabled(m_job.isRunning() && !m_job.isCancelling());
    m_progress->setVisible(m_job.isRunning());
    const bool haveRows = m_result && !m_result->results.empty();
    m_exportCsvButton->setEnabled(haveRows);
    m_exportChartButton->setEnabled(haveRows);
}

QString GenerationPage::exportCsv(const QString& path) const
{
    if (!m_result || m_result->results.empty())
        return tr("There is nothing to export: run an estimate first.");
    // Each report is a header and one row: the header once, then every device's row.
    QByteArray csv;
    for (const GenerationResult& r : m_result->results) {
        const QByteArray one = QByteArray::fromStdString(renderGeneration(r, ReportFormat::Csv));
        csv += csv.isEmpty() ? one : one.mid(one.indexOf('\n') + 1);
    }
    return saveTextFile(path, csv);
}

QString GenerationPage::exportChart(Chart chart, const QString& path, QSize size) const
{
    if (!m_result || m_result->results.empty())
        return tr("There is no chart to export: run an estimate first.");
    QCustomPlot* plot = chart == Chart::Latency ? static_cast<QCustomPlot*>(m_latencyPlot) : m_memoryPlot;
    if (size.isEmpty()) {
        const bool shown = plot->isVisible() && plot->width() >= 400;
        size = shown ? QSize() : QSize(ExportWidth, ExportHeight);
    }
    return savePlotImage(*plot, path, size.width(), size.height());
}

void GenerationPage::showExportCsvDialog()
{
    const QString path = askExportPath(this, tr("Export Generation Estimates as CSV"), QStringLiteral("generation.csv"),
        tr("CSV files (*.csv);;All files (*)"), QFileInfo(model()).absolutePath());
    if (path.isEmpty())
        return;
    if (const QString error = exportCsv(path); !error.isEmpty())
        showErrorBox(this, tr("Export failed"), tr("Could not export the estimates."), error);
}

void GenerationPage::showExportChartDialog(Chart chart)
{
    const QString name
        = chart == Chart::Latency ? QStringLiteral("generation-latency.png") : QStringLiteral("generation-memory.png");
    const QCustomPlot* plot = chart == Chart::Latency ? static_cast<QCustomPlot*>(m_latencyPlot) : m_memoryPlot;
    const auto choice = askChartExport(this, tr("Export Chart"), name,
        plot->isVisible() ? plot->size() : QSize(ExportWidth, ExportHeight), QFileInfo(model()).absolutePath());
    if (!choice)
        return;
    if (const QString error = exportChart(chart, choice->path, choice->size); !error.isEmpty())
        showErrorBox(this, tr("Export failed"), tr("Could not export the chart."), error);
}

void GenerationPage::saveChoices() const
{
    QSettings settings;
    settings.setValue(ModelKey, model());
    settings.setValue(HardwareKey, m_hardware->checkedIds());
    settings.setValue(RuntimeKey, m_runtime->currentData().toString());
    settings.setValue(PromptKey, m_prompt->value());
    settings.setValue(TokensKey, m_tokens->value());
    settings.setValue(BatchKey, m_batch->value());
    settings.setValue(PrecisionKey, m_precision->currentData().toString());
    settings.setValue(WeightsKey, m_weights->currentData().toString());
}

void GenerationPage::restoreChoices()
{
    const QSettings settings;
    // The bundled Llama-2-7B structure until another decoder is chosen.
    const QString bundled
        = QDir(QString::fromStdString(bundledModelsDir())).filePath(QStringLiteral("llama2_7b.structure.onnx"));
    QString model = settings.value(ModelKey).toString();
    if (model.isEmpty() && QFileInfo(bundled).isFile())
        model = bundled;
    setModel(model);
    for (const QString& id : settings.value(HardwareKey).toStringList())
        m_hardware->setChecked(id, true);
    m_prompt->setValue(settings.value(PromptKey, 512).toInt());
    m_tokens->setValue(settings.value(TokensKey, 128).toInt());
    m_batch->setValue(settings.value(BatchKey, 1).toInt());
    m_precision->setCurrentIndex(
        std::max(0, m_precision->findData(settings.value(PrecisionKey, QStringLiteral("fp16")))));
    m_weights->setCurrentIndex(std::max(0, m_weights->findData(settings.value(WeightsKey, QStringLiteral("none")))));
}

} // namespace graphs::ui
