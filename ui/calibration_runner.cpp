#include "calibration_runner.h"

#include "benchmarks/results_registry.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QDir>
#include <QPromise>
#include <QtConcurrent/QtConcurrentRun>
#include <cmath>
#include <exception>

namespace graphs::ui {

namespace {

/// The profile `graphs calibrate` would write for the request, its measurements already found.
CalibrationProfile profileFor(const CalibrationRequest& request, const QStringList& measurements)
{
    CalibrationProfile profile;
    profile.hardware = request.hardware->id;
    profile.runtime = request.runtime.toStdString();
    profile.precision = request.precision;
    profile.created = QDateTime::currentDateTimeUtc().toString(Qt::ISODate).toStdString();
    profile.tool = request.tool.toStdString();
    for (const QString& m : measurements)
        profile.measurements.push_back(m.toStdString());
    for (const QString& d : request.modelDirs)
        profile.modelDirs.push_back(QDir::cleanPath(QDir(d).absolutePath()).toStdString());
    return profile;
}

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

template <typename T> void calibrate(QPromise<T>& promise, quint64 generation, const CalibrationRequest& request)
{
    if (promise.isCanceled())
        return;
    T outcome;
    outcome.generation = generation;
    try {
        const QStringList measurements
            = registryMeasurements(request.registryDir, QString::fromStdString(request.hardware->id), request.runtime);
        if (measurements.isEmpty()) {
            const QString folder
                = QDir(request.registryDir)
                      .filePath(QStringLiteral("benchmarks/%1/%2")
                                    .arg(QString::fromStdString(request.hardware->id), request.runtime));
            outcome.error = QCoreApplication::translate("graphs::ui::CalibrationRunner",
                "No measurements of %1 × %2: %3 holds no results CSV. Measure with 'graphs benchmark "
                "--suite calibration --runtime %2', or import a profile with 'graphs benchmark import'.")
                                .arg(QString::fromStdString(request.hardware->id), request.runtime,
                                    QDir::toNativeSeparators(folder));
            promise.addResult(std::move(outcome));
            return;
        }
        CalibrationProfile profile = profileFor(request, measurements);
        auto calibration = buildCalibration(
            profile, request.hardware, *request.fusion, request.registryDir.toStdString(), CrossValidation::Nested);
        if (!calibration) {
            outcome.error = QString::fromStdString(calibration.error().toString());
            promise.addResult(std::move(outcome));
            return;
        }
        auto run = std::make_shared<CalibrationRun>();
        run->hardware = request.hardware;
        run->calibration = std::move(*calibration);
        Calibration& c = run->calibration;
        // The summary block of the profile, as `graphs calibrate` records it.
        c.profile.points = c.points.size();
        c.profile.models = c.groupErrors.size();
        double mape = 0;
        for (const auto& [group, error] : c.groupErrors)
            mape += std::abs(error);
        c.profile.lomoMapePct = c.profile.models ? mape / static_cast<double>(c.profile.models) * 100 : 0;
        c.profile.errorBoundPct = c.errorBoundPct;
        run->specRoofs = specRoofline(*request.hardware, request.precision);
        run->fittedSeconds.reserve(c.points.size());
        for (const TrainingPoint& p : c.points)
            run->fittedSeconds.push_back(c.model.predictSeconds(p.features));
        run->groups = heldOutGroups(c);
        validate(*run);
        run->registryDir = request.registryDir;
        run->profilePath = QString::fromStdString(calibrationProfilePath(
            request.registryDir.toStdString(), request.hardware->id, profile.runtime, request.precision));
        outcome.run = std::move(run);
    } catch (const std::exception& e) {
        outcome.error = QString::fromStdString(request.hardware->id + ": " + e.what());
    }
    promise.addResult(std::move(outcome));
}

QString save(const CalibrationProfile& profile, const QString& path)
{
    try {
        if (auto saved = saveCalibrationProfile(profile, path.toStdString()); !saved)
            return QString::fromStdString(saved.error().toString());
    } catch (const std::exception& e) {
        return QDir::toNativeSeparators(path) + QStringLiteral(": ") + QString::fromUtf8(e.what());
    }
    return {};
}

} // namespace

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
    connect(&m_watcher, &QFutureWatcherBase::finished, this, &CalibrationRunner::onFinished);
    connect(&m_saveWatcher, &QFutureWatcherBase::finished, this, &CalibrationRunner::onSaved);
}

CalibrationRunner::~CalibrationRunner()
{
    // The workers hold copies only; they may finish after we are gone. A save in flight completes on its own.
    m_watcher.cancel();
}

void CalibrationRunner::start(const CalibrationRequest& request)
{
    m_watcher.cancel();
    m_request = request;
    const quint64 generation = ++m_generation;
    m_running = true;
    Q_EMIT started();
    m_watcher.setFuture(QtConcurrent::run(&calibrate<Outcome>, generation, request));
}

void CalibrationRunner::cancel()
{
    if (!m_running)
        return;
    m_watcher.cancel();
    ++m_generation; // the run still computing reports into nothing
    m_running = false;
    Q_EMIT cancelled();
}

void CalibrationRunner::onFinished()
{
    const QFuture<Outcome> future = m_watcher.future();
    if (future.resultCount() == 0 || future.resultAt(0).generation != m_generation)
        return; // superseded or cancelled
    m_running = false;
    const Outcome outcome = future.resultAt(0);
    m_current = outcome.run;
    if (m_current)
        Q_EMIT finished(m_current);
    else
        Q_EMIT failed(outcome.error);
}

void CalibrationRunner::saveProfile()
{
    if (!m_current || m_saving)
        return;
    m_saving = true;
    m_savingPath = m_current->profilePath;
    m_saveWatcher.setFuture(QtConcurrent::run(&save, m_current->calibration.profile, m_savingPath));
}

void CalibrationRunner::onSaved()
{
    m_saving = false;
    const QString error = m_saveWatcher.future().resultCount()
        ? m_saveWatcher.result()
        : QCoreApplication::translate("graphs::ui::CalibrationRunner", "Saving was interrupted");
    if (error.isEmpty())
        Q_EMIT saved(m_savingPath);
    else
        Q_EMIT saveFailed(error);
}

} // namespace graphs::ui
