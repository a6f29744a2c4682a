#include "stall_monitor.h"

#include <QMetaObject>

namespace graphs::bench {

StallMonitor::StallMonitor(std::chrono::milliseconds period)
    : m_period(period)
    , m_probe(std::make_unique<QObject>())
{
}

StallMonitor::~StallMonitor()
{
    stop();
    m_probe.reset(); // takes a call still queued with it
}

void StallMonitor::start()
{
    stop();
    m_stop = false;
    m_thread = std::thread([this] { run(); });
}

void StallMonitor::stop()
{
    {
        std::lock_guard lock(m_mutex);
        m_stop = true;
    }
    m_cv.notify_all();
    if (m_thread.joinable())
        m_thread.join();
}

std::vector<StallMonitor::Ping> StallMonitor::pings() const
{
    std::lock_guard lock(m_mutex);
    return m_pings;
}

void StallMonitor::run()
{
    while (true) {
        {
            std::lock_guard lock(m_mutex);
            if (m_stop)
                return;
            m_answered = false;
        }
        const auto sent = Clock::now();
        QMetaObject::invokeMethod(
            m_probe.get(),
            [this, sent] {
                const auto ran = Clock::now();
                std::lock_guard lock(m_mutex);
                m_pings.push_back({ sent, std::chrono::duration<double, std::milli>(ran - sent).count() });
                m_answered = true;
                m_cv.notify_all();
            },
            Qt::QueuedConnection);
        std::unique_lock lock(m_mutex);
        m_cv.wait(lock, [this] { return m_answered || m_stop; });
        if (m_cv.wait_for(lock, m_period, [this] { return m_stop; }))
            return;
    }
}

} // namespace graphs::bench
