#include "jobs/benchmark_job.h"

#include "benchmarks/benchmark_result.h"
#include "benchmarks/runner_factory.h"
#include "benchmarks/suite_definition.h"
#include "benchmarks/suite_runner.h"
#include "core/data_paths.h"
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

    const std::string runtime = request.runtime.toStdString();
    BenchmarkSummary summary;
    summary.total = total;
    // On disk before the GUI hears of it: closing the window or cancelling loses only the benchmark in flight.
    SuiteRecorder::Options recording;
    recording.registryDir = registryDir;
    recording.environment = env;
    recording.resultsName = suite->name;
    recording.runtime = runtime;
    recording.warmup = suite->policy.warmup;
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
    const SuiteOutcome outcome = runSuite(*suite, **runner, options, record, progress);
    summary.cancelled = outcome.cancelled;
    for (const Error& e : outcome.failures)
        summary.failures << fromStd(e.toString());
    return { std::move(summary), {} };
}

} // namespace

BenchmarkJob::BenchmarkJob(QObject* parent)
    : QObject(parent)
{
    m_job.onUpdate([this](const Event& e) { onEvent(e); });
    m_job.onFinished([this](const Outcome& outcome) { onFinished(outcome); });
    m_job.onFailed([this](const QString& message) {
        onFinished(fail(m_request.suite + QStringLiteral(": ") + message));
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
        return runSuiteJob(channel, request, stop);
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
