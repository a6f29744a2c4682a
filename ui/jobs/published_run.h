#pragma once

#include "validation/published_results.h"

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
    std::shared_ptr<const PublishedValidation> validation;
    QString error;
    QStringList notes; ///< benchmarks without a model, whose rows are skipped
};

class JobControl;

/// Reads `inputs.file` and estimates every row with graphs::validatePublished on the calling (pool) thread, with the
/// progress and cancellation of `control` (a cancelled run's result is dropped by the JobTracker).
PublishedRunResult runPublishedJob(const JobControl& control, const PublishedInputs& inputs);
/// The result of a run that threw: the problem as its error.
PublishedRunResult failedPublishedJob(const QString& message);

} // namespace graphs::ui
