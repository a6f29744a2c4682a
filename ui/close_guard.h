#pragma once

#include <QObject>
#include <QPointer>

class QMessageBox;
class QWidget;

namespace graphs::ui {

class BenchmarksPage;

/// Keeps a closing window from losing a running benchmark. While a suite runs, allowClose() says no and asks
/// (window-modal, no nested event loop) whether to finish the benchmark in flight and close, finish the whole suite
/// and close, stop now (the benchmark in flight is dropped; every stored row stays), or keep the window open.
/// Once the chosen run ends, it closes the window again.
class CloseGuard : public QObject
{
    Q_OBJECT

public:
    enum class Choice { FinishCurrent, FinishSuite, StopNow, KeepOpen };

    CloseGuard(QWidget* window, BenchmarksPage* benchmarks);

    /// True when nothing would be lost by closing now; otherwise opens the question and returns false.
    bool allowClose();
    /// What the question's buttons do; public for tests and for a session manager's "quit now".
    void choose(Choice choice);
    /// The question while it is open (object name "closeGuardBox"), else null.
    QMessageBox* question() const { return m_box; }
    bool closingWhenIdle() const { return m_closeWhenIdle; }

private:
    void onRunEnded();

    QWidget* m_window;
    BenchmarksPage* m_benchmarks;
    QPointer<QMessageBox> m_box;
    bool m_closeWhenIdle = false;
    bool m_stopped = false;
};

} // namespace graphs::ui
