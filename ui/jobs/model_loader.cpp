#include "jobs/model_loader.h"

#include "estimation/graph_analysis.h"

namespace graphs::ui {

namespace {

/// Import dominates loading time (parsing, shape inference); analysis gets the rest of the bar.
constexpr double ImportShare = 0.8;

template <typename T> T loadModel(const JobControl& control, const std::string& path, ImportOptions options)
{
    T outcome;
    options.progress = control.progress(0, ImportShare);
    auto imported = importOnnxFile(path, options);
    if (!imported) {
        outcome.error = QString::fromStdString(imported.error().toString());
        return outcome; // dropped when cancelled
    }
    auto analysis = analyzeGraph(imported->graph, control.progress(ImportShare, 1));
    if (!analysis) {
        const Error& e = analysis.error();
        // Analysis errors locate a node; the user also needs to know which file.
        outcome.error = QString::fromStdString(
            path + (e.location.empty() ? "" : ": node '" + e.location + "'") + ": " + e.message);
        return outcome;
    }
    Diagnostics all = imported->diagnostics;
    all.insert(all.end(), analysis->diagnostics.begin(), analysis->diagnostics.end());
    analysis->diagnostics = std::move(all);
    outcome.analysis = std::make_shared<const GraphAnalysis>(std::move(*analysis));
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
