#pragma once

#include "workflows/generation.h"

#include <QAbstractTableModel>
#include <vector>

namespace graphs::ui {

/// One row per device of a generation run, as `graphs generate` reports each: time to the first token, decode time
/// per token, tokens per second and energy per token with their error bands and confidence, then memory (weights,
/// KV cache at the final context, total) against the device's capacity.
class GenerationTableModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Columns {
        HardwareColumn,
        FirstTokenColumn,
        PerTokenColumn,
        TokensPerSecondColumn,
        EnergyPerTokenColumn,
        ConfidenceColumn,
        WeightsColumn,
        KvCacheColumn,
        MemoryColumn,
        CapacityColumn,
        FitsColumn,
        NumColumns
    };
    enum Roles {
        SortRole = Qt::UserRole, ///< the number behind a cell (text columns: the text)
        RowRole, ///< int, the row's index in results(), on every column
    };

    using QAbstractTableModel::QAbstractTableModel;

    /// Replaces every row.
    void setResults(std::vector<GenerationResult> results);
    const std::vector<GenerationResult>& results() const { return m_results; }

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QVariant display(const GenerationResult& r, int column) const;
    QVariant sortKey(const GenerationResult& r, int column) const;
    QString toolTip(const GenerationResult& r, int column) const;

    std::vector<GenerationResult> m_results;
};

/// "12.3 GB", "41 kB": bytes in the largest decimal unit that keeps a whole number in front, three significant
/// figures.
QString formatMemory(double bytes);

} // namespace graphs::ui
