#pragma once

#include "core/diagnostic.h"

#include <QFutureWatcher>
#include <QPromise>
#include <QSemaphore>
#include <QString>
#include <QtConcurrent/QtConcurrentRun>
#include <atomic>
#include <functional>
#include <memory>
#include <optional>
#include <type_traits>
#include <utility>

namespace graphs::ui {

namespace detail {

/// Shared by a tracker and one of its jobs: the flag the job polls, and a semaphore released once the job has
/// returned (a bounded wait; QFuture has none).
struct JobState
{
    explicit JobState(quint64 g)
        : generation(g)
    {
    }

    const quint64 generation;
    std::atomic<bool> cancelled { false };
    QSemaphore done;
};

/// The message of the exception being handled: what() of a std::exception, else a general one.
QString describeCurrentException();

} // namespace detail

/// What a job sees on its pool thread: its generation, whether to stop, and an engine progress callback.
class JobControl
{
public:
    JobControl(std::shared_ptr<const detail::JobState> state, std::function<void(int)> reportProgress);

    quint64 generation() const { return m_state->generation; }
    /// The tracker cancelled the job, or a newer one superseded it: return soon; whatever is returned is dropped.
    bool isCancelled() const { return m_state->cancelled.load(std::memory_order_relaxed); }
    /// For calls that poll "stop now?" instead of taking a ProgressCallback (the graph layouts).
    std::function<bool()> cancelCheck() const;
    /// An engine progress callback for one step of the job: the step's fraction maps onto [from, to] of the whole,
    /// reported to the tracker's onProgress in thousandths at most every 100 ms. It returns false once the job is
    /// cancelled, which stops the engine call.
    ProgressCallback progress(double from = 0, double to = 1) const;

private:
    std::shared_ptr<const detail::JobState> m_state;
    std::function<void(int)> m_reportProgress;
};

/// The Update type of jobs that hand back their result only.
struct NoUpdates
{
};

/// A JobControl through which the job also streams updates (rows measured, progress with text) to the GUI thread.
template <typename Update> class JobChannel : public JobControl
{
public:
    JobChannel(std::shared_ptr<const detail::JobState> state, std::function<void(int)> reportProgress,
        std::function<void(Update&&)> post)
        : JobControl(std::move(state), std::move(reportProgress))
        , m_post(std::move(post))
    {
    }

    /// Reaches the tracker's onUpdate on the GUI thread, in order and before the result.
    void post(Update update) const { m_post(std::move(update)); }

private:
    std::function<void(Update&&)> m_post;
};

/// The background work of one owner (a loader, a runner, a page): runs a job on the global thread pool and reports
/// its outcome on the thread the tracker lives in (the GUI thread) through the handlers set with on…().
///
/// One job at a time reports: start() supersedes the job in flight, which is told to stop (JobControl::isCancelled())
/// and whose result, updates and progress are dropped. cancel() asks the job in flight to stop and reports
/// onCancelled once it has returned, never its result; discard() drops it without a word. A job that throws is
/// reported through onFailed with the exception's message. Jobs must capture their inputs by value: one that was
/// superseded, or whose tracker is gone, may still be running.
///
///     JobTracker<int> jobs;
///     jobs.onFinished([](int sum) { qDebug() << sum; }); // on the GUI thread
///     jobs.start([numbers](const JobControl& control) {
///         int sum = 0;
///         for (int n : numbers) { if (control.isCancelled()) return 0; sum += n; }
///         return sum;
///     });
template <typename Result, typename Update = NoUpdates> class JobTracker
{
public:
    using Control = JobChannel<Update>;
    using Job = std::function<Result(const Control&)>;

    JobTracker()
    {
        QObject::connect(&m_watcher, &QFutureWatcherBase::resultsReadyAt, &m_watcher,
            [this](int begin, int end) { deliverUpdates(begin, end); });
        QObject::connect(&m_watcher, &QFutureWatcherBase::finished, &m_watcher, [this] { deliverOutcome(); });
    }

    /// Tells the job in flight to stop and does not wait: it holds copies only.
    ~JobTracker() { discard(); }

    JobTracker(const JobTracker&) = delete;
    JobTracker& operator=(const JobTracker&) = delete;

    void onFinished(std::function<void(Result)> handler) { m_onFinished = std::move(handler); }
    /// The job threw: the exception's message.
    void onFailed(std::function<void(const QString&)> handler) { m_onFailed = std::move(handler); }
    void onCancelled(std::function<void()> handler) { m_onCancelled = std::move(handler); }
    /// In thousandths of the job, from JobControl::progress().
    void onProgress(std::function<void(int)> handler) { m_onProgress = std::move(handler); }
    void onUpdate(std::function<void(Update)> handler) { m_onUpdate = std::move(handler); }

    /// Runs `job` on the thread pool, superseding the job in flight; returns the new job's generation.
    quint64 start(Job job)
    {
        if (m_state)
            m_state->cancelled = true;
        auto state = std::make_shared<detail::JobState>(++m_generation);
        m_state = state;
        m_running = true;
        m_cancelRequested = false;
        // setFuture() detaches the superseded future: its pending signals are discarded.
        m_watcher.setFuture(
            QtConcurrent::run([state, job = std::move(job)](QPromise<Message>& promise) { run(promise, state, job); }));
        return state->generation;
    }

    /// Asks the job in flight to stop; onCancelled follows once it has returned.
    void cancel()
    {
        if (!m_running)
            return;
        m_cancelRequested = true;
        m_state->cancelled = true;
    }

    /// Tells the job in flight to stop and forgets it: it reports nothing.
    void discard()
    {
        m_running = false;
        if (m_state)
            m_state->cancelled = true;
    }

    /// From start() until its job's outcome is reported (also while a cancelled job winds down).
    bool isRunning() const { return m_running; }
    bool isCancelling() const { return m_running && m_cancelRequested; }
    /// The generation of the newest job; 0 before the first.
    quint64 generation() const { return m_generation; }

    /// Waits until the newest job has returned, `msecs` at most (< 0: as long as it takes); true when it has.
    /// Blocks the calling thread: for shutting down, not for waiting on a result.
    bool wait(int msecs = -1)
    {
        if (!m_state)
            return true;
        if (!m_state->done.tryAcquire(1, msecs))
            return false;
        m_state->done.release(); // stays "done" for a later wait
        return true;
    }

private:
    /// What a job hands the GUI thread: updates while it runs, then one last message with its outcome.
    struct Message
    {
        quint64 generation = 0;
        std::optional<Update> update;
        int progress = -1; ///< thousandths, or -1 when the message is not a progress report
        bool last = false;
        std::optional<Result> result;
        QString error;
    };

    static void run(QPromise<Message>& promise, const std::shared_ptr<detail::JobState>& state, const Job& job)
    {
        struct Done
        {
            QSemaphore& done;
            ~Done() { done.release(); }
        } done { state->done };
        // Progress travels with the updates, not through QFuture's progress value: a watcher attached to a
        // started future first reports that value's initial 0, which no job reported.
        const Control control(
            state,
            [&promise, generation = state->generation](int value) {
                Message m;
                m.generation = generation;
                m.progress = value;
                promise.addResult(std::move(m));
            },
            [&promise, generation = state->generation](Update&& update) {
                Message m;
                m.generation = generation;
                m.update = std::move(update);
                promise.addResult(std::move(m));
            });
        Message last;
        last.generation = state->generation;
        last.last = true;
        if (!state->cancelled) {
            try {
                last.result = job(control);
            } catch (...) {
                last.error = detail::describeCurrentException();
            }
        }
        promise.addResult(std::move(last));
    }

    bool isReporting() const { return m_running && !m_cancelRequested; }

    void deliverUpdates(int begin, int end)
    {
        const quint64 generation = m_generation;
        for (int i = begin; i < end && isReporting() && m_generation == generation; ++i) {
            Message m = m_watcher.resultAt(i);
            if (m.generation != generation)
                continue;
            if (m.progress >= 0) {
                if (m_onProgress)
                    m_onProgress(m.progress);
            } else if (m.update && m_onUpdate) {
                m_onUpdate(std::move(*m.update));
            }
        }
    }

    void deliverOutcome()
    {
        if (!m_running)
            return; // discarded
        const QFuture<Message> future = m_watcher.future();
        const int count = future.resultCount();
        Message last = count > 0 ? future.resultAt(count - 1) : Message {};
        if (last.last && last.generation != m_generation)
            return; // superseded: the job that replaced it reports
        m_running = false;
        if (m_cancelRequested || !last.last || (!last.result && last.error.isEmpty())) {
            if (m_onCancelled)
                m_onCancelled();
        } else if (last.result) {
            if (m_onFinished)
                m_onFinished(std::move(*last.result));
        } else if (m_onFailed) {
            m_onFailed(last.error);
        }
    }

    QFutureWatcher<Message> m_watcher;
    std::shared_ptr<detail::JobState> m_state;
    quint64 m_generation = 0;
    bool m_running = false;
    bool m_cancelRequested = false;
    std::function<void(Result)> m_onFinished;
    std::function<void(const QString&)> m_onFailed;
    std::function<void()> m_onCancelled;
    std::function<void(int)> m_onProgress;
    std::function<void(Update)> m_onUpdate;
};

} // namespace graphs::ui
