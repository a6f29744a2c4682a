#include "jobs/transfer_checker.h"

#include "calibration/calibration_profile.h"
#include "hardware/hardware_registry.h"
#include "jobs/calibration_runner.h"
#include "workflows/calibration_store.h"

#include <QCoreApplication>
#include <QDir>

namespace graphs::ui {

namespace {

/// The source's own calibration, refitted from its profile by the store (cached there).
Result<std::shared_ptr<const Calibration>> sourceCalibration(CalibrationStore& store, const TransferRequest& request)
{
    auto found = store.find(request.source, *request.fusion, request.precision);
    if (found && !*found)
        return Error { ErrorCode::NotFound,
            "no calibration of " + request.source->id + " × " + request.runtime.toStdString() + " "
                + std::string(precisionName(request.precision)) + " is stored ("
                + calibrationProfilePath(request.registryDir.toStdString(), request.source->id,
                    request.runtime.toStdString(), request.precision)
                + ")",
            {} };
    return found;
}

} // namespace

TransferChecker::TransferChecker(QObject* parent)
    : QObject(parent)
{
    m_bound.onFinished([this](const BoundOutcome& outcome) {
        if (outcome.error.isEmpty())
            Q_EMIT boundFound(outcome.bound);
        else
            Q_EMIT failed(outcome.error);
    });
    m_bound.onFailed([this](const QString& message) { Q_EMIT failed(message); });
    m_check.onFinished([this](const CheckOutcome& outcome) {
        if (outcome.check)
            Q_EMIT checked(outcome.check);
        else
            Q_EMIT failed(outcome.error);
    });
    m_check.onFailed([this](const QString& message) { Q_EMIT failed(message); });
}

TransferChecker::~TransferChecker() = default;

std::shared_ptr<CalibrationStore> TransferChecker::storeFor(const TransferRequest& request)
{
    if (!m_store || m_storeDir != request.registryDir || m_storeRegistry != request.registry) {
        CalibrationStore::HardwareLookup lookup;
        if (request.registry)
            lookup = [registry = request.registry](const std::string& id) { return registry->find(id); };
        m_store = std::make_shared<CalibrationStore>(
            request.registryDir.toStdString(), CrossValidation::Groups, std::move(lookup));
        m_storeDir = request.registryDir;
        m_storeRegistry = request.registry;
    }
    return m_store;
}

void TransferChecker::findBound(const TransferRequest& request)
{
    auto store = storeFor(request);
    m_bound.start([store, request](const JobControl&) {
        BoundOutcome outcome;
        outcome.bound.source = QString::fromStdString(request.source->id);
        auto source = sourceCalibration(*store, request);
        if (!source) {
            outcome.error = QString::fromStdString(source.error().toString());
            return outcome;
        }
        // What an estimate on the target uses: the store's choice, which is this source unless its fit fails.
        auto carried = store->find(request.target, *request.fusion, request.precision);
        if (!carried) {
            outcome.error = QString::fromStdString(carried.error().toString());
            return outcome;
        }
        if (!*carried || (*carried)->transferredFrom.empty()) {
            outcome.error = QCoreApplication::translate("graphs::ui::TransferChecker",
                "the calibration of %1 cannot be carried over to %2: it has no latency fit "
                "with a cross-validated bound (no whole models measured)")
                                .arg(outcome.bound.source, QString::fromStdString(request.target->id));
            return outcome;
        }
        outcome.bound.source = QString::fromStdString((*carried)->transferredFrom);
        outcome.bound.boundPct = (*carried)->errorBoundPct;
        outcome.bound.sourceBoundPct = (*source)->errorBoundPct;
        return outcome;
    });
}

void TransferChecker::check(const TransferRequest& request)
{
    auto store = storeFor(request);
    m_check.start([store, request](const JobControl& control) {
        CheckOutcome outcome;
        const QStringList measurements
            = registryMeasurements(request.registryDir, QString::fromStdString(request.target->id), request.runtime);
        if (measurements.isEmpty()) {
            outcome.error
                = QCoreApplication::translate("graphs::ui::TransferChecker",
                    "no measurements of %1 × %2 to check the carried-over calibration against: %3 holds no "
                    "results CSV")
                      .arg(QString::fromStdString(request.target->id), request.runtime,
                          QDir::toNativeSeparators(
                              QDir(request.registryDir)
                                  .filePath(QStringLiteral("benchmarks/%1/%2")
                                                .arg(QString::fromStdString(request.target->id), request.runtime))));
            return outcome;
        }
        if (control.isCancelled())
            return outcome;
        const CalibrateRequest target = calibrateRequest(
            request.target, request.runtime, request.precision, request.registryDir, request.modelDirs);
        auto check = runTransferCheck(target, *request.fusion, request.source, store.get());
        if (!check) {
            outcome.error = QString::fromStdString(check.error().toString());
            return outcome;
        }
        outcome.check = std::make_shared<const TransferCheck>(std::move(*check));
        return outcome;
    });
}

void TransferChecker::cancel()
{
    m_bound.discard();
    m_check.cancel();
}

} // namespace graphs::ui
