#include "models/node_table_model.h"

#include "estimation/graph_analysis.h"
#include "qt_strings.h"
#include "reporting/number_format.h"

#include <QLocale>
#include <QStringList>

namespace graphs::ui {

namespace {

QString outputShapes(const ComputeGraph& graph, const Node& node)
{
    QStringList shapes;
    for (int output : node.outputs)
        shapes << (output >= 0 ? fromStd(graph.tensor(output).shape.toString()) : QStringLiteral("-"));
    return shapes.join(QLatin1Char(' '));
}

QString exact(int64_t value)
{
    return QLocale().toString(static_cast<qlonglong>(value));
}

} // namespace

NodeTableModel::NodeTableModel(QObject* parent)
    : QAbstractTableModel(parent)
{
}

NodeTableModel::~NodeTableModel() = default;

void NodeTableModel::setAnalysis(std::shared_ptr<const GraphAnalysis> analysis)
{
    beginResetModel();
    m_analysis = std::move(analysis);
    m_rows.clear();
    if (m_analysis && m_analysis->graph) {
        const ComputeGraph& graph = *m_analysis->graph;
        const std::vector<int> order = graph.topologicalOrder();
        m_rows.reserve(order.size());
        for (int n : order) {
            const Node& node = graph.node(n);
            Row row;
            row.node = n;
            row.name = node.name.empty() ? tr("(unnamed #%1)").arg(n) : fromStd(node.name);
            row.opType = node.isDefaultDomain() ? fromStd(node.opType) : fromStd(node.domain + "::" + node.opType);
            row.opClass = fromStd(std::string(opClassName(m_analysis->nodes[n].opClass)));
            row.outputShape = outputShapes(graph, node);
            m_rows.push_back(std::move(row));
        }
    }
    endResetModel();
}

int NodeTableModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_rows.size());
}

int NodeTableModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : NumColumns;
}

QVariant NodeTableModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Row& row = m_rows[index.row()];
    switch (role) {
    case Qt::DisplayRole:
        return displayData(row, index.column());
    case SortRole:
        return sortData(row, index.column());
    case Qt::ToolTipRole:
        return toolTipData(row, index.column());
    case NodeIndexRole:
        return row.node;
    case Qt::TextAlignmentRole:
        if (index.column() >= Macs && index.column() <= Intensity)
            return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    default:
        return {};
    }
}

QVariant NodeTableModel::displayData(const Row& row, int column) const
{
    const NodeCost& cost = m_analysis->nodes[row.node];
    switch (column) {
    case Name:
        return row.name;
    case OpType:
        return row.opType;
    case OpClass:
        return row.opClass;
    case Macs:
        return fromStd(humanCount(double(cost.macs)));
    case Flops:
        return fromStd(humanCount(double(cost.flops.total())));
    case BytesRead:
        return fromStd(humanBytes(double(cost.bytesRead())));
    case BytesWritten:
        return fromStd(humanBytes(double(cost.bytesWritten)));
    case Intensity: {
        const auto intensity = cost.arithmeticIntensity();
        return intensity ? fromStd(fixed(*intensity, 2)) : QStringLiteral("–");
    }
    case OutputShape:
        return row.outputShape;
    default:
        return {};
    }
}

QVariant NodeTableModel::sortData(const Row& row, int column) const
{
    const NodeCost& cost = m_analysis->nodes[row.node];
    switch (column) {
    case Macs:
        return static_cast<qint64>(cost.macs);
    case Flops:
        return static_cast<qint64>(cost.flops.total());
    case BytesRead:
        return static_cast<qint64>(cost.bytesRead());
    case BytesWritten:
        return static_cast<qint64>(cost.bytesWritten);
    case Intensity: {
        // Nodes that move no bytes sort below every real intensity.
        const auto intensity = cost.arithmeticIntensity();
        return intensity ? *intensity : -1.0;
    }
    default:
        return displayData(row, column);
    }
}

QVariant NodeTableModel::toolTipData(const Row& row, int column) const
{
    const NodeCost& cost = m_analysis->nodes[row.node];
    switch (column) {
    case Name:
    case OpType:
    case OpClass:
        if (!cost.modelled)
            return tr("%1 has no cost model: counted as zero FLOPs").arg(row.opType);
        return row.name;
    case Macs:
        return tr("%1 multiply-accumulates").arg(exact(cost.macs));
    case Flops:
        return tr("%1 FLOPs: matrix %2, vector %3, transcendental %4")
            .arg(exact(cost.flops.total()), exact(cost.flops.matrix), exact(cost.flops.vector),
                exact(cost.flops.transcendental));
    case BytesRead:
        return tr("%1 bytes: activations %2, weights %3")
            .arg(exact(cost.bytesRead()), exact(cost.activationBytesRead), exact(cost.weightBytesRead));
    case BytesWritten:
        return tr("%1 bytes").arg(exact(cost.bytesWritten));
    case Intensity:
        return tr("FLOPs per byte read or written");
    default:
        return {};
    }
}

QVariant NodeTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case Name:
        return tr("Name");
    case OpType:
        return tr("Operator");
    case OpClass:
        return tr("Class");
    case Macs:
        return tr("MACs");
    case Flops:
        return tr("FLOPs");
    case BytesRead:
        return tr("Read");
    case BytesWritten:
        return tr("Written");
    case Intensity:
        return tr("FLOP/B");
    case OutputShape:
        return tr("Output shape");
    default:
        return {};
    }
}

} // namespace graphs::ui
