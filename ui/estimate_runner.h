#pragma once

#include "estimation/estimator.h"
#include "transform/partition.h"

#include <QFutureWatcher>
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

/// One estimate with everything the pages draw from: the analysis it was made for, the partition into kernels
/// and the per-subgraph estimate (aligned with the partition).
struct EstimatedModel
{
    std::shared_ptr<const GraphAnalysis> analysis;
    Partition partition;
    ModelEstimate estimate;
    QString runtimeName;
    QString calibration; ///< the profile the latencies (or energy) were calibrated with; empty when none was

    const HardwareSpec& hardware() const { return *estimate.hardware; }
};

/// Dimension 0 of the first graph input, the batch the analysis was imported at (1 when unknown).
int64_t analysedBatch(const GraphAnalysis& analysis);

/// Keeps the estimate of the open model on the chosen hardware current: a new analysis or new settings rerun
/// estimateOn() on the thread pool (the analysis itself is kept), calibrated with the user registry's profile for
/// the hardware × runtime × precision when one is stored (as `graphs analyze` does). Only the newest run reports;
/// superseded runs are dropped by a generation counter.
class EstimateRunner : public QObject
{
    Q_OBJECT

public:
    explicit EstimateRunner(QObject* parent = nullptr);
    ~EstimateRunner() override;

    void setAnalysis(std::shared_ptr<const GraphAnalysis> analysis);
    void setSettings(const EstimateSettings& settings);
    const EstimateSettings& settings() const { return m_settings; }

    /// The newest estimate; null while no model is open or no hardware is chosen.
    const std::shared_ptr<const EstimatedModel>& current() const { return m_current; }
    bool isRunning() const { return m_running; }

Q_SIGNALS:
    void started();
    /// A new estimate, or nullptr when there is nothing to estimate (no model, no hardware).
    void estimated(std::shared_ptr<const graphs::ui::EstimatedModel> estimate);
    /// `message` names the hardware and the problem; the previous estimate is dropped.
    void failed(const QString& message);

private:
    struct Outcome
    {
        quint64 generation = 0;
        std::shared_ptr<const EstimatedModel> estimate;
        QString error;
    };

    void restart();
    void onFinished();

    QFutureWatcher<Outcome> m_watcher;
    quint64 m_generation = 0;
    bool m_running = false;
    std::shared_ptr<const GraphAnalysis> m_analysis;
    EstimateSettings m_settings;
    std::shared_ptr<const EstimatedModel> m_current;
    std::shared_ptr<CalibrationCache> m_calibrations;
};

} // namespace graphs::ui
