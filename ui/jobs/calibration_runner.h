#pragma once

#include "calibration/calibration_profile.h"
#include "calibration/roofline_fit.h"
#include "jobs/job_tracker.h"
#include "reporting/calibration_report.h"
#include "validation/accuracy.h"
#include "workflows/calibration_run.h"

#include <QObject>
#include <QString>
#include <QStringList>
#include <memory>
#include <optional>
#include <vector>

namespace graphs {
class HardwareRegistry;
}

namespace graphs::ui {

/// What the Calibration page chose, snapshot on the GUI thread: the worker sees nothing else.
struct CalibrationRequest
{
    std::shared_ptr<const HardwareSpec> hardware;
    std::shared_ptr<const FusionRules> fusion; ///< the runtime's rules, or "unfused" for imported measurements
    QString runtime;
    Precision precision = Precision::FP32;
    QString registryDir; ///< the user registry: measurements under benchmarks/<hardware>/<runtime>/
    QStringList modelDirs; ///< where the files of workload rows are
    QString tool; ///< "graphs-studio <version>", recorded in the profile
    /// Few-shot adaptation (`graphs calibrate --prior-from`): the id of the device of the family whose stored profile
    /// of the same runtime and precision the fit is pulled towards; empty for a fit of the device's own.
    QString prior;
    std::shared_ptr<const HardwareRegistry> registry; ///< where the prior's device is found
};

/// What a few-shot adaptation adds to its run: the leave-one-model-out curve after 0, 1, 2 … of the device's models
/// with the prior, the same with the roofline as the prior, and the bound the carried-over prior states.
struct FewShotCurves
{
    FewShotCurve curve;
    FewShotCurve roofline;
    double priorBoundPct = 0;
};

/// One finished calibration with everything the Calibration and Validation pages draw: the engine's Calibration
/// (its profile carries the summary a saved profile records), the specification's roofs to compare with, the
/// in-sample estimate of every training point, and the leave-one-model-out results per model with their accuracy.
struct CalibrationRun
{
    std::shared_ptr<const HardwareSpec> hardware;
    Calibration calibration;
    RooflineFit specRoofs;
    std::vector<double> fittedSeconds; ///< the fit's estimate of each of calibration.points
    std::vector<HeldOutGroup> groups; ///< per model: measured against the estimate of a fit without it
    std::optional<AccuracyAnalysis> accuracy; ///< of `groups`; absent when there are none …
    QString accuracyProblem; ///< … and why
    QString registryDir;
    QString profilePath; ///< where Save writes
    std::optional<FewShotCurves> fewShot; ///< a few-shot adaptation's (its profile names the prior)

    /// Whether a saved profile would be of use (isWorthSaving(), the rule `graphs calibrate` saves by).
    bool isSaveable() const;
};

/// The engine's request for a calibration of hardware × runtime × precision from the user registry's measurements.
CalibrateRequest calibrateRequest(std::shared_ptr<const HardwareSpec> hardware, const QString& runtime,
    Precision precision, const QString& registryDir, const QStringList& modelDirs);

/// The CSVs of a hardware × runtime in the user registry, relative to it, sorted (what `graphs calibrate` reads).
QStringList registryMeasurements(const QString& registryDir, const QString& hardware, const QString& runtime);

/// Fits calibrations on the thread pool, one at a time, and saves their profiles; a request with a prior adapts the
/// prior's calibration to the device instead (runFewShotCalibration()). Cancelling stops the fit at its
/// next measured model or cross-validation fold (buildCalibration()'s progress callback) and drops its result; a new
/// start() supersedes the run in flight the same way (JobTracker).
class CalibrationRunner : public QObject
{
    Q_OBJECT

public:
    explicit CalibrationRunner(QObject* parent = nullptr);

    void start(const CalibrationRequest& request);
    /// Forgets the run in flight: it reports nothing.
    void cancel();
    bool isRunning() const { return m_job.isRunning(); }
    /// The newest finished run; null before the first, and after a failure.
    const std::shared_ptr<const CalibrationRun>& current() const { return m_current; }
    const CalibrationRequest& request() const { return m_request; }

    /// Writes the current run's profile to its profilePath on the thread pool; reports saved() or saveFailed().
    void saveProfile();
    bool isSaving() const { return m_save.isRunning(); }

Q_SIGNALS:
    void started();
    void finished(std::shared_ptr<const graphs::ui::CalibrationRun> run);
    /// `message` names what is missing: the folder without measurements, the file that cannot be read, the data.
    void failed(const QString& message);
    void cancelled();
    void saved(const QString& path);
    void saveFailed(const QString& message);

private:
    struct Outcome
    {
        std::shared_ptr<const CalibrationRun> run;
        QString error;
    };

    void onFinished(const Outcome& outcome);
    void onSaved(const QString& error);

    JobTracker<Outcome> m_job;
    JobTracker<QString> m_save; ///< "" or the problem
    QString m_savingPath;
    CalibrationRequest m_request;
    std::shared_ptr<const CalibrationRun> m_current;
};

} // namespace graphs::ui
