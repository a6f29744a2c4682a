#pragma once

#include <QAbstractTableModel>
#include <QString>
#include <cstdint>
#include <memory>
#include <vector>

namespace graphs {
struct GraphAnalysis;
}

namespace graphs::ui {

/// One row per operator type of an analysis: how many nodes, and their share of the model's FLOPs.
/// Rows come most frequent first.
class OpHistogramModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Columns { OpType, Nodes, Flops, FlopShare, NumColumns };
    enum Roles { SortRole = Qt::UserRole };

    explicit OpHistogramModel(QObject* parent = nullptr);

    /// Replaces the whole table; nullptr empties it.
    void setAnalysis(const std::shared_ptr<const GraphAnalysis>& analysis);

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    struct Row
    {
        QString opType;
        int nodes = 0;
        int64_t flops = 0;
    };

    std::vector<Row> m_rows;
    int64_t m_totalFlops = 0;
};

} // namespace graphs::ui
