#pragma once

#include "validation/published_results.h"

#include <QPromise>
#include <QString>
#include <QStringList>
#include <memory>

namespace graphs {
class HardwareRegistry;
}

namespace graphs::ui {

/// What the published-results view asked for, snapshot on the GUI thread: the worker sees nothing else.
struct PublishedInputs
{
    QString file; ///< the published-results CSV
    std::shared_ptr<const HardwareRegistry> registry;
    QStringList registryDirs; ///< for the runtime profiles, in overlay order
    QStringList modelDirs; ///< where the benchmarks' models are
};

/// The outcome of one run: the validation, or the error that stopped it (naming file:line for a bad file).
struct PublishedRunResult
{
    quint64 generation = 0;
    std::shared_ptr<const PublishedValidation> validation;
    QString error;
    QStringList notes; ///< benchmarks without a model, whose rows are skipped
    bool cancelled = false;
};

/// Reads `inputs.file` and estimates every row with graphs::validatePublished on the calling (pool) thread: progress
/// in thousandths on `promise` at most every 100 ms, cancelled by QFuture::cancel(). Reports one PublishedRunResult.
void runPublishedJob(QPromise<PublishedRunResult>& promise, quint64 generation, const PublishedInputs& inputs);

} // namespace graphs::ui
