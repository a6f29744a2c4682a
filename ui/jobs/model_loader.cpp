#include "jobs/model_loader.h"

#include "estimation/analysis_pipeline.h"

namespace graphs::ui {

namespace {

template <typename T> T loadModel(const JobControl& control, const std::string& path, ImportOptions options)
{
    T outcome;
    auto analysis = loadAnalysis(path, std::move(options), control.progress());
    if (!analysis) {
        outcome.error = QString::fromStdString(analysis.error().toString());
        return outcome; // dropped when cancelled
    }
    outcome.analysis = std::move(*analysis);
    return outcome;
}

} // namespace

ModelLoader::ModelLoader(QObject* parent)
    : QObject(parent)
{
    m_job.onProgress([this](int permille) { Q_EMIT progressChanged(permille / 10); });
    m_job.onFinished([this](const Outcome& outcome) {
        if (outcome.analysis)
            Q_EMIT loaded(outcome.analysis);
        else
            Q_EMIT failed(outcome.error);
    });
    // The engine reports user errors as values; what is thrown is resource exhaustion (bad_alloc).
    m_job.onFailed([this](const QString& message) { Q_EMIT failed(m_path + QStringLiteral(": ") + message); });
    m_job.onCancelled([this] { Q_EMIT cancelled(); });
}

void ModelLoader::load(const QString& path, const ImportOptions& options)
{
    m_path = path;
    m_job.start([path = path.toStdString(), options](const JobControl& control) {
        return loadModel<Outcome>(control, path, options);
    });
    Q_EMIT progressChanged(0);
}

void ModelLoader::cancel()
{
    m_job.cancel();
}

} // namespace graphs::ui
