#pragma once

#include <QAbstractTableModel>
#include <memory>

namespace graphs::ui {

struct CalibrationRun;

/// The steps of a few-shot adaptation's curve (CalibrationRun::fewShot): after k of the device's models, each model
/// left out in turn and estimated by fits on every set of k of the others, with the prior carried over from a device
/// of the family, beside the same fits pulled towards the roofline; the table `graphs calibrate --prior-from` prints.
class FewShotCurveModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Columns { Models, Cases, Mape, Median, Worst, Bound, Coverage, RooflineMape, RooflineMedian, NumColumns };
    enum Roles {
        ValueRole = Qt::UserRole, ///< the number shown: a count, or percent (Coverage: the cases inside the bound)
    };

    explicit FewShotCurveModel(QObject* parent = nullptr);
    ~FewShotCurveModel() override;

    /// Replaces the whole table; a run without a few-shot curve (or nullptr) empties it.
    void setRun(std::shared_ptr<const CalibrationRun> run);

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    std::shared_ptr<const CalibrationRun> m_run;
};

} // namespace graphs::ui
