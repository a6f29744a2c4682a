#pragma once

#include <QList>
#include <QObject>
#include <QPointer>
#include <QString>
#include <QTimer>

class QWidget;

namespace graphs::ui {

class MainWindow;

/// Captures the Summary, Nodes, Subgraphs, Roofline, Graph, Energy and Memory pages of a window as studio-summary.png,
/// studio-nodes.png, studio-subgraphs.png, studio-roofline.png, graph-view.png, energy.png and memory.png once its first estimate
/// arrives (graphs-studio --screenshot DIR, for the documentation). The slowest subgraph is selected first, so the pictures show the
/// selection too. Then, when the user registry holds measurements of the hardware × runtime the Calibration page has
/// chosen (as last used, from the settings), it fits them and captures calibration-page.png and validation-page.png.
class ScreenshotTaker : public QObject
{
    Q_OBJECT

public:
    ScreenshotTaker(MainWindow* window, QString directory, QObject* parent = nullptr);

    /// Starts waiting; finished() reports failure when no estimate comes within `timeoutMs`.
    void start(int timeoutMs = 60000);

Q_SIGNALS:
    /// `message` names the files written, or the problem.
    void finished(bool ok, const QString& message);

private:
    struct Shot
    {
        QWidget* page;
        QString file;
    };

    void begin();
    void captureNext();
    void grabCurrent();
    void finish(bool ok, const QString& message);
    /// Starts the fit of the Calibration page and queues its two pages; false when there is nothing (more) to fit.
    bool queueCalibrationShots();

    QPointer<MainWindow> m_window;
    QString m_directory;
    QList<Shot> m_shots;
    QStringList m_written;
    QTimer m_timeout;
    bool m_begun = false;
    bool m_finished = false;
    bool m_calibrationQueued = false;
    QString m_calibrationNote; ///< why the calibration pages were not captured
};

} // namespace graphs::ui
