#pragma once

#include "estimation/comparison.h"

#include <QStringList>
#include <memory>
#include <vector>

namespace graphs {
struct FusionRules;
}

namespace graphs::ui {

/// What the Compare page asked for, snapshot on the GUI thread: the worker sees nothing else.
struct CompareInputs
{
    QStringList models; ///< ONNX files
    std::vector<std::shared_ptr<const HardwareSpec>> hardware;
    std::vector<int64_t> batches;
    std::vector<Precision> precisions;
    std::shared_ptr<const FusionRules> runtime;
    /// Apply the calibration profiles of the user registry, as the other pages' estimates do.
    bool calibrate = true;
};

/// The outcome of one run: the rows as `graphs compare` makes them, and what could not be compared.
struct CompareResult
{
    std::vector<ComparisonRow> rows; ///< Pareto-marked, sorted by model, batch and latency
    QStringList errors; ///< a model that failed names its file; the other rows still stand
    QStringList notes; ///< the calibration profiles applied, and the ones that could not be used
    QStringList skipped; ///< hardware × precision pairs left out because the entry lacks the precision
};

class JobControl;

/// Runs `inputs` through graphs::runComparison on the calling (pool) thread, with the progress and cancellation of
/// `control` (a cancelled run's result is meaningless and dropped by the JobTracker).
CompareResult runCompareJob(const JobControl& control, const CompareInputs& inputs);
/// The result of a run that threw: no rows, the problem as its one error.
CompareResult failedCompareJob(const QString& message);

} // namespace graphs::ui
