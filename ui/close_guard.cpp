#include "close_guard.h"

#include "jobs/benchmark_job.h"
#include "pages/benchmarks_page.h"

#include <QMessageBox>
#include <QPushButton>

namespace graphs::ui {

CloseGuard::CloseGuard(QWidget* window, BenchmarksPage* benchmarks)
    : QObject(window)
    , m_window(window)
    , m_benchmarks(benchmarks)
{
    connect(m_benchmarks->job(), &BenchmarkJob::finished, this, &CloseGuard::onRunEnded);
    connect(m_benchmarks->job(), &BenchmarkJob::failed, this, &CloseGuard::onRunEnded);
}

bool CloseGuard::allowClose()
{
    if (!m_benchmarks->isRunning() || m_stopped)
        return true;
    if (m_box) {
        m_box->raise();
        return false;
    }
    m_box = new QMessageBox(QMessageBox::Question, tr("Benchmark running"),
        tr("A benchmark suite is running. Every benchmark measured so far is stored in the registry."),
        QMessageBox::NoButton, m_window);
    m_box->setObjectName(QStringLiteral("closeGuardBox"));
    m_box->setInformativeText(tr("Close once the benchmark in flight is measured and stored, once the whole suite is "
                                 "done, or now (the benchmark in flight is dropped)?"));
    m_box->setAttribute(Qt::WA_DeleteOnClose);
    m_box->setWindowModality(Qt::WindowModal);
    const struct
    {
        QString text;
        QMessageBox::ButtonRole role;
        Choice choice;
        const char* name;
    } buttons[] = {
        { tr("Finish This Benchmark, Then Close"), QMessageBox::AcceptRole, Choice::FinishCurrent, "finishCurrent" },
        { tr("Finish the Suite, Then Close"), QMessageBox::AcceptRole, Choice::FinishSuite, "finishSuite" },
        { tr("Stop Now"), QMessageBox::DestructiveRole, Choice::StopNow, "stopNow" },
        { tr("Keep Window Open"), QMessageBox::RejectRole, Choice::KeepOpen, "keepOpen" },
    };
    for (const auto& b : buttons) {
        QPushButton* button = m_box->addButton(b.text, b.role);
        button->setObjectName(QString::fromLatin1(b.name));
        const Choice choice = b.choice;
        connect(button, &QPushButton::clicked, this, [this, choice] { choose(choice); });
        if (choice == Choice::FinishCurrent)
            m_box->setDefaultButton(button);
        if (choice == Choice::KeepOpen)
            m_box->setEscapeButton(button);
    }
    m_box->open();
    return false;
}

void CloseGuard::choose(Choice choice)
{
    if (m_box)
        m_box->close();
    switch (choice) {
    case Choice::FinishCurrent:
        m_closeWhenIdle = true;
        m_benchmarks->finishCurrentThenStop();
        break;
    case Choice::FinishSuite:
        m_closeWhenIdle = true;
        break;
    case Choice::StopNow:
        // Rows already measured are on disk; only the benchmark in flight is dropped.
        m_benchmarks->shutdown(5000);
        m_closeWhenIdle = false;
        m_stopped = true; // the job reports its end on a later event-loop turn
        m_window->close();
        break;
    case Choice::KeepOpen:
        m_closeWhenIdle = false;
        break;
    }
}

void CloseGuard::onRunEnded()
{
    if (!m_closeWhenIdle)
        return;
    m_closeWhenIdle = false;
    if (m_box)
        m_box->close();
    m_window->close();
}

} // namespace graphs::ui
