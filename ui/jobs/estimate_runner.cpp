#include "jobs/estimate_runner.h"

#include "calibration/calibrated_estimate.h"
#include "calibration/calibration_profile.h"
#include "core/data_paths.h"
#include "estimation/graph_analysis.h"
#include "estimation/analysis_pipeline.h"
#include "transform/fusion_rules.h"
#include "workflows/calibration_store.h"

#include <mutex>

namespace graphs::ui {

/// The calibrations of the user registry, shared by the runs of one EstimateRunner: the engine's store for the
/// registry folder in use (the folder can change while the app runs, with XDG_DATA_HOME in tests).
class CalibrationCache
{
public:
    /// The stored calibration for these settings; nullptr when none is stored or it cannot be used (`problem`).
    std::shared_ptr<const Calibration> find(const EstimateSettings& settings, std::string& problem)
    {
        std::shared_ptr<CalibrationStore> store;
        {
            const std::lock_guard lock(m_mutex);
            const std::string registry = userRegistryDir();
            if (!m_store || m_store->registryDir() != registry)
                m_store = std::make_shared<CalibrationStore>(registry);
            store = m_store;
        }
        auto found = store->find(settings.hardware, *settings.runtime, settings.precision);
        if (!found) {
            problem = found.error().toString();
            return nullptr;
        }
        return *found;
    }

private:
    std::mutex m_mutex;
    std::shared_ptr<CalibrationStore> m_store;
};

namespace {

template <typename T>
T estimate(const JobControl& control, std::shared_ptr<const GraphAnalysis> analysis, const EstimateSettings& settings,
    CalibrationCache& calibrations)
{
    // estimateOn() takes no callback: a run superseded while it computes finishes that step and is dropped
    // (squeezenet takes milliseconds, a large transformer well under a second).
    T outcome;
    auto result
        = estimateOn(*analysis, settings.hardware, settings.precision, *settings.runtime, boundBatch(*analysis));
    if (!result) {
        outcome.error = QString::fromStdString(result.error().toString());
        return outcome;
    }
    if (control.isCancelled())
        return outcome; // the calibration may have to be refitted: not for a result no one will see
    auto estimated = std::make_shared<EstimatedModel>();
    estimated->analysis = std::move(analysis);
    estimated->partition = std::move(result->first);
    estimated->estimate = std::move(result->second);
    estimated->runtimeName = QString::fromStdString(settings.runtime->runtimeName);
    std::string problem;
    if (auto calibration = calibrations.find(settings, problem)) {
        applyCalibration(*estimated->analysis, estimated->partition, estimated->estimate, *calibration);
        estimated->calibration = QString::fromStdString(calibration->profile.file);
    } else if (!problem.empty()) {
        // The specification's estimate still stands; the status line says why it is not calibrated.
        estimated->calibration = QString::fromStdString("not calibrated: " + problem);
    }
    outcome.estimate = std::move(estimated);
    return outcome;
}

} // namespace

EstimateRunner::EstimateRunner(QObject* parent)
    : QObject(parent)
    , m_calibrations(std::make_shared<CalibrationCache>())
{
    m_job.onFinished([this](const Outcome& outcome) { onFinished(outcome); });
    m_job.onFailed([this](const QString& message) {
        onFinished({ nullptr, QString::fromStdString(m_settings.hardware->id) + QStringLiteral(": ") + message });
    });
}

void EstimateRunner::setAnalysis(std::shared_ptr<const GraphAnalysis> analysis)
{
    m_analysis = std::move(analysis);
    restart();
}

void EstimateRunner::setSettings(const EstimateSettings& settings)
{
    m_settings = settings;
    restart();
}

void EstimateRunner::restart()
{
    if (!m_analysis || !m_analysis->graph || !m_settings.hardware || !m_settings.runtime) {
        m_job.discard();
        m_current.reset();
        Q_EMIT estimated(nullptr);
        return;
    }
    m_job.start([analysis = m_analysis, settings = m_settings, calibrations = m_calibrations](
                    const JobControl& control) { return estimate<Outcome>(control, analysis, settings, *calibrations); });
    Q_EMIT started();
}

void EstimateRunner::onFinished(const Outcome& outcome)
{
    m_current = outcome.estimate;
    if (m_current)
        Q_EMIT estimated(m_current);
    else
        Q_EMIT failed(outcome.error);
}

} // namespace graphs::ui
