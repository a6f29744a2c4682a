#pragma once

#include <QAbstractTableModel>
#include <memory>

namespace graphs::ui {

struct CalibrationRun;

/// Each of the device's models in a few-shot curve (CalibrationRun::fewShot) with its mean |error| when left out,
/// over the training sets of k of the other models: one column per k, from 0 (the carried-over prior alone).
class FewShotErrorsModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Columns { Model, FirstStep }; ///< Model, then k = 0, 1, … (as many as the curve's steps)
    enum Roles {
        ValueRole = Qt::UserRole, ///< the error in percent; the model's name in the first column
    };

    explicit FewShotErrorsModel(QObject* parent = nullptr);
    ~FewShotErrorsModel() override;

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
