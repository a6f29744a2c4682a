#pragma once

#include <QAbstractTableModel>
#include <QByteArray>
#include <QString>
#include <memory>
#include <optional>
#include <vector>

namespace graphs::ui {

struct CalibrationRun;

/// One row per model of a calibration's leave-one-model-out validation: its measured time, the estimate of a fit
/// that did not see it, the error, the bound that fit stated and whether the error is inside it. Figures show
/// rounded and sort by raw value (SortRole, for a QSortFilterProxyModel).
class ValidationTableModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Columns { Model, Measured, Estimated, Error, Bound, Inside, NumColumns };
    enum Roles {
        SortRole = Qt::UserRole, ///< seconds, percent, bool; the text for the model
    };

    explicit ValidationTableModel(QObject* parent = nullptr);
    ~ValidationTableModel() override;

    /// Replaces the whole table from the run's accuracy analysis; nullptr (or a run without one) empties it.
    void setRun(std::shared_ptr<const CalibrationRun> run);

    /// The table as CSV, rows in model order: model,measured_ms,estimated_ms,error_pct,bound_pct,inside.
    QByteArray toCsv() const;

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    struct Row
    {
        QString model;
        double measuredSeconds = 0;
        double estimatedSeconds = 0;
        double errorPct = 0;
        std::optional<double> boundPct;
        std::optional<bool> inside;
    };

    QVariant displayData(const Row& row, int column) const;

    std::vector<Row> m_rows;
};

} // namespace graphs::ui
