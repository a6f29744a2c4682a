#include "jobs/calibration_runner.h"

#include "benchmarks/results_registry.h"
#include "hardware/hardware_registry.h"

#include <QCoreApplication>
#include <QDir>

namespace graphs::ui {

namespace {

/// The leave-one-model-out estimates as validation points: each model against a fit that did not see it.
void validate(CalibrationRun& run)
{
    if (run.groups.empty()) {
        run.accuracyProblem = QCoreApplication::translate("graphs::ui::CalibrationRunner",
            "No whole models among the measurements: leave-one-model-out validation needs "
            "models measured whole (workload rows) or per subgraph (imported profiles).");
        return;
    }
    std::vector<ValidationPoint> points;
    for (const HeldOutGroup& g : run.groups) {
        ValidationPoint p;
        p.model = g.group;
        p.measuredSeconds = g.measuredSeconds;
        p.estimatedSeconds = g.predictedSeconds;
        if (g.boundPct > 0)
            p.errorBoundPct = g.boundPct;
        p.confidence = "calibrated";
        points.push_back(std::move(p));
    }
    auto analysis = analyzeAccuracy(std::move(points));
    if (!analysis) {
        run.accuracyProblem = QString::fromStdString(analysis.error().toString());
        return;
    }
    run.accuracy = std::move(*analysis);
}

/// Everything the pages draw of a finished calibration.
std::shared_ptr<CalibrationRun> makeRun(const CalibrationRequest& request, Calibration calibration)
{
    auto run = std::make_shared<CalibrationRun>();
    run->hardware = request.hardware;
    run->calibration = std::move(calibration);
    const Calibration& c = run->calibration;
    run->specRoofs = specRoofline(*request.hardware, request.precision);
    run->fittedSeconds.reserve(c.points.size());
    for (const TrainingPoint& p : c.points)
        run->fittedSeconds.push_back(c.model.predictSeconds(p.features));
    run->groups = heldOutGroups(c);
    validate(*run);
    run->registryDir = request.registryDir;
    run->profilePath = QString::fromStdString(calibrationProfilePath(
        request.registryDir.toStdString(), request.hardware->id, request.runtime.toStdString(), request.precision));
    return run;
}

/// The error of a calibration that failed; "" when it was cancelled.
QString failure(const Error& error, const CalibrationRequest& request)
{
    const QString hardware = QString::fromStdString(request.hardware->id);
    if (error.code == ErrorCode::NotFound
        && registryMeasurements(request.registryDir, hardware, request.runtime).isEmpty()) {
        // No measurements stored: say where they would be, and how to get them, in the user's language.
        const QString folder
            = QDir(request.registryDir).filePath(QStringLiteral("benchmarks/%1/%2").arg(hardware, request.runtime));
        return QCoreApplication::translate("graphs::ui::CalibrationRunner",
            "No measurements of %1 × %2: %3 holds no results CSV. Measure with 'graphs benchmark "
            "--suite calibration --runtime %2', or import a profile with 'graphs benchmark import'.")
            .arg(hardware, request.runtime, QDir::toNativeSeparators(folder));
    }
    if (error.code == ErrorCode::Cancelled)
        return {};
    return QString::fromStdString(error.toString());
}

template <typename T> T calibrate(const JobControl& control, const CalibrationRequest& request)
{
    T outcome;
    CalibrateRequest engine = calibrateRequest(
        request.hardware, request.runtime, request.precision, request.registryDir, request.modelDirs);
    engine.tool = request.tool.toStdString();
    // The fit stops at its next model or fold once the job is cancelled (the callback then returns false).
    if (request.prior.isEmpty()) {
        auto calibration = runCalibration(engine, *request.fusion, control.progress());
        if (!calibration)
            outcome.error = failure(calibration.error(), request);
        else
            outcome.run = makeRun(request, std::move(*calibration));
        return outcome;
    }
    const SpecLookup lookup
        = [registry = request.registry](const std::string& id) { return registry ? registry->find(id) : nullptr; };
    auto adapted
        = runFewShotCalibration(engine, *request.fusion, request.prior.toStdString(), lookup, control.progress());
    if (!adapted) {
        outcome.error = failure(adapted.error(), request);
        return outcome;
    }
    auto run = makeRun(request, std::move(adapted->calibration));
    run->fewShot = FewShotCurves { std::move(adapted->curve), std::move(adapted->roofline), adapted->priorBoundPct };
    outcome.run = std::move(run);
    return outcome;
}

QString save(const CalibrationProfile& profile, const QString& path)
{
    if (auto saved = saveCalibrationProfile(profile, path.toStdString()); !saved)
        return QString::fromStdString(saved.error().toString());
    return {};
}

} // namespace

CalibrateRequest calibrateRequest(std::shared_ptr<const HardwareSpec> hardware, const QString& runtime,
    Precision precision, const QString& registryDir, const QStringList& modelDirs)
{
    CalibrateRequest request;
    request.hardware = std::move(hardware);
    request.runtime = runtime.toStdString();
    request.precision = precision;
    request.registryDir = registryDir.toStdString();
    for (const QString& d : modelDirs)
        request.modelDirs.push_back(d.toStdString());
    return request;
}

bool CalibrationRun::isSaveable() const
{
    return isWorthSaving(calibration);
}

QStringList registryMeasurements(const QString& registryDir, const QString& hardware, const QString& runtime)
{
    QStringList files;
    for (const std::string& f :
        storedResultsFiles(registryDir.toStdString(), hardware.toStdString(), runtime.toStdString()))
        files << QString::fromStdString(f);
    return files;
}

CalibrationRunner::CalibrationRunner(QObject* parent)
    : QObject(parent)
{
    m_job.onFinished([this](const Outcome& outcome) { onFinished(outcome); });
    m_job.onFailed([this](const QString& message) {
        onFinished({ nullptr, QString::fromStdString(m_request.hardware->id) + QStringLiteral(": ") + message });
    });
    m_save.onFinished([this](const QString& error) { onSaved(error); });
    m_save.onFailed([this](const QString& message) {
        onSaved(QDir::toNativeSeparators(m_savingPath) + QStringLiteral(": ") + message);
    });
}

void CalibrationRunner::start(const CalibrationRequest& request)
{
    m_request = request;
    m_job.start([request](const JobControl& control) { return calibrate<Outcome>(control, request); });
    Q_EMIT started();
}

void CalibrationRunner::cancel()
{
    if (!m_job.isRunning())
        return;
    m_job.discard(); // the run still computing reports into nothing
    Q_EMIT cancelled();
}

void CalibrationRunner::onFinished(const Outcome& outcome)
{
    m_current = outcome.run;
    if (m_current)
        Q_EMIT finished(m_current);
    else
        Q_EMIT failed(outcome.error);
}

void CalibrationRunner::saveProfile()
{
    if (!m_current || m_save.isRunning())
        return;
    m_savingPath = m_current->profilePath;
    m_save.start([profile = m_current->calibration.profile, path = m_savingPath](
                     const JobControl&) { return save(profile, path); });
}

void CalibrationRunner::onSaved(const QString& error)
{
    if (error.isEmpty())
        Q_EMIT saved(m_savingPath);
    else
        Q_EMIT saveFailed(error);
}

} // namespace graphs::ui
