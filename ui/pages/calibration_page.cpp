#include "pages/calibration_page.h"

#include "charts/calibration_scatter_plot.h"
#include "core/data_paths.h"
#include "dialogs.h"
#include "export/chart_export_dialog.h"
#include "export/chart_image_export.h"
#include "hardware/hardware_registry.h"
#include "hardware_catalog.h"
#include "jobs/calibration_runner.h"
#include "models/calibration_coefficient_model.h"
#include "models/calibration_roofs_model.h"
#include "transform/fusion_rules.h"
#include "widgets/few_shot_panel.h"
#include "widgets/result_table.h"
#include "widgets/transfer_panel.h"

#include <QComboBox>
#include <QCoreApplication>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>
#include <QSettings>
#include <QSplitter>
#include <QTabWidget>
#include <QTableView>
#include <QVBoxLayout>
#include <cmath>

namespace graphs::ui {

namespace {

const QString HardwareKey = QStringLiteral("calibration/hardware");
const QString RuntimeKey = QStringLiteral("calibration/runtime");
const QString PrecisionKey = QStringLiteral("calibration/precision");
const QString ModelsFolderKey = QStringLiteral("calibration/modelsFolder");
/// Imported measurements of a runtime without fusion rules are per kernel already: fitted unpartitioned.
const QString UnfusedRuntime = QString::fromLatin1(kUnfusedRuntime);
constexpr int ExportWidth = 900;
constexpr int ExportHeight = 700;

QString percent(double value, int decimals = 1)
{
    return QString::number(value, 'f', decimals) + QStringLiteral(" %");
}

QLabel* heading(const QString& text)
{
    auto* label = new QLabel(text);
    QFont bold = label->font();
    bold.setBold(true);
    label->setFont(bold);
    return label;
}

/// The sub-folders of `path` that hold something (hardware under benchmarks/, runtimes under a hardware).
QStringList subfolders(const QString& path)
{
    return QDir(path).entryList(QDir::Dirs | QDir::NoDotAndDotDot, QDir::Name);
}

} // namespace

CalibrationPage::CalibrationPage(CalibrationRunner* runner, QWidget* parent)
    : QWidget(parent)
    , m_runner(runner)
    , m_registryDir(QString::fromStdString(graphs::userRegistryDir()))
    , m_modelsFolder(QSettings().value(ModelsFolderKey).toString())
    , m_hardware(new QComboBox)
    , m_runtime(new QComboBox)
    , m_precision(new QComboBox)
    , m_modelsButton(new QPushButton(tr("Models folder…")))
    , m_modelsLabel(new QLabel)
    , m_fitButton(new QPushButton(tr("Fit")))
    , m_cancelButton(new QPushButton(tr("Cancel")))
    , m_progress(new QProgressBar)
    , m_saveButton(new QPushButton(tr("Save profile")))
    , m_exportButton(new QPushButton(tr("Export Image…")))
    , m_message(new QLabel)
    , m_quality(new QLabel)
    , m_roofsModel(new CalibrationRoofsModel(this))
    , m_coefficientModel(new CalibrationCoefficientModel(this))
    , m_roofsView(makeResultTable(m_roofsModel, QStringLiteral("calibrationRoofsView")))
    , m_coefficientView(makeResultTable(m_coefficientModel, QStringLiteral("calibrationCoefficientView")))
    , m_plot(new CalibrationScatterPlot)
    , m_scatterMode(new QComboBox)
    , m_transfer(new TransferPanel)
    , m_fewShot(new FewShotPanel)
    , m_bottomTabs(new QTabWidget)
{
    setObjectName(QStringLiteral("calibrationPage"));
    m_message->setObjectName(QStringLiteral("calibrationMessage"));
    m_message->setWordWrap(true);
    m_message->setTextFormat(Qt::PlainText);
    m_message->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_quality->setObjectName(QStringLiteral("calibrationQuality"));
    m_quality->setWordWrap(true);
    m_quality->setTextFormat(Qt::RichText);

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(createControls());
    layout->addWidget(createResults(), 1);

    connect(m_hardware, &QComboBox::currentIndexChanged, this, [this] {
        if (!m_filling)
            fillRuntimes();
    });
    connect(m_runtime, &QComboBox::currentIndexChanged, this, [this] {
        if (!m_filling)
            onSelectionChanged();
    });
    connect(m_precision, &QComboBox::currentIndexChanged, this, [this] {
        if (!m_filling)
            onSelectionChanged();
    });
    connect(m_modelsButton, &QPushButton::clicked, this, &CalibrationPage::chooseModelsFolder);
    connect(m_fitButton, &QPushButton::clicked, this, &CalibrationPage::fit);
    connect(m_cancelButton, &QPushButton::clicked, m_runner, &CalibrationRunner::cancel);
    connect(m_saveButton, &QPushButton::clicked, m_runner, &CalibrationRunner::saveProfile);
    connect(m_exportButton, &QPushButton::clicked, this, &CalibrationPage::showExportDialog);
    connect(m_scatterMode, &QComboBox::currentIndexChanged, this, &CalibrationPage::showScatter);
    connect(m_transfer, &TransferPanel::checkStarted, this, [this] { m_bottomTabs->setCurrentWidget(m_transfer); });
    connect(m_fewShot, &FewShotPanel::adaptRequested, this, &CalibrationPage::adapt);

    connect(m_runner, &CalibrationRunner::started, this, [this] {
        setBusy(true);
        const QString prior = m_runner->request().prior;
        showMessage(prior.isEmpty()
                ? tr("Fitting %1 and estimating each model with a fit that leaves it out…").arg(selectionName())
                : tr("Adapting %1 from the calibration of %2: fitting every set of up to three of its models…")
                      .arg(selectionName(), prior));
    });
    connect(m_runner, &CalibrationRunner::finished, this, [this](const std::shared_ptr<const CalibrationRun>& run) {
        setBusy(false);
        setRun(run);
        if (run->fewShot)
            m_bottomTabs->setCurrentWidget(m_fewShot);
    });
    connect(m_runner, &CalibrationRunner::failed, this, [this](const QString& message) {
        setBusy(false);
        setRun(nullptr);
        showMessage(tr("Could not calibrate %1: %2").arg(selectionName(), message), true);
    });
    connect(m_runner, &CalibrationRunner::cancelled, this, [this] {
        setBusy(false);
        showMessage(
            m_run ? tr("Fitting cancelled; the calibration shown is the previous one.") : tr("Fitting cancelled."));
    });
    connect(m_runner, &CalibrationRunner::saved, this, [this](const QString& path) {
        m_saveButton->setEnabled(m_run && m_run->isSaveable());
        updateSource(); // the device may now have a profile of its own
        if (m_run && !m_run->calibration.profile.priorHardware.empty())
            showMessage(tr("Saved the profile adapted from %1's to %2: 'graphs analyze' and 'graphs validate' now use "
                           "this calibration.")
                            .arg(QString::fromStdString(m_run->calibration.profile.priorHardware),
                                QDir::toNativeSeparators(path)));
        else
            showMessage(tr("Saved the profile to %1: 'graphs analyze' and 'graphs validate' now use this calibration.")
                            .arg(QDir::toNativeSeparators(path)));
    });
    connect(m_runner, &CalibrationRunner::saveFailed, this, [this](const QString& message) {
        m_saveButton->setEnabled(m_run && m_run->isSaveable());
        showMessage(tr("Could not save the profile: %1").arg(message), true);
    });

    setModelsFolder(m_modelsFolder);
    setBusy(false);
    setRun(nullptr);
    fillHardware();
}

CalibrationPage::~CalibrationPage() = default;

QWidget* CalibrationPage::createControls()
{
    m_hardware->setObjectName(QStringLiteral("calibrationHardware"));
    m_hardware->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_hardware->setMinimumContentsLength(28);
    m_hardware->setToolTip(tr("The hardware the measurements were taken on; measured entries come first"));
    m_runtime->setObjectName(QStringLiteral("calibrationRuntime"));
    m_runtime->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    m_runtime->setToolTip(tr("The runtime measured; measured runtimes come first"));
    m_precision->setObjectName(QStringLiteral("calibrationPrecision"));
    for (Precision p : kAllPrecisions) {
        const QString name = QString::fromUtf8(precisionName(p).data());
        m_precision->addItem(name, name);
    }
    const auto saved = parsePrecision(QSettings().value(PrecisionKey, QStringLiteral("fp32")).toString().toStdString());
    selectPrecision(saved.value_or(Precision::FP32));
    m_modelsButton->setObjectName(QStringLiteral("calibrationModelsFolder"));
    m_modelsButton->setToolTip(tr("The folder holding the ONNX files that the workload rows name"));
    m_modelsLabel->setObjectName(QStringLiteral("calibrationModelsLabel"));
    m_modelsLabel->setTextFormat(Qt::PlainText);
    m_modelsLabel->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred); // a long path is cut, not the page
    m_fitButton->setObjectName(QStringLiteral("calibrationFit"));
    m_fitButton->setDefault(true);
    m_cancelButton->setObjectName(QStringLiteral("calibrationCancel"));
    m_progress->setObjectName(QStringLiteral("calibrationProgress"));
    m_progress->setRange(0, 0); // buildCalibration() reports no progress: busy, not a percentage
    m_progress->setMaximumWidth(120);
    m_saveButton->setObjectName(QStringLiteral("calibrationSave"));
    m_exportButton->setObjectName(QStringLiteral("calibrationExportImage"));

    // What to fit on the first row; the actions and what they report on the second.
    auto* controls = new QWidget;
    auto* rows = new QVBoxLayout(controls);
    rows->setContentsMargins(0, 0, 0, 0);
    auto* choice = new QHBoxLayout;
    choice->addWidget(new QLabel(tr("Hardware:")));
    choice->addWidget(m_hardware);
    choice->addWidget(new QLabel(tr("Runtime:")));
    choice->addWidget(m_runtime);
    choice->addWidget(new QLabel(tr("Precision:")));
    choice->addWidget(m_precision);
    choice->addWidget(m_modelsButton);
    choice->addWidget(m_modelsLabel, 1);
    auto* actions = new QHBoxLayout;
    actions->addWidget(m_fitButton);
    actions->addWidget(m_progress);
    actions->addWidget(m_cancelButton);
    actions->addWidget(m_fewShot->adaptRow());
    actions->addWidget(m_saveButton);
    actions->addWidget(m_exportButton);
    actions->addWidget(m_message, 1);
    rows->addLayout(choice);
    rows->addLayout(actions);
    rows->addWidget(m_transfer->sourceRow());
    return controls;
}

QWidget* CalibrationPage::createResults()
{
    m_coefficientView->setToolTip(tr("T = Σ coefficient · term per kernel; hover a heading for what the term is"));

    // Roofs and fit beside the chart; the coefficients, ten columns wide, below across the page.
    auto* left = new QWidget;
    auto* column = new QVBoxLayout(left);
    column->setContentsMargins(0, 0, 0, 0);
    column->addWidget(heading(tr("Roofs")));
    column->addWidget(m_roofsView, 1);
    column->addWidget(heading(tr("Fit")));
    column->addWidget(m_quality);
    m_scatterMode->setObjectName(QStringLiteral("calibrationScatterMode"));
    m_scatterMode->addItem(tr("Fitted and held out"));
    m_scatterMode->addItem(tr("Each training point by class"));
    m_scatterMode->setToolTip(tr("Which estimates the chart shows: the fit's and the leave-one-model-out fits' "
                                 "of the models, or the fit's of every point, coloured by operator class"));
    auto* chart = new QWidget;
    auto* chartColumn = new QVBoxLayout(chart);
    chartColumn->setContentsMargins(0, 0, 0, 0);
    auto* chartChoice = new QHBoxLayout;
    chartChoice->addWidget(new QLabel(tr("Points:")));
    chartChoice->addWidget(m_scatterMode);
    chartChoice->addStretch(1);
    chartColumn->addLayout(chartChoice);
    chartColumn->addWidget(m_plot, 1);
    m_plot->setMinimumHeight(240); // the page, with its mode row above the chart, fits a 640-pixel-high window
    auto* top = new QSplitter(Qt::Horizontal);
    top->addWidget(left);
    top->addWidget(chart);
    top->setStretchFactor(0, 1);
    top->setStretchFactor(1, 1);
    top->setCollapsible(1, false);
    top->setSizes({ 500, 700 });

    // The coefficients, and the transfer check of a device without a profile of its own, in tabs below.
    m_bottomTabs->setObjectName(QStringLiteral("calibrationBottomTabs"));
    m_bottomTabs->addTab(m_coefficientView, tr("Coefficients"));
    m_bottomTabs->addTab(m_transfer, tr("Transfer check"));
    m_bottomTabs->addTab(m_fewShot, tr("Few-shot curve"));
    QWidget* bottom = m_bottomTabs;

    auto* splitter = new QSplitter(Qt::Vertical);
    splitter->setObjectName(QStringLiteral("calibrationSplitter"));
    splitter->addWidget(top);
    splitter->addWidget(bottom);
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 2);
    splitter->setCollapsible(0, false);
    return splitter;
}

void CalibrationPage::setCatalog(std::shared_ptr<const HardwareCatalog> catalog)
{
    m_catalog = std::move(catalog);
    fillHardware();
}

void CalibrationPage::setRegistryDirectory(const QString& directory)
{
    m_registryDir = directory;
    fillHardware();
}

void CalibrationPage::setModelsFolder(const QString& folder)
{
    m_modelsFolder = folder;
    QSettings().setValue(ModelsFolderKey, folder);
    m_modelsLabel->setText(folder.isEmpty() ? tr("no models folder") : QDir::toNativeSeparators(folder));
    m_modelsLabel->setToolTip(folder.isEmpty()
            ? tr("Without a models folder, workload rows (whole models measured by 'graphs benchmark') are skipped")
            : QDir::toNativeSeparators(folder));
}

void CalibrationPage::chooseModelsFolder()
{
    const QString folder = QFileDialog::getExistingDirectory(this, tr("Folder of the Measured Models"), m_modelsFolder);
    if (!folder.isEmpty())
        setModelsFolder(folder);
}

void CalibrationPage::fillHardware()
{
    const QString previous = m_hardware->count() ? hardwareId() : QSettings().value(HardwareKey).toString();
    m_filling = true;
    m_hardware->clear();
    int measuredCount = 0;
    if (m_catalog && m_catalog->registry) {
        const QStringList measured = subfolders(QDir(m_registryDir).filePath(QStringLiteral("benchmarks")));
        const auto& entries = m_catalog->registry->entries();
        for (const bool withMeasurements : { true, false }) {
            if (!withMeasurements && m_hardware->count())
                m_hardware->insertSeparator(m_hardware->count());
            for (const auto& entry : entries) {
                const QString id = QString::fromStdString(entry->id);
                if (measured.contains(id) != withMeasurements)
                    continue;
                m_hardware->addItem(withMeasurements ? tr("%1 (measured)").arg(id) : id, id);
                measuredCount += withMeasurements ? 1 : 0;
                m_hardware->setItemData(m_hardware->count() - 1, QString::fromStdString(entry->name), Qt::ToolTipRole);
            }
        }
    }
    // The last choice, else the first entry with measurements (they come first), else this machine.
    int index = m_hardware->findData(previous);
    if (index < 0)
        index = measuredCount > 0 ? 0 : m_hardware->findData(QStringLiteral("local"));
    m_hardware->setCurrentIndex(m_hardware->count() && index < 0 ? 0 : index);
    m_hardware->setEnabled(m_hardware->count() > 0);
    m_filling = false;
    fillRuntimes();
}

void CalibrationPage::fillRuntimes()
{
    const QString previous = m_runtime->count() ? runtimeId() : QSettings().value(RuntimeKey).toString();
    m_filling = true;
    m_runtime->clear();
    const QString hardware = hardwareId();
    if (!hardware.isEmpty()) {
        const QString folder = QDir(m_registryDir).filePath(QStringLiteral("benchmarks/") + hardware);
        for (const QString& runtime : subfolders(folder)) {
            if (!registryMeasurements(m_registryDir, hardware, runtime).isEmpty())
                m_runtime->addItem(tr("%1 (measured)").arg(runtime), runtime);
        }
        if (m_catalog) {
            for (const auto& rules : m_catalog->runtimes) {
                const QString id = QString::fromStdString(rules->runtimeId);
                if (m_runtime->findData(id) < 0 && id != UnfusedRuntime)
                    m_runtime->addItem(id, id);
            }
        }
    }
    const int index = m_runtime->findData(previous);
    m_runtime->setCurrentIndex(index >= 0 ? index : (m_runtime->count() ? 0 : -1));
    m_runtime->setEnabled(m_runtime->count() > 0);
    m_filling = false;
    onSelectionChanged();
}

void CalibrationPage::onSelectionChanged()
{
    QSettings settings;
    if (!hardwareId().isEmpty())
        settings.setValue(HardwareKey, hardwareId());
    if (!runtimeId().isEmpty())
        settings.setValue(RuntimeKey, runtimeId());
    settings.setValue(PrecisionKey, m_precision->currentData());
    updateSource();
    if (m_runner->isRunning())
        return;
    m_fitButton->setEnabled(m_catalog && !hardwareId().isEmpty() && !runtimeId().isEmpty());
    if (!m_catalog) {
        showMessage(tr("Loading the hardware registry…"));
        return;
    }
    if (hardwareId().isEmpty() || runtimeId().isEmpty())
        return;
    const QStringList files = registryMeasurements(m_registryDir, hardwareId(), runtimeId());
    const QString folder = QDir::toNativeSeparators(
        QDir(m_registryDir).filePath(QStringLiteral("benchmarks/%1/%2").arg(hardwareId(), runtimeId())));
    if (files.isEmpty())
        showMessage(tr("No measurements of %1 × %2 in %3: measure with 'graphs benchmark --suite calibration', or "
                       "import with 'graphs benchmark import'.")
                        .arg(hardwareId(), runtimeId(), folder));
    else
        showMessage(tr("%n results file(s) in %1: Fit to calibrate %2.", nullptr, int(files.size()))
                        .arg(folder, selectionName()));
}

bool CalibrationPage::selectHardware(const QString& id)
{
    const int index = m_hardware->findData(id);
    if (index >= 0)
        m_hardware->setCurrentIndex(index);
    return index >= 0;
}

bool CalibrationPage::selectRuntime(const QString& id)
{
    const int index = m_runtime->findData(id);
    if (index >= 0)
        m_runtime->setCurrentIndex(index);
    return index >= 0;
}

bool CalibrationPage::selectPrecision(Precision precision)
{
    const int index = m_precision->findData(QString::fromUtf8(precisionName(precision).data()));
    if (index >= 0)
        m_precision->setCurrentIndex(index);
    return index >= 0;
}

QString CalibrationPage::hardwareId() const
{
    return m_hardware->currentData().toString();
}

QString CalibrationPage::runtimeId() const
{
    return m_runtime->currentData().toString();
}

Precision CalibrationPage::precision() const
{
    return parsePrecision(m_precision->currentData().toString().toStdString()).value_or(Precision::FP32);
}

bool CalibrationPage::hasMeasurements() const
{
    return !hardwareId().isEmpty() && !runtimeId().isEmpty()
        && !registryMeasurements(m_registryDir, hardwareId(), runtimeId()).isEmpty();
}

QString CalibrationPage::selectionName() const
{
    return tr("%1 × %2 (%3)").arg(hardwareId(), runtimeId(), m_precision->currentText());
}

void CalibrationPage::fit()
{
    start({});
}

void CalibrationPage::adapt(const QString& prior)
{
    start(prior);
}

void CalibrationPage::start(const QString& prior)
{
    if (!m_catalog)
        return showMessage(tr("The hardware registry is not loaded yet."), true);
    CalibrationRequest request;
    request.hardware = m_catalog->hardware(hardwareId());
    if (!request.hardware)
        return showMessage(tr("The registry has no hardware with id '%1'.").arg(hardwareId()), true);
    request.runtime = runtimeId();
    request.fusion = m_catalog->calibrationRuntime(request.runtime);
    if (!request.fusion)
        return showMessage(tr("No fusion rules for %1, and no '%2' runtime profile to fall back on.")
                               .arg(request.runtime, UnfusedRuntime),
            true);
    request.precision = precision();
    request.registryDir = m_registryDir;
    if (!m_modelsFolder.isEmpty())
        request.modelDirs << m_modelsFolder;
    request.tool
        = QStringLiteral("%1 %2").arg(QCoreApplication::applicationName(), QCoreApplication::applicationVersion());
    request.prior = prior;
    request.registry = m_catalog->registry;
    m_runner->start(request);
}

void CalibrationPage::setBusy(bool busy)
{
    m_progress->setVisible(busy);
    m_cancelButton->setVisible(busy);
    m_cancelButton->setEnabled(busy);
    m_fitButton->setEnabled(!busy && m_catalog && !hardwareId().isEmpty() && !runtimeId().isEmpty());
    m_saveButton->setEnabled(!busy && m_run && m_run->isSaveable());
    m_fewShot->setBusy(busy);
}

void CalibrationPage::showMessage(const QString& text, bool error)
{
    m_message->setText(text);
    m_message->setStyleSheet(error ? QStringLiteral("color: #b41e1e;") : QString());
}

void CalibrationPage::setRun(std::shared_ptr<const CalibrationRun> run)
{
    m_run = std::move(run);
    m_roofsModel->setRun(m_run);
    m_coefficientModel->setRun(m_run);
    m_fewShot->setRun(m_run);
    showScatter();
    m_exportButton->setEnabled(m_run != nullptr);
    m_saveButton->setEnabled(m_run && m_run->isSaveable() && !m_runner->isRunning());
    m_saveButton->setToolTip(m_run && !m_run->isSaveable()
            ? tr("No whole models were measured and no energy either: the fit has no cross-validated bound, and a "
                 "profile of it would not be applied")
            : tr("Store the profile in the user registry, where 'graphs analyze' finds it"));
    if (!m_run) {
        m_quality->setText(tr("No calibration yet: choose the measurements above and press Fit."));
        return;
    }
    m_quality->setText(qualityText(*m_run));
    const Calibration& c = m_run->calibration;
    const CalibrationProfile& p = c.profile;
    QString text
        = tr("Calibrated %1 × %2 (%3) from %4 measurements in %n file(s).", nullptr, int(p.measurements.size()))
              .arg(QString::fromStdString(p.hardware), QString::fromStdString(p.runtime),
                  QString::fromUtf8(precisionName(p.precision).data()))
              .arg(c.points.size());
    QStringList skipped;
    for (const Diagnostic& d : c.diagnostics)
        skipped << QString::fromStdString(d.location.empty() ? d.message : d.location + ": " + d.message);
    if (!skipped.isEmpty()) {
        text += QLatin1Char(' ')
            + tr("%n note(s), the first: %1", nullptr, int(skipped.size())).arg(skipped.constFirst());
        if (m_modelsFolder.isEmpty())
            text += QLatin1Char(' ') + tr("(choose the models folder for workload rows)");
    }
    showMessage(text);
    m_message->setToolTip(skipped.mid(0, 30).join(QLatin1Char('\n')));
}

void CalibrationPage::showScatter()
{
    if (!m_run)
        return m_plot->setScatter({});
    m_plot->setScatter(m_scatterMode->currentIndex() == 1 ? makeClassScatter(*m_run) : makeCalibrationScatter(*m_run));
}

void CalibrationPage::updateSource()
{
    m_transfer->setChoice(m_catalog, m_registryDir, hardwareId(), runtimeId(), precision(), m_modelsFolder);
    m_fewShot->setChoice(m_catalog, m_registryDir, hardwareId(), runtimeId(), precision());
}

QString CalibrationPage::qualityText(const CalibrationRun& run) const
{
    const Calibration& c = run.calibration;
    size_t operators = 0;
    for (const TrainingPoint& p : c.points)
        operators += p.group.empty() ? 1 : 0;
    QString text = tr("R² of log time <b>%1</b> · rms relative residual <b>%2</b> · worst %3 · %4 points "
                      "(%5 operators, %6 measurements of %7 models)")
                       .arg(QString::number(c.quality.r2Log, 'f', 3), percent(c.quality.rmsRelativeResidual * 100),
                           percent(c.quality.worstRelativeResidual * 100))
                       .arg(c.quality.points)
                       .arg(operators)
                       .arg(c.points.size() - operators)
                       .arg(c.groupErrors.size());
    if (c.hasLatency()) {
        text += QStringLiteral("<br>")
            + tr("Unseen models: leave-one-model-out MAPE <b>%1</b>, error bound <b>±%2</b> (covers %3 of the "
                 "held-out errors)")
                  .arg(percent(c.profile.lomoMapePct), percent(c.errorBoundPct),
                      percent(c.profile.fit.coverage * 100, 0));
    } else {
        text += QStringLiteral("<br>")
            + tr("No whole models measured: the latency model has no cross-validated bound and is not applied.");
    }
    if (c.energy) {
        text += QStringLiteral("<br>")
            + tr("Energy: %1 pJ/FLOP, %2 pJ/byte, %3 W static (±%4)")
                  .arg(QString::number(c.energy->joulesPerFlop * 1e12, 'f', 2),
                      QString::number(c.energy->joulesPerByte * 1e12, 'f', 2),
                      QString::number(c.energy->staticWatts, 'f', 1), percent(c.energyBoundPct));
    }
    return text;
}

QString CalibrationPage::exportImage(const QString& path, QSize size) const
{
    if (!m_run)
        return tr("There is no chart to export: fit a calibration first.");
    if (size.isValid())
        return savePlotImage(*m_plot, path, size.width(), size.height());
    const bool shown = m_plot->isVisible() && m_plot->width() >= 400;
    return savePlotImage(*m_plot, path, shown ? 0 : ExportWidth, shown ? 0 : ExportHeight);
}

void CalibrationPage::showExportDialog()
{
    if (!m_run)
        return;
    const CalibrationProfile& p = m_run->calibration.profile;
    const QString name = QString::fromStdString(p.hardware + '-' + p.runtime + "-calibration.png");
    const auto choice = askChartExport(this, tr("Export Calibration Chart"), name,
        m_plot->isVisible() ? m_plot->size() : QSize(ExportWidth, ExportHeight));
    if (!choice)
        return;
    if (const QString error = exportImage(choice->path, choice->size); !error.isEmpty())
        showErrorBox(this, tr("Export failed"), tr("Could not export the chart."), error);
}

} // namespace graphs::ui
