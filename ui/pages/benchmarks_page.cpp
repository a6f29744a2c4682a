#include "pages/benchmarks_page.h"

#include "benchmarks/suite_definition.h"
#include "core/data_paths.h"
#include "jobs/benchmark_job.h"
#include "models/benchmark_results_model.h"
#include "workflows/remote_benchmark.h"

#include <QComboBox>
#include <QCoreApplication>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QSettings>
#include <QSortFilterProxyModel>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTableView>
#include <QThread>
#include <QVBoxLayout>
#include <cmath>

namespace graphs::ui {

namespace {

const QString RunOnKey = QStringLiteral("benchmarks/runOn");
const QString HostKey = QStringLiteral("benchmarks/host");
const QString RemoteRunnerKey = QStringLiteral("benchmarks/remoteRunner");
const QString HardwareKey = QStringLiteral("benchmarks/hardware");
const QString ModelsKey = QStringLiteral("benchmarks/models");
const QString PrecisionKey = QStringLiteral("benchmarks/precision");
const QString RemoteRuntime = QStringLiteral("tensorrt");

QString durationText(double seconds)
{
    const long s = std::lround(std::max(0.0, seconds));
    return s >= 60 ? QStringLiteral("%1m%2s").arg(s / 60).arg(s % 60, 2, 10, QLatin1Char('0'))
                   : QStringLiteral("%1s").arg(s);
}

/// Whether `graphs benchmark --runtime onnxruntime` could run here: its runner script and node.
bool onnxRuntimeRunnerInstalled()
{
    const QString script = QString::fromStdString(runnersDir()) + QStringLiteral("/onnxruntime/graphs-ort-runner.mjs");
    return QFileInfo::exists(script) && !QStandardPaths::findExecutable(QStringLiteral("node")).isEmpty();
}

} // namespace

BenchmarksPage::BenchmarksPage(QWidget* parent)
    : QWidget(parent)
    , m_job(new BenchmarkJob(this))
    , m_model(new BenchmarkResultsModel(this))
    , m_runOn(new QComboBox)
    , m_host(new QLineEdit)
    , m_remoteRunner(new QLineEdit)
    , m_hardware(new QLineEdit)
    , m_modelsButton(new QPushButton(tr("Models…")))
    , m_modelsLabel(new QLabel)
    , m_precision(new QComboBox)
    , m_suite(new QComboBox)
    , m_runtime(new QComboBox)
    , m_threads(new QSpinBox)
    , m_runButton(new QPushButton(tr("Run")))
    , m_cancelButton(new QPushButton(tr("Cancel")))
    , m_progress(new QProgressBar)
    , m_current(new QLabel)
    , m_message(new QLabel)
    , m_view(new QTableView)
    , m_form(new QFormLayout)
    , m_modelPolicy(kModelPolicy)
    , m_localRuntime(QStringLiteral("native"))
{
    const QSettings settings;
    m_runOn->setObjectName(QStringLiteral("runOnCombo"));
    m_runOn->addItem(tr("This machine"), int(ThisMachine));
    m_runOn->addItem(tr("Remote host (SSH)"), int(RemoteHost));
    m_runOn->setToolTip(tr("Where the benchmarks run: this machine, or another machine reached over SSH "
                           "('graphs benchmark --host')"));
    m_host->setObjectName(QStringLiteral("hostEdit"));
    m_host->setPlaceholderText(tr("user@host"));
    m_host->setToolTip(tr("USER@HOST, or an alias of ~/.ssh/config. The system ssh runs in batch mode with your keys, "
                          "agent and known hosts; no password is ever asked for or stored."));
    m_host->setText(settings.value(HostKey).toString());
    m_remoteRunner->setObjectName(QStringLiteral("remoteRunnerEdit"));
    m_remoteRunner->setPlaceholderText(tr("graphs-tensorrt-runner on the host"));
    m_remoteRunner->setToolTip(tr("The runner program on the host, with its options (e.g. "
                                  "'/opt/graphs/graphs-tensorrt-runner --trtexec /usr/src/tensorrt/bin/trtexec'); "
                                  "empty: graphs-tensorrt-runner on its PATH or in /usr/libexec/graphs"));
    m_remoteRunner->setText(settings.value(RemoteRunnerKey).toString());
    m_remoteRunner->setCursorPosition(0); // a long command line shows its program first
    m_hardware->setObjectName(QStringLiteral("hardwareEdit"));
    m_hardware->setPlaceholderText(tr("the host's name"));
    m_hardware->setToolTip(tr("The hardware entry of the registry the rows are stored under "
                              "(e.g. nvidia-jetson-agx-orin-64gb-gpu), so that calibrating that entry finds them; "
                              "empty: the host's name"));
    m_hardware->setText(settings.value(HardwareKey).toString());
    m_modelsButton->setObjectName(QStringLiteral("modelsButton"));
    m_modelsLabel->setObjectName(QStringLiteral("modelsLabel"));
    m_modelsLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_precision->setObjectName(QStringLiteral("precisionCombo"));
    for (const char* p : { "fp32", "tf32", "fp16", "bf16", "int8", "fp8", "best" })
        m_precision->addItem(QString::fromLatin1(p), QString::fromLatin1(p));
    m_precision->setToolTip(tr("What TensorRT computes in on the host (trtexec --fp16, --int8, --best, …)"));
    m_precision->setCurrentIndex(
        std::max(0, m_precision->findData(settings.value(PrecisionKey, QStringLiteral("fp16")).toString())));

    m_suite->setObjectName(QStringLiteral("suiteCombo"));
    m_suite->setToolTip(tr("A benchmark suite of the registries (benchmarks/definitions/*.yaml)"));
    m_runtime->setObjectName(QStringLiteral("runtimeCombo"));
    m_threads->setObjectName(QStringLiteral("threadsSpin"));
    m_threads->setRange(0, std::max(1, QThread::idealThreadCount()) * 4);
    m_threads->setSpecialValueText(tr("all CPUs"));
    m_threads->setToolTip(tr("Intra-op threads (all CPUs: one per logical CPU)"));
    m_runButton->setObjectName(QStringLiteral("runButton"));
    m_cancelButton->setObjectName(QStringLiteral("cancelButton"));
    m_progress->setFormat(tr("%v / %m"));
    m_progress->setRange(0, 1);
    m_progress->setValue(0);
    m_current->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_message->setWordWrap(true);
    m_message->setTextInteractionFlags(Qt::TextSelectableByMouse);

    auto* proxy = new QSortFilterProxyModel(this);
    proxy->setSourceModel(m_model);
    proxy->setSortRole(BenchmarkResultsModel::SortRole);
    m_view->setModel(proxy);
    m_view->setSortingEnabled(false); // rows in measurement order until the user sorts
    m_view->horizontalHeader()->setSectionResizeMode(BenchmarkResultsModel::BenchmarkColumn, QHeaderView::Stretch);
    m_view->verticalHeader()->hide();
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setAlternatingRowColors(true);
    connect(m_view->horizontalHeader(), &QHeaderView::sortIndicatorChanged, this,
        [this] { m_view->setSortingEnabled(true); });

    auto* modelsRow = new QWidget;
    auto* models = new QHBoxLayout(modelsRow);
    models->setContentsMargins(0, 0, 0, 0);
    models->addWidget(m_modelsButton);
    models->addWidget(m_modelsLabel, 1);
    m_form->addRow(tr("Run on:"), m_runOn);
    m_form->addRow(tr("Host:"), m_host);
    m_form->addRow(tr("Remote runner:"), m_remoteRunner);
    m_form->addRow(tr("Store as:"), m_hardware);
    m_form->addRow(tr("Models:"), modelsRow);
    m_form->addRow(tr("Suite:"), m_suite);
    m_form->addRow(tr("Runtime:"), m_runtime);
    m_form->addRow(tr("Precision:"), m_precision);
    m_form->addRow(tr("Threads:"), m_threads);
    auto* buttons = new QHBoxLayout;
    buttons->addWidget(m_runButton);
    buttons->addWidget(m_cancelButton);
    buttons->addStretch();
    auto* top = new QHBoxLayout;
    top->addLayout(m_form);
    top->addLayout(buttons, 1);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(top);
    layout->addWidget(m_progress);
    layout->addWidget(m_current);
    layout->addWidget(m_view, 1);
    layout->addWidget(m_message);

    connect(m_runOn, &QComboBox::currentIndexChanged, this, &BenchmarksPage::onRunOnChanged);
    connect(m_host, &QLineEdit::textChanged, this, &BenchmarksPage::updateButtons);
    connect(m_modelsButton, &QPushButton::clicked, this, &BenchmarksPage::chooseModels);
    connect(m_runtime, &QComboBox::currentIndexChanged, this, [this] {
        if (runOn() == ThisMachine && m_runtime->currentIndex() >= 0)
            m_localRuntime = m_runtime->currentData().toString();
    });
    connect(m_runButton, &QPushButton::clicked, this, &BenchmarksPage::run);
    connect(m_cancelButton, &QPushButton::clicked, this, &BenchmarksPage::cancel);
    connect(m_job, &BenchmarkJob::progressChanged, this, &BenchmarksPage::onProgress);
    connect(m_job, &BenchmarkJob::measured, m_model, &BenchmarkResultsModel::append);
    connect(m_job, &BenchmarkJob::finished, this, &BenchmarksPage::onFinished);
    connect(m_job, &BenchmarkJob::failed, this, &BenchmarksPage::onFailed);

    setModels(settings.value(ModelsKey).toStringList());
    m_runOn->setCurrentIndex(settings.value(RunOnKey).toInt() == RemoteHost ? 1 : 0);
    onRunOnChanged();
    refreshSuites();
    updateButtons();
}

BenchmarksPage::~BenchmarksPage()
{
    shutdown(5000);
}

void BenchmarksPage::showEvent(QShowEvent* event)
{
    // Suites the user added to the registry since (a file dropped into definitions/) appear without a restart.
    if (!m_job->isRunning())
        refreshSuites();
    QWidget::showEvent(event);
}

void BenchmarksPage::refreshSuites()
{
    const QString chosen = m_suite->currentText();
    m_suite->clear();
    for (const std::string& name : listSuites(registryDirs()))
        m_suite->addItem(QString::fromStdString(name));
    const int index = m_suite->findText(chosen.isEmpty() ? QStringLiteral("quick") : chosen);
    if (index >= 0)
        m_suite->setCurrentIndex(index);
    updateButtons();
}

BenchmarksPage::RunOn BenchmarksPage::runOn() const
{
    return RunOn(m_runOn->currentData().toInt());
}

void BenchmarksPage::setRunOn(RunOn where)
{
    m_runOn->setCurrentIndex(m_runOn->findData(int(where)));
}

void BenchmarksPage::onRunOnChanged()
{
    // A host runs the models chosen here with TensorRT (as `graphs benchmark --host` does); this machine runs suites.
    const bool remote = runOn() == RemoteHost;
    const QList<QWidget*> hostRows { m_host, m_remoteRunner, m_hardware, m_modelsButton->parentWidget(), m_precision };
    for (QWidget* w : hostRows)
        m_form->setRowVisible(w, remote);
    m_form->setRowVisible(m_suite, !remote);
    m_form->setRowVisible(m_threads, !remote);
    fillRuntimes();
    updateButtons();
}

void BenchmarksPage::fillRuntimes()
{
    const QString local = m_localRuntime;
    const QSignalBlocker blocker(m_runtime);
    m_runtime->clear();
    if (runOn() == RemoteHost) {
        m_runtime->addItem(tr("tensorrt"), RemoteRuntime);
        m_runtime->setToolTip(tr("A host measures with TensorRT: graphs-tensorrt-runner drives trtexec there"));
        return;
    }
    m_runtime->addItem(tr("native"), QStringLiteral("native"));
    if (onnxRuntimeRunnerInstalled())
        m_runtime->addItem(tr("onnxruntime"), QStringLiteral("onnxruntime"));
    m_runtime->setToolTip(QString());
    m_runtime->setCurrentIndex(std::max(0, m_runtime->findData(local)));
}

void BenchmarksPage::setModels(const QStringList& models)
{
    m_models = models;
    QStringList names;
    for (const QString& m : models)
        names << QFileInfo(m).fileName();
    m_modelsLabel->setText(models.isEmpty()
            ? tr("no models chosen")
            : tr("%n model(s): %1", nullptr, models.size()).arg(names.join(QStringLiteral(", "))));
    m_modelsLabel->setToolTip(models.join(QLatin1Char('\n')));
    updateButtons();
}

void BenchmarksPage::chooseModels()
{
    const QString folder = m_models.isEmpty() ? QString() : QFileInfo(m_models.front()).absolutePath();
    const QStringList chosen
        = QFileDialog::getOpenFileNames(this, tr("Models to Measure on the Host"), folder, tr("ONNX models (*.onnx)"));
    if (!chosen.isEmpty())
        setModels(chosen);
}

void BenchmarksPage::run()
{
    if (m_job->isRunning())
        return;
    const bool remote = runOn() == RemoteHost;
    if (!remote && m_suite->currentText().isEmpty())
        return;
    if (remote && m_host->text().trimmed().isEmpty()) {
        m_message->setText(tr("Give the host to measure on as USER@HOST."));
        return;
    }
    if (remote && m_models.isEmpty()) {
        m_message->setText(tr("Choose the models to measure on the host."));
        return;
    }
    BenchmarkRequest request;
    request.suite = m_suite->currentText();
    request.runtime = m_runtime->currentData().toString();
    request.threads = m_threads->value();
    request.runnerDirs = m_runnerDirs;
    request.toolVersion = QCoreApplication::applicationVersion();
    QSettings settings;
    settings.setValue(RunOnKey, int(runOn()));
    if (remote) {
        request.host = m_host->text().trimmed();
        request.remoteRunner = m_remoteRunner->text().trimmed();
        request.hardware = m_hardware->text().trimmed();
        request.sshCommand = qEnvironmentVariable("GRAPHS_SSH_COMMAND");
        request.models = m_models;
        request.precision = m_precision->currentData().toString();
        request.modelPolicy = m_modelPolicy;
        request.threads = 0;
        settings.setValue(HostKey, request.host);
        settings.setValue(RemoteRunnerKey, request.remoteRunner);
        settings.setValue(HardwareKey, request.hardware);
        settings.setValue(ModelsKey, request.models);
        settings.setValue(PrecisionKey, request.precision);
    }
    m_runningRemote = remote;
    m_model->clear();
    m_progress->setRange(0, 1);
    m_progress->setValue(0);
    m_current->setText(remote ? tr("Connecting to %1…").arg(request.host) : tr("Starting %1…").arg(request.suite));
    m_message->clear();
    m_job->start(request);
    updateButtons();
}

void BenchmarksPage::cancel()
{
    if (!m_job->isRunning())
        return;
    m_job->cancel();
    m_current->setText(tr("Cancelling after the benchmark in flight…"));
    updateButtons();
}

void BenchmarksPage::finishCurrentThenStop()
{
    m_job->finishCurrentThenStop();
    m_current->setText(tr("Stopping after the benchmark in flight…"));
    updateButtons();
}

bool BenchmarksPage::isRunning() const
{
    return m_job->isRunning();
}

bool BenchmarksPage::shutdown(int msecs)
{
    return m_job->shutdown(msecs);
}

void BenchmarksPage::onProgress(int done, int total, const QString& current, double etaSeconds)
{
    m_progress->setRange(0, std::max(1, total));
    m_progress->setValue(done);
    if (m_job->isCancelling() || m_job->isStoppingAfterCurrent())
        return;
    QString text = current.isEmpty() ? tr("%1 of %2 done").arg(done).arg(total)
                                     : tr("[%1/%2] %3").arg(done + 1).arg(total).arg(current);
    if (etaSeconds >= 0 && !current.isEmpty())
        text += QStringLiteral("  ") + tr("ETA %1").arg(durationText(etaSeconds));
    m_current->setText(text);
}

void BenchmarksPage::onFinished(const BenchmarkSummary& summary)
{
    if (m_runningRemote) {
        onRemoteFinished(summary);
        return;
    }
    // The bar counts benchmarks (as the progress reports did); a roof benchmark stores several measurements.
    m_progress->setRange(0, std::max(1, summary.total));
    if (!summary.cancelled)
        m_progress->setValue(summary.total);
    m_current->setText(summary.cancelled
            ? tr("Cancelled: %1 measurement(s) stored, of a suite of %n benchmark(s).", nullptr, summary.total)
                  .arg(summary.measured)
            : tr("Done: %n benchmark(s), %1 measurement(s) stored.", nullptr, summary.total).arg(summary.measured));
    QStringList lines;
    if (!summary.resultsPath.isEmpty())
        lines << tr("Appended to %1").arg(QDir::toNativeSeparators(summary.resultsPath));
    for (const QString& f : summary.failures)
        lines << tr("Failed: %1").arg(f);
    m_message->setText(lines.join(QLatin1Char('\n')));
    updateButtons();
}

void BenchmarksPage::onRemoteFinished(const BenchmarkSummary& summary)
{
    m_progress->setRange(0, std::max(1, summary.total));
    if (!summary.cancelled)
        m_progress->setValue(summary.total);
    QStringList lines;
    if (!summary.device.isEmpty())
        lines << tr("Measured on %1: %2").arg(summary.host, summary.device);
    if (summary.skipped > 0)
        lines << tr("Continued the run of %1: %n model(s) it stored were skipped.", nullptr, summary.skipped)
                     .arg(summary.continuedFrom);
    if (summary.total == 0 && !summary.cancelled) {
        m_current->setText(tr("Every model is already stored."));
    } else if (summary.cancelled && summary.total == 0) {
        m_current->setText(tr("Cancelled while connecting to %1.").arg(summary.host));
    } else {
        m_current->setText(summary.cancelled
                ? tr("Cancelled: %1 of %n model(s) measured and stored.", nullptr, summary.total).arg(summary.measured)
                : tr("Done: %1 of %n model(s) measured and stored.", nullptr, summary.total).arg(summary.measured));
    }
    if (!summary.resultsPath.isEmpty())
        lines << tr("Stored in %1").arg(QDir::toNativeSeparators(summary.resultsPath));
    for (const QString& f : summary.failures)
        lines << tr("Failed: %1").arg(f);
    if (summary.incomplete && summary.total > 0)
        lines << tr("The run on %1 is incomplete: run it again to measure what is missing (the stored rows are kept).")
                     .arg(summary.host);
    m_message->setText(lines.join(QLatin1Char('\n')));
    updateButtons();
}

void BenchmarksPage::onFailed(const QString& message)
{
    m_current->clear();
    m_message->setText(m_runningRemote ? tr("Could not measure on the host: %1").arg(message)
                                       : tr("Could not run the suite: %1").arg(message));
    updateButtons();
}

void BenchmarksPage::updateButtons()
{
    const bool running = m_job->isRunning();
    const bool remote = runOn() == RemoteHost;
    m_runButton->setEnabled(
        !running && (remote ? !m_host->text().trimmed().isEmpty() && !m_models.isEmpty() : m_suite->count() > 0));
    m_cancelButton->setEnabled(running && !m_job->isCancelling());
    m_runOn->setEnabled(!running);
    const QList<QWidget*> choices { m_host, m_remoteRunner, m_hardware, m_modelsButton, m_precision, m_suite,
        m_threads };
    for (QWidget* w : choices)
        w->setEnabled(!running);
    m_runtime->setEnabled(!running && !remote); // a host's runtime is tensorrt
}

} // namespace graphs::ui
