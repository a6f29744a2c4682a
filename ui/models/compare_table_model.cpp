#include "models/compare_table_model.h"

#include "charts/compare_chart_data.h"
#include "qt_strings.h"

#include <QFont>

namespace graphs::ui {

namespace {

/// "0.2190 ±68%": the figure with its error band, as `graphs compare` prints it.
QString withBound(const EstimationResult& e)
{
    return QStringLiteral("%1 ±%2%").arg(compareNumber(e.value)).arg(e.errorBoundPct, 0, 'f', 0);
}

} // namespace

void CompareTableModel::setRows(std::vector<ComparisonRow> rows)
{
    beginResetModel();
    m_rows = std::move(rows);
    endResetModel();
}

int CompareTableModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_rows.size());
}

int CompareTableModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : NumColumns;
}

QVariant CompareTableModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const ComparisonRow& r = m_rows[static_cast<size_t>(index.row())];
    const int column = index.column();
    switch (role) {
    case Qt::DisplayRole:
        return display(r, column);
    case SortRole:
        return sortKey(r, column);
    case ParetoRole:
        return r.pareto;
    case RowRole:
        return index.row();
    case Qt::ToolTipRole:
        return toolTip(r, column);
    case Qt::TextAlignmentRole:
        switch (column) {
        case BatchColumn:
        case LatencyColumn:
        case ThroughputColumn:
        case EnergyColumn:
        case ComputeEnergyColumn:
        case MemoryEnergyColumn:
        case StaticEnergyColumn:
        case MemoryColumn:
            return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
        case ParetoColumn:
            return QVariant::fromValue(Qt::AlignCenter);
        default:
            return {};
        }
    case Qt::FontRole:
        if (r.pareto && column == ParetoColumn) {
            QFont bold;
            bold.setBold(true);
            return bold;
        }
        return {};
    default:
        return {};
    }
}

QVariant CompareTableModel::display(const ComparisonRow& r, int column) const
{
    switch (column) {
    case ModelColumn:
        return fromStd(r.model);
    case HardwareColumn:
        return fromStd(r.hardwareName);
    case BatchColumn:
        return QString::number(r.batch);
    case PrecisionColumn:
        return fromStd(precisionName(r.precision));
    case LatencyColumn:
        return withBound(r.summary.latency);
    case ThroughputColumn:
        return QString::number(r.summary.throughput.value, 'f', 1);
    case EnergyColumn:
        return withBound(r.summary.energy);
    case ComputeEnergyColumn:
        return QString::number(r.energy.compute.value, 'g', 4);
    case MemoryEnergyColumn:
        return QString::number(r.energy.memory.value, 'g', 4);
    case StaticEnergyColumn:
        return QString::number(r.energy.staticPart.value, 'g', 4);
    case MemoryColumn:
        return QString::number(r.summary.peakMemory.value, 'f', 1);
    case BottleneckColumn:
        return fromStd(bottleneckName(r.summary.bottleneck));
    case ConfidenceColumn:
        return fromStd(confidenceName(r.summary.latency.confidence));
    case ParetoColumn:
        return r.pareto ? tr("yes") : QString();
    default:
        return {};
    }
}

QVariant CompareTableModel::sortKey(const ComparisonRow& r, int column) const
{
    switch (column) {
    case BatchColumn:
        return static_cast<qlonglong>(r.batch);
    case PrecisionColumn:
        return static_cast<int>(r.precision);
    case LatencyColumn:
        return r.summary.latency.value;
    case ThroughputColumn:
        return r.summary.throughput.value;
    case EnergyColumn:
        return r.summary.energy.value;
    case ComputeEnergyColumn:
        return r.energy.compute.value;
    case MemoryEnergyColumn:
        return r.energy.memory.value;
    case StaticEnergyColumn:
        return r.energy.staticPart.value;
    case MemoryColumn:
        return r.summary.peakMemory.value;
    case ParetoColumn:
        return r.pareto;
    default:
        return display(r, column);
    }
}

QString CompareTableModel::toolTip(const ComparisonRow& r, int column) const
{
    const auto sourceOf = [](const EstimationResult& e) {
        return tr("%1, ±%2% (%3)")
            .arg(fromStd(confidenceName(e.confidence)))
            .arg(e.errorBoundPct, 0, 'f', 0)
            .arg(QString::fromStdString(e.source));
    };
    switch (column) {
    case HardwareColumn:
        return fromStd(r.hardwareId);
    case LatencyColumn:
    case ConfidenceColumn:
        return tr("Latency per inference: %1").arg(sourceOf(r.summary.latency));
    case EnergyColumn:
        return tr("Energy per inference: %1").arg(sourceOf(r.summary.energy));
    case ComputeEnergyColumn:
    case MemoryEnergyColumn:
    case StaticEnergyColumn:
        return tr("Per inference: compute %1 mJ, memory %2 mJ (every level), static %3 mJ")
            .arg(r.energy.compute.value, 0, 'g', 4)
            .arg(r.energy.memory.value, 0, 'g', 4)
            .arg(r.energy.staticPart.value, 0, 'g', 4);
    case ParetoColumn:
        return tr("On the Pareto front: no other hardware is both faster and more frugal for this model and batch");
    default:
        return {};
    }
}

QVariant CompareTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case ModelColumn:
        return tr("Model");
    case HardwareColumn:
        return tr("Hardware");
    case BatchColumn:
        return tr("Batch");
    case PrecisionColumn:
        return tr("Precision");
    case LatencyColumn:
        return tr("Latency (ms)");
    case ThroughputColumn:
        return tr("Samples/s");
    case EnergyColumn:
        return tr("Energy (mJ)");
    case ComputeEnergyColumn:
        return tr("Compute (mJ)");
    case MemoryEnergyColumn:
        return tr("Memory traffic (mJ)");
    case StaticEnergyColumn:
        return tr("Static (mJ)");
    case MemoryColumn:
        return tr("Memory (MB)");
    case BottleneckColumn:
        return tr("Bound");
    case ConfidenceColumn:
        return tr("Confidence");
    case ParetoColumn:
        return tr("Pareto");
    default:
        return {};
    }
}

} // namespace graphs::ui
