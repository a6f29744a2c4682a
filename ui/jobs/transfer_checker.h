#pragma once

#include "calibration/calibration_transfer.h"
#include "jobs/job_tracker.h"

#include <QObject>
#include <QString>
#include <QStringList>
#include <memory>

namespace graphs {
class CalibrationStore;
class HardwareRegistry;
} // namespace graphs

namespace graphs::ui {

/// A hardware × runtime × precision without a profile of its own whose estimates are carried over from a device of
/// its family, snapshot on the GUI thread.
struct TransferRequest
{
    std::shared_ptr<const HardwareSpec> target;
    std::shared_ptr<const HardwareSpec> source; ///< the sibling whose profile is carried over
    std::shared_ptr<const FusionRules> fusion;
    std::shared_ptr<const HardwareRegistry> registry; ///< where the store finds source devices
    QString runtime;
    Precision precision = Precision::FP32;
    QString registryDir; ///< the user registry: profiles and measurements
    QStringList modelDirs; ///< where the files of the target's workload rows are
};

/// What an INTERPOLATED estimate of the request's target states: the source device, the bound of the carried-over
/// calibration and the source's own cross-validated bound it is made from.
struct TransferBound
{
    QString source;
    double boundPct = 0;
    double sourceBoundPct = 0;
};

/// The Calibration page's view of transfers (calibration_transfer.h), on the thread pool through JobTrackers: the
/// bound an INTERPOLATED estimate states (the engine's CalibrationStore, as `graphs analyze` finds it), and
/// checkTransfer() of the source's calibration against the target's own measurements, as
/// `graphs calibrate --transfer-from` prints it. A new request supersedes the one in flight.
class TransferChecker : public QObject
{
    Q_OBJECT

public:
    explicit TransferChecker(QObject* parent = nullptr);
    ~TransferChecker() override;

    /// Finds the carried-over calibration of the request's target: boundFound() or failed().
    void findBound(const TransferRequest& request);
    /// Runs the transfer check: checked() or failed().
    void check(const TransferRequest& request);
    void cancel();
    bool isChecking() const { return m_check.isRunning(); }
    bool isFinding() const { return m_bound.isRunning(); }

Q_SIGNALS:
    void boundFound(const graphs::ui::TransferBound& bound);
    void checked(std::shared_ptr<const graphs::TransferCheck> check);
    /// `message` names the device, the profile or the measurements that are missing.
    void failed(const QString& message);

private:
    struct BoundOutcome
    {
        TransferBound bound;
        QString error;
    };
    struct CheckOutcome
    {
        std::shared_ptr<const TransferCheck> check;
        QString error;
    };

    std::shared_ptr<CalibrationStore> storeFor(const TransferRequest& request);

    JobTracker<BoundOutcome> m_bound;
    JobTracker<CheckOutcome> m_check;
    std::shared_ptr<CalibrationStore> m_store;
    QString m_storeDir;
    std::shared_ptr<const HardwareRegistry> m_storeRegistry;
};

} // namespace graphs::ui
