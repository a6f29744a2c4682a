#pragma once

#include <QAbstractTableModel>
#include <QString>
#include <memory>
#include <vector>

namespace graphs::ui {

struct CalibrationRun;

/// The roofs a calibration works against beside the specification's: the vector and matrix peaks, and the achieved
/// bandwidth at each working set of the fitted curve.
class CalibrationRoofsModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Columns { Roof, Fitted, Specification, Ratio, Source, NumColumns };
    enum Roles {
        SortRole = Qt::UserRole, ///< raw numbers (FLOP/s, B/s, the ratio), the text otherwise
    };

    explicit CalibrationRoofsModel(QObject* parent = nullptr);
    ~CalibrationRoofsModel() override;

    /// Replaces the whole table; nullptr empties it.
    void setRun(std::shared_ptr<const CalibrationRun> run);

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    struct Row
    {
        QString roof;
        QString unit;
        double fitted = 0;
        double specification = 0;
        bool measured = false;
    };

    std::vector<Row> m_rows;
    QString m_source; ///< which rows the measured roofs come from
};

} // namespace graphs::ui
