#include "jobs/compare_run.h"

#include "calibration/calibrated_estimate.h"
#include "calibration/calibration_profile.h"
#include "core/data_paths.h"
#include "estimation/comparison_run.h"
#include "jobs/job_tracker.h"
#include "qt_strings.h"
#include "transform/fusion_rules.h"
#include "workflows/calibration_store.h"

#include <QCoreApplication>
#include <QFileInfo>
#include <algorithm>
#include <set>

namespace graphs::ui {

namespace {

// The strings of this file, under one context for lupdate and the translators.
struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(graphs::ui::CompareRun)
};

/// The stored calibrations of one run, through the engine's store (each refitted once, only for the entries
/// compared). Profiles that cannot be used leave the estimate as specified, with a note.
class RunCalibrations
{
public:
    RunCalibrations(const FusionRules& runtime, QStringList& notes)
        : m_runtime(runtime)
        , m_store(userRegistryDir())
        , m_notes(notes)
    {
    }

    void apply(const GraphAnalysis& analysis, const Partition& partition, ModelEstimate& estimate)
    {
        auto calibration = m_store.apply(analysis, partition, estimate, m_runtime);
        const std::string key = calibrationProfilePath(m_store.registryDir(), estimate.hardware->id,
            m_runtime.runtimeId, estimate.options.precision);
        if (!m_told.insert(key).second)
            return;
        if (!calibration)
            m_notes << Tr::tr("Not calibrated: %1").arg(fromStd(calibration.error().toString()));
        else if (*calibration)
            m_notes << Tr::tr("Calibrated with %1").arg(fromStd(key));
    }

private:
    const FusionRules& m_runtime;
    CalibrationStore m_store;
    QStringList& m_notes;
    std::set<std::string> m_told; ///< profile paths already noted
};

/// Failures of one model, merged over the batches that failed alike: "bad.onnx (batches 1, 8): message".
QStringList describeFailures(const std::vector<ComparisonFailure>& failures)
{
    struct Merged
    {
        QString what;
        QString message;
        QStringList batches;
    };
    std::vector<Merged> merged;
    for (const ComparisonFailure& f : failures) {
        const QString file = QFileInfo(QString::fromStdString(f.model)).fileName();
        const QString what = f.hardwareId.empty() ? file : Tr::tr("%1 on %2").arg(file, fromStd(f.hardwareId));
        const QString message = fromStd(f.error.toString());
        auto it = std::find_if(
            merged.begin(), merged.end(), [&](const Merged& m) { return m.what == what && m.message == message; });
        if (it == merged.end())
            it = merged.insert(merged.end(), { what, message, {} });
        it->batches << QString::number(f.batch);
    }
    QStringList lines;
    for (const Merged& m : merged) {
        lines << (m.batches.size() == 1
                ? Tr::tr("%1 (batch %2): %3").arg(m.what, m.batches.front(), m.message)
                : Tr::tr("%1 (batches %2): %3").arg(m.what, m.batches.join(QStringLiteral(", ")), m.message));
    }
    return lines;
}

} // namespace

CompareResult runCompareJob(const JobControl& control, const CompareInputs& inputs)
{
    CompareResult result;
    ComparisonRequest request;
    for (const QString& model : inputs.models)
        request.models.push_back(model.toStdString());
    request.hardware = inputs.hardware;
    request.batches = inputs.batches;
    request.precisions = inputs.precisions;
    request.fusion = *inputs.runtime;
    request.keepGoing = true;
    RunCalibrations calibrations(request.fusion, result.notes);
    if (inputs.calibrate)
        request.refine = [&calibrations](const GraphAnalysis& analysis, const Partition& partition,
                             ModelEstimate& estimate) { calibrations.apply(analysis, partition, estimate); };
    for (const auto& spec : inputs.hardware) {
        for (Precision p : inputs.precisions) {
            if (spec->peakOpsPerSecond(p) <= 0)
                result.skipped << fromStd(spec->id) + QLatin1Char('/') + fromStd(precisionName(p));
        }
    }
    auto outcome = runComparison(request, control.progress());
    if (!outcome) {
        // Cancelled is the only error runComparison returns; the tracker drops a cancelled run's result anyway.
        if (outcome.error().code != ErrorCode::Cancelled)
            result.errors << fromStd(outcome.error().toString());
    } else {
        result.rows = std::move(outcome->rows);
        result.errors = describeFailures(outcome->failures);
    }
    return result;
}

CompareResult failedCompareJob(const QString& message)
{
    CompareResult result;
    result.errors << Tr::tr("Comparison failed: %1").arg(message);
    return result;
}

} // namespace graphs::ui
