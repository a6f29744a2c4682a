#include "model_loader.h"

#include "estimation/graph_analysis.h"

#include <QPromise>
#include <QtConcurrent/QtConcurrentRun>
#include <algorithm>
#include <exception>

namespace graphs::ui {

namespace {

/// Import dominates loading time (parsing, shape inference); analysis gets the rest of the bar.
constexpr int ImportPercent = 80;

/// An engine progress callback mapping [0, 1] onto [from, to] percent of `promise`, and asking the engine
/// to stop once the promise is cancelled. Only changes of a whole percent reach the promise.
template <typename T> ProgressCallback progressInto(QPromise<T>& promise, int from, int to)
{
    return [&promise, from, to, last = -1](double fraction) mutable {
        const int value = from + static_cast<int>(std::clamp(fraction, 0.0, 1.0) * (to - from));
        if (value != last) {
            last = value;
            promise.setProgressValue(value);
        }
        return !promise.isCanceled();
    };
}

template <typename T>
void loadModel(QPromise<T>& promise, quint64 generation, const std::string& path, ImportOptions options)
{
    promise.setProgressRange(0, 100);
    T outcome;
    outcome.generation = generation;
    try {
        options.progress = progressInto(promise, 0, ImportPercent);
        auto imported = importOnnxFile(path, options);
        if (!imported) {
            if (imported.error().code == ErrorCode::Cancelled)
                return;
            outcome.error = QString::fromStdString(imported.error().toString());
            promise.addResult(std::move(outcome));
            return;
        }
        auto analysis = analyzeGraph(imported->graph, progressInto(promise, ImportPercent, 100));
        if (!analysis) {
            const Error& e = analysis.error();
            if (e.code == ErrorCode::Cancelled)
                return;
            // Analysis errors locate a node; the user also needs to know which file.
            outcome.error = QString::fromStdString(
                path + (e.location.empty() ? "" : ": node '" + e.location + "'") + ": " + e.message);
            promise.addResult(std::move(outcome));
            return;
        }
        Diagnostics all = imported->diagnostics;
        all.insert(all.end(), analysis->diagnostics.begin(), analysis->diagnostics.end());
        analysis->diagnostics = std::move(all);
        outcome.analysis = std::make_shared<const GraphAnalysis>(std::move(*analysis));
    } catch (const std::exception& e) {
        // The engine reports user errors as values; what lands here is resource exhaustion (bad_alloc).
        outcome.analysis.reset();
        outcome.error = QString::fromStdString(path + ": " + e.what());
    }
    promise.setProgressValue(100);
    promise.addResult(std::move(outcome));
}

} // namespace

ModelLoader::ModelLoader(QObject* parent)
    : QObject(parent)
{
    connect(&m_watcher, &QFutureWatcherBase::progressValueChanged, this, &ModelLoader::progressChanged);
    connect(&m_watcher, &QFutureWatcherBase::finished, this, &ModelLoader::onFinished);
}

ModelLoader::~ModelLoader()
{
    // The worker holds only copies and its promise, so it may finish after we are gone; just tell it to stop.
    m_watcher.cancel();
}

void ModelLoader::load(const QString& path, const ImportOptions& options)
{
    m_watcher.cancel();
    m_path = path;
    m_loading = true;
    const quint64 generation = ++m_generation;
    // setFuture() detaches the superseded future, whose pending signals are discarded.
    m_watcher.setFuture(QtConcurrent::run(&loadModel<Outcome>, generation, path.toStdString(), options));
    Q_EMIT progressChanged(0);
}

void ModelLoader::cancel()
{
    if (m_loading)
        m_watcher.cancel();
}

void ModelLoader::onFinished()
{
    const QFuture<Outcome> future = m_watcher.future();
    if (future.resultCount() > 0 && future.resultAt(0).generation != m_generation)
        return; // a superseded load that slipped through
    m_loading = false;
    if (future.isCanceled() || future.resultCount() == 0) {
        Q_EMIT cancelled();
        return;
    }
    const Outcome outcome = future.resultAt(0);
    if (outcome.analysis)
        Q_EMIT loaded(outcome.analysis);
    else
        Q_EMIT failed(outcome.error);
}

} // namespace graphs::ui
