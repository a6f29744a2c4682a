#include "pages/benchmarks_page.h"

#include "benchmarks/suite_definition.h"
#include "core/data_paths.h"
#include "jobs/benchmark_job.h"
#include "models/benchmark_results_model.h"

#include <QComboBox>
#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>
#include <QSortFilterProxyModel>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTableView>
#include <QThread>
#include <QVBoxLayout>
#include <cmath>

namespace graphs::ui {

namespace {

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
    , m_suite(new QComboBox)
    , m_runtime(new QComboBox)
    , m_threads(new QSpinBox)
    , m_runButton(new QPushButton(tr("Run")))
    , m_cancelButton(new QPushButton(tr("Cancel")))
    , m_progress(new QProgressBar)
    , m_current(new QLabel)
    , m_message(new QLabel)
    , m_view(new QTableView)
{
    m_suite->setObjectName(QStringLiteral("suiteCombo"));
    m_suite->setToolTip(tr("A benchmark suite of the registries (benchmarks/definitions/*.yaml)"));
    m_runtime->setObjectName(QStringLiteral("runtimeCombo"));
    m_runtime->addItem(tr("native"), QStringLiteral("native"));
    if (onnxRuntimeRunnerInstalled())
        m_runtime->addItem(tr("onnxruntime"), QStringLiteral("onnxruntime"));
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

    auto* form = new QFormLayout;
    form->addRow(tr("Suite:"), m_suite);
    form->addRow(tr("Runtime:"), m_runtime);
    form->addRow(tr("Threads:"), m_threads);
    auto* buttons = new QHBoxLayout;
    buttons->addWidget(m_runButton);
    buttons->addWidget(m_cancelButton);
    buttons->addStretch();
    auto* top = new QHBoxLayout;
    top->addLayout(form);
    top->addLayout(buttons, 1);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(top);
    layout->addWidget(m_progress);
    layout->addWidget(m_current);
    layout->addWidget(m_view, 1);
    layout->addWidget(m_message);

    connect(m_runButton, &QPushButton::clicked, this, &BenchmarksPage::run);
    connect(m_cancelButton, &QPushButton::clicked, this, &BenchmarksPage::cancel);
    connect(m_job, &BenchmarkJob::progressChanged, this, &BenchmarksPage::onProgress);
    connect(m_job, &BenchmarkJob::measured, m_model, &BenchmarkResultsModel::append);
    connect(m_job, &BenchmarkJob::finished, this, &BenchmarksPage::onFinished);
    connect(m_job, &BenchmarkJob::failed, this, &BenchmarksPage::onFailed);

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

void BenchmarksPage::run()
{
    if (m_job->isRunning() || m_suite->currentText().isEmpty())
        return;
    BenchmarkRequest request;
    request.suite = m_suite->currentText();
    request.runtime = m_runtime->currentData().toString();
    request.threads = m_threads->value();
    request.runnerDirs = m_runnerDirs;
    request.toolVersion = QCoreApplication::applicationVersion();
    m_model->clear();
    m_progress->setRange(0, 1);
    m_progress->setValue(0);
    m_current->setText(tr("Starting %1…").arg(request.suite));
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

void BenchmarksPage::onFailed(const QString& message)
{
    m_current->clear();
    m_message->setText(tr("Could not run the suite: %1").arg(message));
    updateButtons();
}

void BenchmarksPage::updateButtons()
{
    const bool running = m_job->isRunning();
    m_runButton->setEnabled(!running && m_suite->count() > 0);
    m_cancelButton->setEnabled(running && !m_job->isCancelling());
    m_suite->setEnabled(!running);
    m_runtime->setEnabled(!running);
    m_threads->setEnabled(!running);
}

} // namespace graphs::ui
