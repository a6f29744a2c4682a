#pragma once

#include "benchmarks/results_registry.h"

#include <QAbstractTableModel>
#include <vector>

namespace graphs::ui {

/// The measurements of a Benchmarks page run, one row per stored record, appended as they arrive.
class BenchmarkResultsModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Columns { BenchmarkColumn, KindColumn, MedianColumn, SamplesColumn, RateColumn, NumColumns };
    enum Roles {
        SortRole = Qt::UserRole, ///< the number behind a cell (rate in FLOP/s or B/s; -1: none)
    };

    using QAbstractTableModel::QAbstractTableModel;

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    void clear();
    void append(const MeasurementRecord& record);
    const std::vector<MeasurementRecord>& records() const { return m_records; }

    /// "12.3 GFLOP/s" from flops, else "4.5 GB/s" from bytes, else "" (work unknown).
    static QString rateText(const MeasurementRecord& record);
    /// FLOP/s, else B/s, else -1.
    static double rate(const MeasurementRecord& record);

private:
    std::vector<MeasurementRecord> m_records;
};

} // namespace graphs::ui
