// JobTracker on the real thread pool (QtConcurrent): a superseded job reports nothing and sees the cancel flag, only
// the newest result arrives; a cancelled job reports cancelled and never its result; results, progress and updates
// reach the handlers on the GUI thread, in order; a job that throws is reported as an error naming the problem.

#include "jobs/job_tracker.h"

#include <QCoreApplication>
#include <QSignalSpy>
#include <QTest>
#include <QThread>
#include <atomic>
#include <chrono>
#include <memory>
#include <stdexcept>
#include <thread>

using graphs::ui::JobControl;
using graphs::ui::JobTracker;

namespace {

constexpr int TimeoutMs = 10000;

/// A job's side of the test: whether it ran, whether it saw the cancel flag, on which thread.
struct Probe
{
    std::atomic<bool> started { false };
    std::atomic<bool> sawCancel { false };
    std::atomic<QThread*> thread { nullptr };
};

/// Runs until cancelled (or 10 s, a hung test), noting what it saw; returns `value`.
int waitForCancel(const JobControl& control, Probe& probe, int value)
{
    probe.thread = QThread::currentThread();
    probe.started = true;
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(TimeoutMs);
    while (!control.isCancelled() && std::chrono::steady_clock::now() < deadline)
        std::this_thread::sleep_for(std::chrono::milliseconds(1));
    probe.sawCancel = control.isCancelled();
    return value;
}

/// What reached the handlers of a JobTracker<int>, and on which thread.
struct Reports
{
    QList<int> results;
    QStringList errors;
    int cancelled = 0;
    QList<int> progress;
    bool offGuiThread = false;

    void attach(JobTracker<int>& jobs)
    {
        const auto check = [this] { offGuiThread |= QThread::currentThread() != qApp->thread(); };
        jobs.onFinished([this, check](int r) {
            check();
            results << r;
        });
        jobs.onFailed([this, check](const QString& e) {
            check();
            errors << e;
        });
        jobs.onCancelled([this, check] {
            check();
            ++cancelled;
        });
        jobs.onProgress([this, check](int p) {
            check();
            progress << p;
        });
    }

    int count() const { return static_cast<int>(results.size() + errors.size()) + cancelled; }
};

} // namespace

class TestJobTracker : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void deliversResultOnGuiThread()
    {
        JobTracker<int> jobs;
        Reports reports;
        reports.attach(jobs);
        auto probe = std::make_shared<Probe>();
        const quint64 generation = jobs.start([probe](const JobControl& control) {
            probe->thread = QThread::currentThread();
            return static_cast<int>(control.generation()) * 10;
        });
        QCOMPARE(generation, quint64(1));
        QVERIFY(jobs.isRunning());
        QTRY_COMPARE_WITH_TIMEOUT(reports.count(), 1, TimeoutMs);
        QCOMPARE(reports.results, QList<int> { 10 });
        QVERIFY(!reports.offGuiThread);
        QVERIFY(probe->thread.load() != qApp->thread()); // the work itself ran on the pool
        QVERIFY(!jobs.isRunning());
    }

    void supersededJobIsDropped()
    {
        JobTracker<int> jobs;
        Reports reports;
        reports.attach(jobs);
        auto first = std::make_shared<Probe>();
        jobs.start([first](const JobControl& control) { return waitForCancel(control, *first, 1); });
        QTRY_VERIFY_WITH_TIMEOUT(first->started, TimeoutMs); // running, not merely queued
        jobs.start([](const JobControl&) { return 2; });
        QTRY_COMPARE_WITH_TIMEOUT(reports.count(), 1, TimeoutMs);
        QTRY_VERIFY_WITH_TIMEOUT(first->sawCancel, TimeoutMs);
        QTest::qWait(50); // the first job's result, had it been kept, would be here by now
        QCOMPARE(reports.results, QList<int> { 2 });
        QCOMPARE(reports.cancelled, 0);
        QCOMPARE(jobs.generation(), quint64(2));
    }

    void onlyNewestOfManyArrives()
    {
        JobTracker<int> jobs;
        Reports reports;
        reports.attach(jobs);
        for (int i = 1; i <= 20; ++i) {
            jobs.start([i](const JobControl& control) {
                std::this_thread::sleep_for(std::chrono::milliseconds(control.isCancelled() ? 0 : 2));
                return i;
            });
        }
        QTRY_COMPARE_WITH_TIMEOUT(reports.count(), 1, TimeoutMs);
        QVERIFY(jobs.wait(TimeoutMs));
        QTest::qWait(50);
        QCOMPARE(reports.results, QList<int> { 20 });
    }

    void cancelReportsCancelledNotResult()
    {
        JobTracker<int> jobs;
        Reports reports;
        reports.attach(jobs);
        auto probe = std::make_shared<Probe>();
        jobs.start([probe](const JobControl& control) { return waitForCancel(control, *probe, 7); });
        QTRY_VERIFY_WITH_TIMEOUT(probe->started, TimeoutMs);
        jobs.cancel();
        QVERIFY(jobs.isCancelling());
        QVERIFY(jobs.isRunning()); // until the job has returned
        QTRY_COMPARE_WITH_TIMEOUT(reports.cancelled, 1, TimeoutMs);
        QVERIFY(probe->sawCancel);
        QVERIFY(reports.results.isEmpty());
        QVERIFY(reports.errors.isEmpty());
        QVERIFY(!reports.offGuiThread);
        QVERIFY(!jobs.isRunning());
        jobs.cancel(); // nothing in flight: nothing happens
        QTest::qWait(20);
        QCOMPARE(reports.cancelled, 1);
    }

    void cancelAfterJobReturnedStillCancels()
    {
        // The job has returned but its result has not reached the GUI thread: the user asked to cancel, and that
        // is what they see.
        JobTracker<int> jobs;
        Reports reports;
        reports.attach(jobs);
        jobs.start([](const JobControl&) { return 3; });
        QVERIFY(jobs.wait(TimeoutMs));
        jobs.cancel();
        QTRY_COMPARE_WITH_TIMEOUT(reports.count(), 1, TimeoutMs);
        QCOMPARE(reports.cancelled, 1);
    }

    void discardReportsNothing()
    {
        JobTracker<int> jobs;
        Reports reports;
        reports.attach(jobs);
        auto probe = std::make_shared<Probe>();
        jobs.start([probe](const JobControl& control) { return waitForCancel(control, *probe, 5); });
        QTRY_VERIFY_WITH_TIMEOUT(probe->started, TimeoutMs);
        jobs.discard();
        QVERIFY(!jobs.isRunning());
        QVERIFY(jobs.wait(TimeoutMs));
        QVERIFY(probe->sawCancel);
        QTest::qWait(50);
        QCOMPARE(reports.count(), 0);
    }

    void thrownIsReportedAsError_data()
    {
        QTest::addColumn<int>("kind");
        QTest::addColumn<QString>("fragment");
        QTest::newRow("std::exception") << 0 << QStringLiteral("model.onnx: out of memory");
        QTest::newRow("anything else") << 1 << QStringLiteral("unknown error");
    }

    void thrownIsReportedAsError()
    {
        QFETCH(int, kind);
        QFETCH(QString, fragment);
        JobTracker<int> jobs;
        Reports reports;
        reports.attach(jobs);
        jobs.start([kind](const JobControl&) -> int {
            if (kind == 0)
                throw std::runtime_error("model.onnx: out of memory");
            throw 42;
        });
        QTRY_COMPARE_WITH_TIMEOUT(reports.count(), 1, TimeoutMs);
        QCOMPARE(reports.errors.size(), 1);
        QVERIFY2(reports.errors.front().contains(fragment), qPrintable(reports.errors.front()));
        QVERIFY(!reports.offGuiThread);
        QVERIFY(!jobs.isRunning());

        // The tracker goes on: the next job reports as usual.
        jobs.start([](const JobControl&) { return 4; });
        QTRY_COMPARE_WITH_TIMEOUT(reports.results, QList<int> { 4 }, TimeoutMs);
    }

    void progressReachesGuiThreadAndStopsEngine()
    {
        // No upper bound on any time: the job reports 0 and, past the throttle interval, 1/2 of its step [0.5, 1];
        // then it keeps asking the callback with an unchanged fraction (not reported again) until told to stop.
        JobTracker<int> jobs;
        Reports reports;
        reports.attach(jobs);
        auto stopped = std::make_shared<std::atomic<bool>>(false);
        jobs.start([stopped](const JobControl& control) {
            const graphs::ProgressCallback progress = control.progress(0.5, 1);
            if (!progress(0))
                return -1;
            std::this_thread::sleep_for(std::chrono::milliseconds(150)); // > the 100 ms between reports
            const auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(TimeoutMs);
            while (std::chrono::steady_clock::now() < deadline) {
                if (!progress(0.5)) {
                    *stopped = true;
                    return -1;
                }
                std::this_thread::sleep_for(std::chrono::milliseconds(1));
            }
            return 1;
        });
        QTRY_COMPARE_WITH_TIMEOUT(reports.progress.size(), 2, TimeoutMs);
        QCOMPARE(reports.progress, (QList<int> { 500, 750 })); // 0.5 + 0 and 0.5 + 0.5 × 0.5 of the whole
        QCOMPARE(reports.count(), 0);
        jobs.cancel();
        QTRY_COMPARE_WITH_TIMEOUT(reports.cancelled, 1, TimeoutMs);
        QVERIFY(*stopped); // the engine loop saw false from its callback
        QCOMPARE(reports.progress.size(), 2); // nothing after the cancel, and an unchanged fraction not repeated
        QVERIFY(!reports.offGuiThread);
    }

    void progressAndUpdatesKeepTheirOrder()
    {
        JobTracker<int, QString> jobs;
        QStringList seen;
        jobs.onUpdate([&seen](const QString& update) { seen << update; });
        jobs.onProgress([&seen](int value) { seen << QString::number(value); });
        jobs.onFinished([&seen](int result) { seen << QStringLiteral("result %1").arg(result); });
        jobs.start([](const JobTracker<int, QString>::Control& channel) {
            const graphs::ProgressCallback progress = channel.progress();
            progress(0.25); // the first report of a callback always passes
            channel.post(QStringLiteral("a"));
            return 1;
        });
        QTRY_COMPARE_WITH_TIMEOUT(seen.size(), 3, TimeoutMs);
        QCOMPARE(seen, (QStringList { QStringLiteral("250"), QStringLiteral("a"), QStringLiteral("result 1") }));
    }

    void updatesArriveInOrderBeforeResult()
    {
        JobTracker<int, QString> jobs;
        QStringList seen;
        jobs.onUpdate([&seen](const QString& update) { seen << update; });
        jobs.onFinished([&seen](int result) { seen << QStringLiteral("result %1").arg(result); });
        jobs.start([](const JobTracker<int, QString>::Control& channel) {
            for (const char* word : { "a", "b", "c" })
                channel.post(QString::fromLatin1(word));
            return 3;
        });
        QTRY_COMPARE_WITH_TIMEOUT(seen.size(), 4, TimeoutMs);
        QCOMPARE(seen,
            (QStringList {
                QStringLiteral("a"), QStringLiteral("b"), QStringLiteral("c"), QStringLiteral("result 3") }));
    }

    void handlerMayStartTheNextJob()
    {
        JobTracker<int> jobs;
        QList<int> results;
        jobs.onFinished([&](int r) {
            results << r;
            if (r < 3)
                jobs.start([r](const JobControl&) { return r + 1; });
        });
        jobs.start([](const JobControl&) { return 1; });
        QTRY_COMPARE_WITH_TIMEOUT(results, (QList<int> { 1, 2, 3 }), TimeoutMs);
    }

    void waitIsBounded()
    {
        JobTracker<int> jobs;
        QVERIFY(jobs.wait(0)); // nothing started
        auto release = std::make_shared<std::atomic<bool>>(false);
        jobs.start([release](const JobControl&) {
            while (!*release)
                std::this_thread::sleep_for(std::chrono::milliseconds(1));
            return 0;
        });
        QVERIFY(!jobs.wait(50));
        *release = true;
        QVERIFY(jobs.wait(TimeoutMs));
        QVERIFY(jobs.wait(0)); // stays done
    }

    void trackerMayDieBeforeItsJob()
    {
        auto probe = std::make_shared<Probe>();
        {
            JobTracker<int> jobs;
            jobs.onFinished([](int) { QFAIL("a destroyed tracker reports nothing"); });
            jobs.start([probe](const JobControl& control) { return waitForCancel(control, *probe, 1); });
            QTRY_VERIFY_WITH_TIMEOUT(probe->started, TimeoutMs);
        }
        QTRY_VERIFY_WITH_TIMEOUT(probe->sawCancel, TimeoutMs); // told to stop by the destructor
        QTest::qWait(20);
    }
};

QTEST_GUILESS_MAIN(TestJobTracker)
#include "tst_job_tracker.moc"
