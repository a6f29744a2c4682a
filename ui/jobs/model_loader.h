#pragma once

#include "frontends/onnx_importer.h"
#include "jobs/job_tracker.h"

#include <QObject>
#include <QString>
#include <memory>

namespace graphs {
struct GraphAnalysis;
}

namespace graphs::ui {

/// Imports and analyses an ONNX model on the thread pool, one load at a time.
///
/// A new load() supersedes the one in flight: that one is cancelled and its result dropped, so only the
/// newest load ever reports. Cancelling flows from cancel() through the JobTracker into the engine's progress
/// callback, which makes the import or analysis stop.
class ModelLoader : public QObject
{
    Q_OBJECT

public:
    explicit ModelLoader(QObject* parent = nullptr);

    /// Starts loading `path`; the options are copied, their progress callback is replaced.
    void load(const QString& path, const ImportOptions& options = {});
    /// Asks the load in flight to stop; cancelled() follows once it has.
    void cancel();
    bool isLoading() const { return m_job.isRunning(); }
    /// The file of the load in flight, or of the last one.
    QString path() const { return m_path; }

Q_SIGNALS:
    void progressChanged(int percent);
    void loaded(std::shared_ptr<const graphs::GraphAnalysis> analysis);
    /// `message` names the file and the problem.
    void failed(const QString& message);
    void cancelled();

private:
    /// The analysis, or the problem naming the file.
    struct Outcome
    {
        std::shared_ptr<const GraphAnalysis> analysis;
        QString error;
    };

    JobTracker<Outcome> m_job;
    QString m_path;
};

} // namespace graphs::ui
