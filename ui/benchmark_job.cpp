#include "benchmark_job.h"

#include "benchmarks/benchmark_result.h"
#include "benchmarks/runner_factory.h"
#include "benchmarks/suite_definition.h"
#include "benchmarks/suite_runner.h"
#include "core/data_paths.h"

#include <QCoreApplication>
#include <QPromise>
#include <QSemaphore>
#include <QtConcurrent/QtConcurrentRun>
#include <algorithm>
#include <chrono>
#include <exception>
#include <optional>

namespace graphs::ui {

namespace {

using Event = BenchmarkJob::Event;

// The strings of this file, under one context for lupdate and the translators.
struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(graphs::ui::BenchmarkJob)
};

QString fromStd(const std::string& s)
{
    return QString::fromStdString(s);
}

void fail(QPromise<Event>& promise, const QString& message)
{
    Event e;
    e.type = Event::Type::Failed;
    e.error = message;
    promise.addResult(std::move(e));
}

struct StopFlags
{
    std::shared_ptr<std::atomic<bool>> now; ///< drop the benchmark in flight
    std::shared_ptr<std::atomic<bool>> afterCurrent; ///< stop once the benchmark in flight is stored
};

void runSuiteJob(QPromise<Event>& promise, const BenchmarkRequest& request, const StopFlags& stop)
{
    const std::string registryOption = request.registry.toStdString();
    auto suite = findSuite(request.suite.toStdString(), registryDirs(registryOption));
    if (!suite)
        return fail(promise, fromStd(suite.error().toString()));
    const std::string registryDir = userRegistryDir(registryOption);
    if (registryDir.empty())
        return fail(promise, Tr::tr("No user registry: set HOME or XDG_DATA_HOME."));
    std::vector<std::string> nativeDirs;
    for (const QString& d : request.runnerDirs)
        nativeDirs.push_back(d.toStdString());
    auto runner = makeRunner(request.runtime.toStdString(), {}, nativeDirs);
    if (!runner)
        return fail(promise, fromStd(runner.error().toString()));

    EnvironmentFingerprint env = currentEnvironment(request.toolVersion.toStdString());
    SuiteRunOptions options = localRunOptions(env, request.threads);
    const int total = static_cast<int>(suiteSize(*suite, options));
    if (total == 0)
        return fail(promise, Tr::tr("Suite '%1' has nothing to measure.").arg(fromStd(suite->name)));

    const std::string runtime = request.runtime.toStdString();
    BenchmarkSummary summary;
    summary.total = total;
    std::optional<ResultsFile> store;
    const auto record = [&](const MeasurementRecord& r, const BenchmarkResult*) -> Status {
        MeasurementRecord row = r;
        row.warmup = row.kind == "roof" ? 0 : suite->policy.warmup;
        // On disk before the GUI hears of it: closing the window or cancelling loses only the benchmark in flight.
        if (!store) {
            auto opened = ResultsFile::open(registryDir, env.hardwareId, runtime, suite->name, env);
            if (!opened)
                return opened.error();
            store = std::move(*opened);
            summary.resultsPath = fromStd(store->path());
        }
        if (auto appended = store->append(row); !appended)
            return appended;
        ++summary.measured;
        Event e;
        e.type = Event::Type::Row;
        e.record = std::move(row);
        promise.addResult(std::move(e));
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
            promise.addResult(std::move(e));
        }
        return !stop.now->load() && !promise.isCanceled();
    };
    const SuiteOutcome outcome = runSuite(*suite, **runner, options, record, progress);
    summary.cancelled = outcome.cancelled;
    for (const Error& e : outcome.failures)
        summary.failures << fromStd(e.toString());
    Event done;
    done.type = Event::Type::Finished;
    done.summary = std::move(summary);
    promise.addResult(std::move(done));
}

} // namespace

BenchmarkJob::BenchmarkJob(QObject* parent)
    : QObject(parent)
{
    connect(&m_watcher, &QFutureWatcherBase::resultsReadyAt, this, &BenchmarkJob::onResults);
    connect(&m_watcher, &QFutureWatcherBase::finished, this, &BenchmarkJob::onFinished);
}

BenchmarkJob::~BenchmarkJob()
{
    // The worker holds copies and shared pointers only; a runner stuck past the wait cannot touch this object.
    shutdown(5000);
    m_watcher.disconnect(this);
}

bool BenchmarkJob::start(const BenchmarkRequest& request)
{
    if (m_running)
        return false;
    m_running = true;
    m_summary = {};
    m_stop = std::make_shared<std::atomic<bool>>(false);
    m_stopAfterCurrent = std::make_shared<std::atomic<bool>>(false);
    m_done = std::make_shared<QSemaphore>(0);
    Q_EMIT started();
    const StopFlags stop { m_stop, m_stopAfterCurrent };
    m_watcher.setFuture(QtConcurrent::run([request, stop, done = m_done](QPromise<Event>& promise) {
        struct Release
        {
            QSemaphore* semaphore;
            ~Release() { semaphore->release(); }
        } release { done.get() };
        try {
            runSuiteJob(promise, request, stop);
        } catch (const std::exception& e) {
            fail(promise, request.suite + QStringLiteral(": ") + QString::fromUtf8(e.what()));
        }
    }));
    return true;
}

void BenchmarkJob::cancel()
{
    // Not QFuture::cancel(): the rows measured before the stop must still reach the page.
    if (m_running && m_stop)
        m_stop->store(true);
}

void BenchmarkJob::finishCurrentThenStop()
{
    if (m_running && m_stopAfterCurrent)
        m_stopAfterCurrent->store(true);
}

bool BenchmarkJob::shutdown(int msecs)
{
    if (!m_running)
        return true;
    cancel();
    if (!m_done->tryAcquire(1, msecs))
        return false;
    m_done->release(); // stays "done" for a later call
    return true;
}

void BenchmarkJob::onResults(int begin, int end)
{
    for (int i = begin; i < end; ++i) {
        const Event e = m_watcher.resultAt(i);
        switch (e.type) {
        case Event::Type::Progress:
            Q_EMIT progressChanged(e.done, e.total, e.current, e.etaSeconds);
            break;
        case Event::Type::Row:
            Q_EMIT measured(e.record);
            break;
        case Event::Type::Finished:
            m_summary = e.summary;
            break;
        case Event::Type::Failed:
            m_summary.failures = { e.error };
            break;
        }
    }
}

void BenchmarkJob::onFinished()
{
    if (!m_running)
        return;
    m_running = false;
    const QFuture<Event> future = m_watcher.future();
    const bool failedToStart
        = future.resultCount() > 0 && future.resultAt(future.resultCount() - 1).type == Event::Type::Failed;
    if (failedToStart)
        Q_EMIT failed(m_summary.failures.value(0));
    else
        Q_EMIT finished(m_summary);
}

} // namespace graphs::ui
