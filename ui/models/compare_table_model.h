#pragma once

#include "estimation/comparison.h"

#include <QAbstractTableModel>
#include <vector>

namespace graphs::ui {

/// The rows of a comparison, one per model × hardware × batch × precision, as `graphs compare` lists them:
/// latency and energy with their error bands, the Pareto mark, the confidence, throughput, peak memory and
/// bottleneck (the figures that decide first come first).
class CompareTableModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Columns {
        ModelColumn,
        HardwareColumn,
        BatchColumn,
        PrecisionColumn,
        LatencyColumn,
        EnergyColumn,
        ComputeEnergyColumn, ///< the energy's split, side by side across the rows
        MemoryEnergyColumn,
        StaticEnergyColumn,
        ParetoColumn,
        ConfidenceColumn,
        ThroughputColumn,
        MemoryColumn,
        BottleneckColumn,
        NumColumns
    };
    enum Roles {
        SortRole = Qt::UserRole, ///< the number behind a cell (text columns: the text)
        ParetoRole, ///< bool, on every column
        RowRole, ///< int, the row's index in rows(), on every column
    };

    using QAbstractTableModel::QAbstractTableModel;

    /// Replaces every row.
    void setRows(std::vector<ComparisonRow> rows);
    const std::vector<ComparisonRow>& rows() const { return m_rows; }

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QVariant display(const ComparisonRow& row, int column) const;
    QVariant sortKey(const ComparisonRow& row, int column) const;
    QString toolTip(const ComparisonRow& row, int column) const;

    std::vector<ComparisonRow> m_rows;
};

} // namespace graphs::ui
