#include "models/generation_table_model.h"

#include "charts/compare_chart_data.h"
#include "qt_strings.h"

#include <QBrush>
#include <QColor>

namespace graphs::ui {

namespace {

/// "0.2190 ±68%": the figure with its error band, as `graphs generate` prints it.
QString withBound(const EstimationResult& e)
{
    return QStringLiteral("%1 ±%2%").arg(compareNumber(e.value)).arg(e.errorBoundPct, 0, 'f', 0);
}

} // namespace

QString formatMemory(double bytes)
{
    const auto in = [bytes](double unit, const char* name) {
        return QStringLiteral("%1 %2").arg(bytes / unit, 0, 'g', 3).arg(QLatin1String(name));
    };
    if (bytes >= 1e9)
        return in(1e9, "GB");
    if (bytes >= 1e6)
        return in(1e6, "MB");
    if (bytes >= 1e3)
        return in(1e3, "kB");
    return in(1, "B");
}

void GenerationTableModel::setResults(std::vector<GenerationResult> results)
{
    beginResetModel();
    m_results = std::move(results);
    endResetModel();
}

int GenerationTableModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_results.size());
}

int GenerationTableModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : NumColumns;
}

QVariant GenerationTableModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const GenerationResult& r = m_results[static_cast<size_t>(index.row())];
    switch (role) {
    case Qt::DisplayRole:
        return display(r, index.column());
    case SortRole:
        return sortKey(r, index.column());
    case RowRole:
        return index.row();
    case Qt::ToolTipRole:
        return toolTip(r, index.column());
    case Qt::TextAlignmentRole:
        return index.column() == HardwareColumn || index.column() == ConfidenceColumn
            ? QVariant()
            : QVariant(Qt::AlignRight | Qt::AlignVCenter);
    case Qt::ForegroundRole:
        if (index.column() == FitsColumn && !r.memory.fits)
            return QBrush(QColor(0xa0, 0x20, 0x20));
        return {};
    default:
        return {};
    }
}

QVariant GenerationTableModel::display(const GenerationResult& r, int column) const
{
    switch (column) {
    case HardwareColumn:
        return fromStd(r.hardwareName);
    case FirstTokenColumn:
        return withBound(r.timeToFirstToken);
    case PerTokenColumn:
        return withBound(r.timePerToken);
    case TokensPerSecondColumn:
        return withBound(r.tokensPerSecond);
    case EnergyPerTokenColumn:
        return withBound(r.energyPerToken);
    case ConfidenceColumn:
        return fromStd(confidenceName(std::max(r.timeToFirstToken.confidence, r.timePerToken.confidence)));
    case WeightsColumn:
        return formatMemory(r.memory.weightBytes);
    case KvCacheColumn:
        return formatMemory(r.memory.kvCacheBytes);
    case MemoryColumn:
        return formatMemory(r.memory.totalBytes);
    case CapacityColumn:
        return r.memory.capacityBytes > 0 ? formatMemory(r.memory.capacityBytes) : tr("unknown");
    case FitsColumn:
        return r.memory.capacityBytes <= 0 ? QStringLiteral("–") : r.memory.fits ? tr("yes") : tr("no");
    default:
        return {};
    }
}

QVariant GenerationTableModel::sortKey(const GenerationResult& r, int column) const
{
    switch (column) {
    case FirstTokenColumn:
        return r.timeToFirstToken.value;
    case PerTokenColumn:
        return r.timePerToken.value;
    case TokensPerSecondColumn:
        return r.tokensPerSecond.value;
    case EnergyPerTokenColumn:
        return r.energyPerToken.value;
    case WeightsColumn:
        return r.memory.weightBytes;
    case KvCacheColumn:
        return r.memory.kvCacheBytes;
    case MemoryColumn:
        return r.memory.totalBytes;
    case CapacityColumn:
        return r.memory.capacityBytes;
    default:
        return display(r, column);
    }
}

QString GenerationTableModel::toolTip(const GenerationResult& r, int column) const
{
    const auto describe = [](const EstimationResult& e) {
        return tr("%1 ±%2%, %3: %4")
            .arg(compareNumber(e.value))
            .arg(e.errorBoundPct, 0, 'f', 0)
            .arg(fromStd(confidenceName(e.confidence)), fromStd(e.source));
    };
    switch (column) {
    case HardwareColumn:
        return tr("%1 (%2), runtime %3").arg(fromStd(r.hardwareName), fromStd(r.hardwareId), fromStd(r.runtime));
    case FirstTokenColumn:
        return tr("The prefill of %n prompt token(s), batch %1: ", nullptr, static_cast<int>(r.promptTokens))
                   .arg(r.batch)
            + describe(r.timeToFirstToken);
    case PerTokenColumn:
        return tr("Decode time / generated tokens: ") + describe(r.timePerToken);
    case TokensPerSecondColumn:
        return tr("Batch × generated tokens / decode time: ") + describe(r.tokensPerSecond);
    case EnergyPerTokenColumn:
        return tr("Decode energy per generated token of one sequence: ") + describe(r.energyPerToken);
    case KvCacheColumn:
        return tr("At the final context of %1 tokens × batch %2").arg(r.promptTokens + r.generatedTokens).arg(r.batch);
    case MemoryColumn:
    case FitsColumn:
        return r.memory.fits ? tr("Weights + KV cache at the final context + the larger activation peak")
                             : fromStd(r.memory.message);
    default:
        return {};
    }
}

QVariant GenerationTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case HardwareColumn:
        return tr("Hardware");
    case FirstTokenColumn:
        return tr("First token (ms)");
    case PerTokenColumn:
        return tr("Per token (ms)");
    case TokensPerSecondColumn:
        return tr("Tokens/s");
    case EnergyPerTokenColumn:
        return tr("Energy/token (mJ)");
    case ConfidenceColumn:
        return tr("Confidence");
    case WeightsColumn:
        return tr("Weights");
    case KvCacheColumn:
        return tr("KV cache");
    case MemoryColumn:
        return tr("Memory");
    case CapacityColumn:
        return tr("Capacity");
    case FitsColumn:
        return tr("Fits");
    default:
        return {};
    }
}

} // namespace graphs::ui
