#include "jobs/benchmark_job.h"

#include "benchmarks/benchmark_result.h"
#include "benchmarks/runner_factory.h"
#include "benchmarks/suite_definition.h"
#include "benchmarks/suite_runner.h"
#include "core/data_paths.h"
#include "workflows/remote_benchmark.h"
#include "workflows/suite_recorder.h"
#include "qt_strings.h"

#include <QCoreApplication>
#include <algorithm>
#include <chrono>
#include <optional>

namespace graphs::ui {

namespace {

using Event = BenchmarkJob::Event;
using Outcome = BenchmarkJob::Outcome;
using Channel = JobChannel<Event>;

// The strings of this file, under one context for lupdate and the translators.
struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(graphs::ui::BenchmarkJob)
};

Outcome fail(const QString& message)
{
    return { {}, message };
}

struct StopFlags
{
    std::shared_ptr<std::atomic<bool>> now; ///< drop the benchmark in flight
    std::shared_ptr<std::atomic<bool>> afterCurrent; ///< stop once the benchmark in flight is stored
};

/// Runs `suite` with `runner`, storing every row through a SuiteRecorder before the GUI hears of it (closing the
/// window or cancelling loses only the benchmark in flight), with progress throttled and the stop flags obeyed.
SuiteOutcome measure(const Channel& channel, const SuiteDefinition& suite, const Runner& runner,
    const SuiteRunOptions& options, SuiteRecorder::Options recording, const StopFlags& stop, BenchmarkSummary& summary)
{
    SuiteRecorder recorder(std::move(recording));
    const auto record = [&](const MeasurementRecord& r, const BenchmarkResult* full) -> Status {
        if (auto stored = recorder.record(r, full); !stored)
            return stored;
        summary.resultsPath = fromStd(recorder.path());
        ++summary.measured;
        Event e;
        e.type = Event::Type::Row;
        e.record = recorder.records().back();
        channel.post(std::move(e));
        return Ok {};
    };
    auto lastReport = std::chrono::steady_clock::now() - std::chrono::seconds(1);
    int lastDone = -1;
    std::optional<size_t> doneWhenAsked; // finishCurrentThenStop(): the count of finished benchmarks at that moment
    const auto progress = [&](const SuiteProgress& p) {
        if (stop.afterCurrent->load()) {
            if (!doneWhenAsked)
                doneWhenAsked = p.done;
            // The suite announces the next benchmark with `done` one up: stop there, never inside a measurement.
            if (p.done > *doneWhenAsked)
                return false;
        }
        const auto now = std::chrono::steady_clock::now();
        if (static_cast<int>(p.done) != lastDone || now - lastReport >= std::chrono::milliseconds(100)) {
            lastReport = now;
            lastDone = static_cast<int>(p.done);
            Event e;
            e.done = static_cast<int>(p.done);
            e.total = static_cast<int>(p.total);
            e.current = fromStd(p.current);
            e.etaSeconds = p.etaSeconds;
            channel.post(std::move(e));
        }
        return !stop.now->load() && !channel.isCancelled();
    };
    const SuiteOutcome outcome = runSuite(suite, runner, options, record, progress);
    summary.cancelled = outcome.cancelled;
    for (const Error& e : outcome.failures)
        summary.failures << fromStd(e.toString());
    if (recorder.failed())
        summary.incomplete = true;
    const EnvironmentFingerprint& env = recorder.environment();
    const auto gpu = env.runtime.find("gpu");
    const auto tensorrt = env.runtime.find("tensorrt");
    summary.device = gpu != env.runtime.end() ? fromStd(gpu->second) : fromStd(env.cpuModel);
    if (gpu != env.runtime.end() && tensorrt != env.runtime.end())
        summary.device += QStringLiteral(", TensorRT ") + fromStd(tensorrt->second);
    return outcome;
}

Outcome runSuiteJob(const Channel& channel, const BenchmarkRequest& request, const StopFlags& stop)
{
    const std::string registryOption = request.registry.toStdString();
    auto suite = findSuite(request.suite.toStdString(), registryDirs(registryOption));
    if (!suite)
        return fail(fromStd(suite.error().toString()));
    const std::string registryDir = userRegistryDir(registryOption);
    if (registryDir.empty())
        return fail(Tr::tr("No user registry: set HOME or XDG_DATA_HOME."));
    std::vector<std::string> nativeDirs;
    for (const QString& d : request.runnerDirs)
        nativeDirs.push_back(d.toStdString());
    auto runner = makeRunner(request.runtime.toStdString(), {}, nativeDirs);
    if (!runner)
        return fail(fromStd(runner.error().toString()));

    EnvironmentFingerprint env = currentEnvironment(request.toolVersion.toStdString());
    SuiteRunOptions options = localRunOptions(env, request.threads);
    const int total = static_cast<int>(suiteSize(*suite, options));
    if (total == 0)
        return fail(Tr::tr("Suite '%1' has nothing to measure.").arg(fromStd(suite->name)));

    BenchmarkSummary summary;
    summary.total = total;
    SuiteRecorder::Options recording;
    recording.registryDir = registryDir;
    recording.environment = env;
    recording.resultsName = suite->name;
    recording.runtime = request.runtime.toStdString();
    recording.warmup = suite->policy.warmup;
    measure(channel, *suite, **runner, options, std::move(recording), stop, summary);
    summary.device.clear(); // this machine
    return { std::move(summary), {} };
}

/// `graphs benchmark --host USER@HOST --models …`: the engine's remote workflow, the rows stored under the host's
/// name with its fingerprint, a run cut short continued by the next run of the same models.
Outcome runRemoteJob(const Channel& channel, const BenchmarkRequest& request, const StopFlags& stop)
{
    const std::string registryDir = userRegistryDir(request.registry.toStdString());
    if (registryDir.empty())
        return fail(Tr::tr("No user registry: set HOME or XDG_DATA_HOME."));
    if (request.models.isEmpty())
        return fail(Tr::tr("Choose the models to measure on %1.").arg(request.host));
    RemoteBenchmarkRequest remote;
    remote.host = request.host.toStdString();
    remote.sshCommand = request.sshCommand.toStdString();
    remote.runtime = request.runtime.toStdString();
    remote.remoteRunner = request.remoteRunner.toStdString();
    remote.hardware = request.hardware.toStdString();
    remote.threads = request.threads;
    remote.date = currentEnvironment(request.toolVersion.toStdString()).date;
    const auto keepGoing = [&](double) { return !stop.now->load() && !channel.isCancelled(); };
    auto run = connectRemoteBenchmark(remote, keepGoing);
    BenchmarkSummary summary;
    summary.host = request.host;
    if (!run && run.error().code == ErrorCode::Cancelled) {
        summary.cancelled = true;
        return { std::move(summary), {} };
    }
    if (!run)
        return fail(fromStd(run.error().toString()));
    for (const QString& m : request.models)
        run->options.models.push_back(m.toStdString());
    run->options.settings.precision = request.precision.toStdString();
    const SuiteDefinition suite = workloadSuite(request.modelPolicy);
    const RemoteRunResume resume
        = resumeRemoteRun(registryDir, suite.name, run->options.settings.precision, suite.workloadBatches, *run);
    summary.continuedFrom = fromStd(resume.interruptedDate);
    summary.skipped = static_cast<int>(resume.skipped.size());
    summary.total = static_cast<int>(suiteSize(suite, run->options));
    if (run->options.models.empty()) {
        summary.resultsPath = fromStd(resume.resultsPath);
        return { std::move(summary), {} };
    }
    SuiteRecorder::Options recording;
    recording.registryDir = registryDir;
    recording.environment = run->environment;
    recording.resultsName = suite.name;
    recording.runtime = run->runtime;
    recording.warmup = suite.policy.warmup;
    measure(channel, suite, *run->runner, run->options, std::move(recording), stop, summary);
    summary.incomplete = summary.incomplete || summary.cancelled || !summary.failures.isEmpty();
    finishRemoteRun(resume, !summary.incomplete);
    return { std::move(summary), {} };
}

} // namespace

BenchmarkJob::BenchmarkJob(QObject* parent)
    : QObject(parent)
{
    m_job.onUpdate([this](const Event& e) { onEvent(e); });
    m_job.onFinished([this](const Outcome& outcome) { onFinished(outcome); });
    m_job.onFailed([this](const QString& message) {
        onFinished(
            fail((m_request.host.isEmpty() ? m_request.suite : m_request.host) + QStringLiteral(": ") + message));
    });
}

BenchmarkJob::~BenchmarkJob()
{
    // The worker holds copies and shared pointers only; a runner stuck past the wait cannot touch this object.
    shutdown(5000);
}

bool BenchmarkJob::start(const BenchmarkRequest& request)
{
    if (isRunning())
        return false;
    m_request = request;
    m_summary = {};
    m_stop = std::make_shared<std::atomic<bool>>(false);
    m_stopAfterCurrent = std::make_shared<std::atomic<bool>>(false);
    m_job.start([request, stop = StopFlags { m_stop, m_stopAfterCurrent }](const Channel& channel) {
        return request.host.isEmpty() ? runSuiteJob(channel, request, stop) : runRemoteJob(channel, request, stop);
    });
    Q_EMIT started();
    return true;
}

void BenchmarkJob::cancel()
{
    // Not JobTracker::cancel(): the rows measured before the stop, and the summary, must still reach the page.
    if (isRunning() && m_stop)
        m_stop->store(true);
}

void BenchmarkJob::finishCurrentThenStop()
{
    if (isRunning() && m_stopAfterCurrent)
        m_stopAfterCurrent->store(true);
}

bool BenchmarkJob::shutdown(int msecs)
{
    if (!isRunning())
        return true;
    cancel();
    return m_job.wait(msecs);
}

void BenchmarkJob::onEvent(const Event& e)
{
    if (e.type == Event::Type::Progress)
        Q_EMIT progressChanged(e.done, e.total, e.current, e.etaSeconds);
    else
        Q_EMIT measured(e.record);
}

void BenchmarkJob::onFinished(const Outcome& outcome)
{
    if (!outcome.failure.isEmpty()) {
        m_summary.failures = { outcome.failure };
        Q_EMIT failed(outcome.failure);
        return;
    }
    m_summary = outcome.summary;
    Q_EMIT finished(m_summary);
}

} // namespace graphs::ui
