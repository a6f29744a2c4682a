#include "models/op_histogram_model.h"

#include "estimation/graph_analysis.h"
#include "reporting/number_format.h"

#include <algorithm>
#include <map>

namespace graphs::ui {

OpHistogramModel::OpHistogramModel(QObject* parent)
    : QAbstractTableModel(parent)
{
}

void OpHistogramModel::setAnalysis(const std::shared_ptr<const GraphAnalysis>& analysis)
{
    beginResetModel();
    m_rows.clear();
    m_totalFlops = 0;
    if (analysis && analysis->graph) {
        std::map<std::string, int64_t> flopsByOp;
        const ComputeGraph& graph = *analysis->graph;
        for (size_t n = 0; n < graph.nodeCount() && n < analysis->nodes.size(); ++n)
            flopsByOp[graph.node(static_cast<int>(n)).opType] += analysis->nodes[n].flops.total();
        for (const auto& [op, count] : analysis->opHistogram)
            m_rows.push_back({ QString::fromStdString(op), count, flopsByOp[op] });
        std::stable_sort(m_rows.begin(), m_rows.end(), [](const Row& a, const Row& b) { return a.nodes > b.nodes; });
        m_totalFlops = analysis->totals.flops.total();
    }
    endResetModel();
}

int OpHistogramModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_rows.size());
}

int OpHistogramModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : NumColumns;
}

QVariant OpHistogramModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Row& row = m_rows[index.row()];
    const double share = m_totalFlops > 0 ? double(row.flops) / double(m_totalFlops) : 0.0;
    if (role == Qt::DisplayRole) {
        switch (index.column()) {
        case OpType:
            return row.opType;
        case Nodes:
            return row.nodes;
        case Flops:
            return QString::fromStdString(humanCount(double(row.flops)));
        case FlopShare:
            return QString(QString::fromStdString(fixed(100.0 * share, 1)) + QStringLiteral(" %"));
        default:
            return {};
        }
    }
    if (role == SortRole) {
        switch (index.column()) {
        case OpType:
            return row.opType;
        case Nodes:
            return row.nodes;
        case Flops:
            return static_cast<qint64>(row.flops);
        case FlopShare:
            return share;
        default:
            return {};
        }
    }
    if (role == Qt::TextAlignmentRole && index.column() != OpType)
        return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
    return {};
}

QVariant OpHistogramModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case OpType:
        return tr("Operator");
    case Nodes:
        return tr("Nodes");
    case Flops:
        return tr("FLOPs");
    case FlopShare:
        return tr("Share of FLOPs");
    default:
        return {};
    }
}

} // namespace graphs::ui
