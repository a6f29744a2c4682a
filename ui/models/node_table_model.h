#pragma once

#include <QAbstractTableModel>
#include <QString>
#include <memory>
#include <vector>

namespace graphs {
struct GraphAnalysis;
}

namespace graphs::ui {

/// One row per node of an analysis, in execution order: counts shown human-readable, sorted by raw value.
class NodeTableModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Columns { Name, OpType, OpClass, Macs, Flops, BytesRead, BytesWritten, Intensity, OutputShape, NumColumns };
    enum Roles {
        SortRole = Qt::UserRole, ///< raw numbers (qint64, double) for numeric columns, the text otherwise
        NodeIndexRole, ///< index of the node in the graph
    };

    explicit NodeTableModel(QObject* parent = nullptr);
    ~NodeTableModel() override;

    /// Replaces the whole table; nullptr empties it.
    void setAnalysis(std::shared_ptr<const GraphAnalysis> analysis);
    const std::shared_ptr<const GraphAnalysis>& analysis() const { return m_analysis; }

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    /// Text that would otherwise be rebuilt on every paint.
    struct Row
    {
        int node = 0;
        QString name;
        QString opType;
        QString opClass;
        QString outputShape;
    };

    QVariant displayData(const Row& row, int column) const;
    QVariant sortData(const Row& row, int column) const;
    QVariant toolTipData(const Row& row, int column) const;

    std::shared_ptr<const GraphAnalysis> m_analysis;
    std::vector<Row> m_rows;
};

} // namespace graphs::ui
