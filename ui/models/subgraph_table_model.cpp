#include "models/subgraph_table_model.h"

#include "estimated_model.h"
#include "estimation/graph_analysis.h"
#include "qt_strings.h"
#include "reporting/estimate_report.h"
#include "reporting/number_format.h"

#include <QLocale>
#include <QStringList>
#include <algorithm>

namespace graphs::ui {

namespace {

QString exact(int64_t value)
{
    return QLocale().toString(static_cast<qlonglong>(value));
}

QString milliseconds(double ms)
{
    return fromStd(fixed(ms, ms >= 10 ? 2 : 4));
}

} // namespace

SubgraphTableModel::SubgraphTableModel(QObject* parent)
    : QAbstractTableModel(parent)
{
}

SubgraphTableModel::~SubgraphTableModel() = default;

void SubgraphTableModel::setEstimate(std::shared_ptr<const EstimatedModel> estimate)
{
    beginResetModel();
    m_estimate = std::move(estimate);
    m_rows.clear();
    m_maxShare = 0;
    if (m_estimate) {
        const auto& subgraphs = m_estimate->partition.subgraphs;
        const ModelEstimate& e = m_estimate->estimate;
        const HardwareSpec& spec = m_estimate->hardware();
        const ComputeGraph& graph = *m_estimate->analysis->graph;
        const double total = e.summary.latency.value;
        m_rows.reserve(subgraphs.size());
        for (size_t i = 0; i < subgraphs.size() && i < e.subgraphs.size(); ++i) {
            const Subgraph& s = subgraphs[i];
            const SubgraphEstimate& se = e.subgraphs[i];
            Row row;
            row.subgraph = static_cast<int>(i);
            row.label = QString::fromStdString(s.label);
            row.opClass = fromStd(opClassName(s.opClass));
            QStringList types;
            for (const std::string& t : s.opTypes(graph))
                types << QString::fromStdString(t);
            row.opTypes = types.join(QLatin1Char(' '));
            row.bottleneck = fromStd(bottleneckName(se.bottleneck));
            const int level = se.mapped.memoryLevel;
            row.memoryLevel = level >= 0 && level < static_cast<int>(spec.memory.size())
                ? QString::fromStdString(spec.memory[level].name)
                : QString();
            row.share = total > 0 ? std::clamp(se.latency.value / total, 0.0, 1.0) : 0.0;
            m_maxShare = std::max(m_maxShare, row.share);
            m_rows.push_back(std::move(row));
        }
    }
    endResetModel();
}

int SubgraphTableModel::rowOf(int id) const
{
    // Rows are in partition order, but say so only here.
    return id >= 0 && id < rowCount() && m_rows[id].subgraph == id ? id : -1;
}

int SubgraphTableModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_rows.size());
}

int SubgraphTableModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : NumColumns;
}

QVariant SubgraphTableModel::data(const QModelIndex& index, int role) const
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
    case SubgraphIdRole:
        return row.subgraph;
    case ShareRole:
        return row.share;
    case RelativeShareRole:
        // Scaled to the largest: forty kernels of 2–4 % each would otherwise all draw as slivers.
        return m_maxShare > 0 ? row.share / m_maxShare : 0.0;
    case BottleneckRole:
        return row.bottleneck;
    case OpTypesRole:
        return row.opTypes;
    case Qt::TextAlignmentRole:
        switch (index.column()) {
        case Id:
        case Macs:
        case Flops:
        case Bytes:
        case Intensity:
        case Latency:
        case LatencyShare:
        case Energy:
            return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
        default:
            return {};
        }
    default:
        return {};
    }
}

QVariant SubgraphTableModel::displayData(const Row& row, int column) const
{
    const Subgraph& s = m_estimate->partition.subgraphs[row.subgraph];
    const SubgraphEstimate& e = m_estimate->estimate.subgraphs[row.subgraph];
    switch (column) {
    case Id:
        return row.subgraph;
    case Label:
        return row.label;
    case OpClass:
        return row.opClass;
    case Macs:
        return fromStd(humanCount(double(s.macs)));
    case Flops:
        return fromStd(humanCount(double(s.flops.total())));
    case Bytes:
        return fromStd(humanBytes(double(s.bytes())));
    case Intensity: {
        const auto intensity = s.arithmeticIntensity();
        return intensity ? fromStd(fixed(*intensity, 2)) : QStringLiteral("–");
    }
    case Bottleneck:
        return row.bottleneck;
    case MemoryLevel:
        return row.memoryLevel;
    case Latency:
        return tr("%1 ±%2%").arg(milliseconds(e.latency.value), fromStd(fixed(e.latency.errorBoundPct, 0)));
    case LatencyShare:
        return QString(fromStd(fixed(100.0 * row.share, 1)) + QStringLiteral(" %"));
    case Energy:
        return fromStd(fixed(e.energy.total.value, 4));
    default:
        return {};
    }
}

QVariant SubgraphTableModel::sortData(const Row& row, int column) const
{
    const Subgraph& s = m_estimate->partition.subgraphs[row.subgraph];
    const SubgraphEstimate& e = m_estimate->estimate.subgraphs[row.subgraph];
    switch (column) {
    case Macs:
        return static_cast<qint64>(s.macs);
    case Flops:
        return static_cast<qint64>(s.flops.total());
    case Bytes:
        return static_cast<qint64>(s.bytes());
    case Intensity: {
        // Subgraphs that move no bytes sort below every real intensity.
        const auto intensity = s.arithmeticIntensity();
        return intensity ? *intensity : -1.0;
    }
    case Latency:
        return e.latency.value;
    case LatencyShare:
        return row.share;
    case Energy:
        return e.energy.total.value;
    default:
        return displayData(row, column);
    }
}

QVariant SubgraphTableModel::toolTipData(const Row& row, int column) const
{
    const Subgraph& s = m_estimate->partition.subgraphs[row.subgraph];
    const SubgraphEstimate& e = m_estimate->estimate.subgraphs[row.subgraph];
    const MappedSubgraph& m = e.mapped;
    switch (column) {
    case Id:
    case Label:
        return tr("%1 (%2 fusion): %3").arg(row.label, QString::fromStdString(s.fusion), row.opTypes);
    case OpClass:
        return s.convKind.empty() ? row.opClass : tr("%1 (%2)").arg(row.opClass, QString::fromStdString(s.convKind));
    case Macs:
        return tr("%1 multiply-accumulates").arg(exact(s.macs));
    case Flops:
        return tr("%1 FLOPs: matrix %2, vector %3, transcendental %4")
            .arg(exact(s.flops.total()), exact(s.flops.matrix), exact(s.flops.vector), exact(s.flops.transcendental));
    case Bytes:
        return tr("%1 bytes at its boundary: read %2 (weights %3), written %4")
            .arg(exact(s.bytes()), exact(s.bytesRead), exact(s.weightBytesRead), exact(s.bytesWritten));
    case Intensity:
        return tr("FLOPs per byte crossing the subgraph's boundary");
    case Bottleneck:
    case Latency:
        return tr("%1\ncompute %2 ms, memory %3 ms, overhead %4 ms on the %5 datapath, utilisation %6\n%7")
            .arg(QString::fromStdString(formatEstimate(e.latency, 4)), milliseconds(m.computeSeconds * 1e3),
                milliseconds(m.memorySeconds * 1e3), milliseconds(m.overheadSeconds * 1e3),
                QString::fromStdString(m.datapath), fromStd(fixed(m.utilisation, 2)),
                QString::fromStdString(e.latency.source));
    case MemoryLevel:
        return tr("The memory level whose traffic takes the longest, which sets the memory time (%1 moved in all, at the execution precision)")
            .arg(fromStd(humanBytes(m.bytesMoved)));
    case LatencyShare:
        return tr("Share of the model's latency (the bar is scaled to the largest share)");
    case Energy:
        return tr("%1\ncompute %2 mJ, memory %3 mJ, static %4 mJ")
            .arg(QString::fromStdString(formatEstimate(e.energy.total, 4)), fromStd(fixed(e.energy.compute.value, 4)),
                fromStd(fixed(e.energy.memory.value, 4)), fromStd(fixed(e.energy.staticPart.value, 4)));
    default:
        return {};
    }
}

QVariant SubgraphTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case Id:
        return tr("#");
    case Label:
        return tr("Subgraph");
    case OpClass:
        return tr("Class");
    case Macs:
        return tr("MACs");
    case Flops:
        return tr("FLOPs");
    case Bytes:
        return tr("Bytes");
    case Intensity:
        return tr("FLOP/B");
    case Bottleneck:
        return tr("Bound");
    case MemoryLevel:
        return tr("Level");
    case Latency:
        return tr("Latency (ms)");
    case LatencyShare:
        return tr("Share");
    case Energy:
        return tr("Energy (mJ)");
    default:
        return {};
    }
}

} // namespace graphs::ui
