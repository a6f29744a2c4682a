#pragma once

#include "estimated_model.h"
#include "estimation/estimator.h"
#include "jobs/job_tracker.h"

#include <QObject>
#include <QString>
#include <memory>

namespace graphs {
struct GraphAnalysis;
struct FusionRules;
} // namespace graphs

namespace graphs::ui {

class CalibrationCache;

/// What the toolbar chose: the hardware (null: counts only), the execution precision and the runtime profile.
struct EstimateSettings
{
    std::shared_ptr<const HardwareSpec> hardware;
    Precision precision = Precision::FP32;
    std::shared_ptr<const FusionRules> runtime;
};

/// Keeps the estimate of the open model on the chosen hardware current: a new analysis or new settings rerun
/// estimateOn() on the thread pool (the analysis itself is kept), calibrated with the user registry's profile for
/// the hardware × runtime × precision when one is stored (as `graphs analyze` does). Only the newest run reports;
/// superseded runs are dropped (JobTracker).
class EstimateRunner : public QObject
{
    Q_OBJECT

public:
    explicit EstimateRunner(QObject* parent = nullptr);

    void setAnalysis(std::shared_ptr<const GraphAnalysis> analysis);
    void setSettings(const EstimateSettings& settings);
    const EstimateSettings& settings() const { return m_settings; }

    /// The newest estimate; null while no model is open or no hardware is chosen.
    const std::shared_ptr<const EstimatedModel>& current() const { return m_current; }
    bool isRunning() const { return m_job.isRunning(); }

Q_SIGNALS:
    void started();
    /// A new estimate, or nullptr when there is nothing to estimate (no model, no hardware).
    void estimated(std::shared_ptr<const graphs::ui::EstimatedModel> estimate);
    /// `message` names the hardware and the problem; the previous estimate is dropped.
    void failed(const QString& message);

private:
    struct Outcome
    {
        std::shared_ptr<const EstimatedModel> estimate;
        QString error;
    };

    void restart();
    void onFinished(const Outcome& outcome);

    JobTracker<Outcome> m_job;
    std::shared_ptr<const GraphAnalysis> m_analysis;
    EstimateSettings m_settings;
    std::shared_ptr<const EstimatedModel> m_current;
    std::shared_ptr<CalibrationCache> m_calibrations;
};

} // namespace graphs::ui
