#pragma once

#include "benchmarks/results_registry.h"
#include "benchmarks/suite_definition.h"
#include "jobs/job_tracker.h"
#include "workflows/remote_benchmark.h"

#include <QObject>
#include <QString>
#include <QStringList>
#include <atomic>
#include <memory>

namespace graphs::ui {

/// What the Benchmarks page chose, snapshot on the GUI thread: the worker sees nothing else.
struct BenchmarkRequest
{
    QString suite; ///< a suite name of the registries, or a suite file (this machine only)
    QString runtime = QStringLiteral("native"); ///< "native" or "onnxruntime"; "tensorrt" on a host
    int threads = 0; ///< 0: one per logical CPU (recorded as that number, as the CLI does)
    QString registry; ///< the user registry (--registry); "": $XDG_DATA_HOME/graphs or ~/.local/share/graphs
    QStringList runnerDirs; ///< more folders to look for the native runner program in (tests: the build tree)
    QString toolVersion; ///< recorded in the environment fingerprint
    /// USER@HOST: measure `models` on that machine over SSH as `graphs benchmark --host` does (suite ignored);
    /// "": this machine.
    QString host;
    QString remoteRunner; ///< the runner program (a command line) on the host; "": graphs-tensorrt-runner there
    QString hardware; ///< the registry id the host's rows are stored under; "": the host's name
    QString sshCommand; ///< $GRAPHS_SSH_COMMAND; "": ssh
    QStringList models; ///< ONNX files measured on the host
    QString precision = QStringLiteral("fp32"); ///< what the host's runtime computes in
    MeasurementPolicy modelPolicy = kModelPolicy; ///< how hard to try for each model on the host
};

/// How a run ended.
struct BenchmarkSummary
{
    int measured = 0;
    int total = 0;
    bool cancelled = false;
    QStringList failures; ///< benchmarks that failed (the suite goes on), and a registry write that failed
    QString resultsPath; ///< the CSV the measurements were appended to; "" when none was written
    // A run on a host:
    QString host; ///< USER@HOST; "" for this machine
    QString device; ///< what the host's runner described: its GPU and TensorRT, else its CPU
    QString continuedFrom; ///< the date of the interrupted run this one continued; ""
    int skipped = 0; ///< models that run had stored already
    bool incomplete = false; ///< cut short: running it again measures what is missing
};

/// Runs a benchmark suite on the thread pool as `graphs benchmark --suite` does, or models on a host over SSH as
/// `graphs benchmark --host` does (the engine's remote workflow, a rerun continuing a run cut short): every
/// measurement is appended to the user registry (results name = suite name) by the worker as soon as it is taken,
/// then handed to the GUI thread. One run at a time. cancel() stops the suite at once, dropping the benchmark in
/// flight (its partial rounds, or the ssh running it); what was measured stays on disk and is reported.
class BenchmarkJob : public QObject
{
    Q_OBJECT

public:
    explicit BenchmarkJob(QObject* parent = nullptr);
    /// Cancels a run in flight and waits for it a few seconds at most.
    ~BenchmarkJob() override;

    /// Starts `request`; false (and nothing happens) while a run is in flight.
    bool start(const BenchmarkRequest& request);
    void cancel();
    /// Lets the benchmark in flight finish and be stored, then stops the suite (a window closing without losing it).
    void finishCurrentThenStop();
    /// Cancels and waits for the worker at most `msecs`; true when it has stopped (its measurements are on disk).
    bool shutdown(int msecs);
    bool isRunning() const { return m_job.isRunning(); }
    bool isCancelling() const { return isRunning() && m_stop && m_stop->load(); }
    bool isStoppingAfterCurrent() const { return isRunning() && m_stopAfterCurrent && m_stopAfterCurrent->load(); }
    const BenchmarkSummary& lastSummary() const { return m_summary; }

Q_SIGNALS:
    void started();
    /// Throttled to about ten a second. `etaSeconds` < 0 while unknown.
    void progressChanged(int done, int total, const QString& current, double etaSeconds);
    void measured(const graphs::MeasurementRecord& record);
    void finished(const graphs::ui::BenchmarkSummary& summary);
    /// The run could not start: the suite, the runner or the registry named in `message` is missing.
    void failed(const QString& message);

public:
    /// What the worker hands the GUI thread while it runs, in order: progress, or a measurement stored.
    struct Event
    {
        enum class Type { Progress, Row } type = Type::Progress;
        int done = 0;
        int total = 0;
        QString current;
        double etaSeconds = -1;
        MeasurementRecord record;
    };

    /// How the worker ended: the summary, or why the run could not start.
    struct Outcome
    {
        BenchmarkSummary summary;
        QString failure;
    };

private:
    void onEvent(const Event& e);
    void onFinished(const Outcome& outcome);

    JobTracker<Outcome, Event> m_job;
    BenchmarkRequest m_request;
    std::shared_ptr<std::atomic<bool>> m_stop;
    std::shared_ptr<std::atomic<bool>> m_stopAfterCurrent;
    BenchmarkSummary m_summary;
};

} // namespace graphs::ui
