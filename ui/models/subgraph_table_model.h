#pragma once

#include <QAbstractTableModel>
#include <QString>
#include <memory>
#include <vector>

namespace graphs::ui {

struct EstimatedModel;

/// One row per subgraph (fused kernel) of an estimate, in execution order: its work, where it is bound and what it
/// costs. Figures show human-readable, sort by raw value; the latency share drives a bar delegate.
class SubgraphTableModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Columns {
        Id,
        Label,
        OpClass,
        Macs,
        Flops,
        Bytes,
        Intensity,
        Bottleneck,
        MemoryLevel,
        Latency,
        LatencyShare,
        Energy,
        NumColumns
    };
    enum Roles {
        SortRole = Qt::UserRole, ///< raw numbers (qint64, double) for numeric columns, the text otherwise
        SubgraphIdRole, ///< the subgraph's index in the partition
        ShareRole, ///< its share of the model's latency, 0..1
        RelativeShareRole, ///< its share over the largest share, 0..1: the bar delegate's length
        BottleneckRole, ///< "compute", "memory", "overhead" or "none"
        OpTypesRole, ///< the operator types of its nodes, space-separated
    };

    explicit SubgraphTableModel(QObject* parent = nullptr);
    ~SubgraphTableModel() override;

    /// Replaces the whole table; nullptr empties it.
    void setEstimate(std::shared_ptr<const EstimatedModel> estimate);
    const std::shared_ptr<const EstimatedModel>& estimate() const { return m_estimate; }
    /// The row of subgraph `id`, or -1.
    int rowOf(int id) const;

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    /// Text that would otherwise be rebuilt on every paint.
    struct Row
    {
        int subgraph = 0;
        QString label;
        QString opClass;
        QString opTypes;
        QString bottleneck;
        QString memoryLevel;
        double share = 0;
    };

    QVariant displayData(const Row& row, int column) const;
    QVariant sortData(const Row& row, int column) const;
    QVariant toolTipData(const Row& row, int column) const;

    std::shared_ptr<const EstimatedModel> m_estimate;
    std::vector<Row> m_rows;
    double m_maxShare = 0;
};

} // namespace graphs::ui
