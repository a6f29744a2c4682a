#pragma once

// How long the GUI thread keeps its event loop waiting: what a click or a key press would wait for.

#include <QObject>
#include <chrono>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

namespace graphs::bench {

/// Event-loop latency, measured from outside: a thread of its own posts a call to the GUI thread, waits until it
/// has run, sleeps 5 ms, and posts again. Each wait is one sample. A blocked GUI thread shows as one long wait (not
/// a queue of them piling up behind it), so the number of waits over a limit counts the stalls, and the longest
/// wait is the longest stall, give or take the 5 ms.
///
///     StallMonitor monitor; // on the GUI thread
///     monitor.start();
///     … run the event loop …
///     monitor.stop();
///     for (const auto& ping : monitor.pings()) …
class StallMonitor
{
public:
    using Clock = std::chrono::steady_clock;

    struct Ping
    {
        Clock::time_point sent;
        double ms = 0; ///< until the call ran on the GUI thread
    };

    /// Constructed on the GUI thread: the calls are posted to an object living there.
    explicit StallMonitor(std::chrono::milliseconds period = std::chrono::milliseconds(5));
    ~StallMonitor();
    StallMonitor(const StallMonitor&) = delete;
    StallMonitor& operator=(const StallMonitor&) = delete;

    void start();
    /// Stops the thread; a call still queued is dropped with the monitor.
    void stop();
    std::vector<Ping> pings() const;

private:
    void run();

    std::chrono::milliseconds m_period;
    std::unique_ptr<QObject> m_probe;
    std::thread m_thread;
    mutable std::mutex m_mutex;
    std::condition_variable m_cv;
    bool m_stop = false;
    bool m_answered = false;
    std::vector<Ping> m_pings;
};

} // namespace graphs::bench
