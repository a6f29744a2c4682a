#include "jobs/job_tracker.h"

#include <QCoreApplication>
#include <algorithm>
#include <chrono>
#include <exception>

namespace graphs::ui {

namespace {

/// Progress reaches the GUI at most this often: a busier bar is not more informative.
constexpr auto ProgressInterval = std::chrono::milliseconds(100);

} // namespace

namespace detail {

QString describeCurrentException()
{
    try {
        throw;
    } catch (const std::exception& e) {
        return QString::fromUtf8(e.what());
    } catch (...) {
        return QCoreApplication::translate("graphs::ui::JobTracker", "The job stopped with an unknown error.");
    }
}

} // namespace detail

JobControl::JobControl(std::shared_ptr<const detail::JobState> state, std::function<void(int)> reportProgress)
    : m_state(std::move(state))
    , m_reportProgress(std::move(reportProgress))
{
}

std::function<bool()> JobControl::cancelCheck() const
{
    return [state = m_state] { return state->cancelled.load(std::memory_order_relaxed); };
}

ProgressCallback JobControl::progress(double from, double to) const
{
    using Clock = std::chrono::steady_clock;
    return [state = m_state, report = m_reportProgress, from, to, last = Clock::time_point(), lastValue = -1](
               double fraction) mutable {
        const int value = static_cast<int>((from + std::clamp(fraction, 0.0, 1.0) * (to - from)) * 1000);
        const auto now = Clock::now();
        if (value != lastValue && (lastValue < 0 || now - last >= ProgressInterval)) {
            last = now;
            lastValue = value;
            report(value);
        }
        return !state->cancelled.load(std::memory_order_relaxed);
    };
}

} // namespace graphs::ui
