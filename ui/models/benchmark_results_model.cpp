#include "models/benchmark_results_model.h"

#include <QLocale>
#include <algorithm>
#include <cmath>

namespace graphs::ui {

namespace {

QString scaled(double perSecond, const QString& unit)
{
    static const char* const prefixes[] = { "", "k", "M", "G", "T", "P" };
    int i = 0;
    while (perSecond >= 1000 && i < 5) {
        perSecond /= 1000;
        ++i;
    }
    return QLocale().toString(perSecond, 'f', perSecond < 10 ? 2 : 1) + QLatin1Char(' ')
        + QLatin1StringView(prefixes[i]) + unit;
}

/// Three significant digits at least, without exponents: "12.35", "0.0512", "0.000512".
QString millisecondsText(double ms)
{
    const int decimals = ms > 0 ? std::clamp(3 - static_cast<int>(std::floor(std::log10(ms))), 2, 6) : 2;
    return QLocale().toString(ms, 'f', decimals);
}

} // namespace

int BenchmarkResultsModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_records.size());
}

int BenchmarkResultsModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : NumColumns;
}

double BenchmarkResultsModel::rate(const MeasurementRecord& record)
{
    if (record.medianMs <= 0)
        return -1;
    const double seconds = record.medianMs / 1000;
    if (record.flops > 0)
        return record.flops / seconds;
    if (record.bytes > 0)
        return record.bytes / seconds;
    return -1;
}

QString BenchmarkResultsModel::rateText(const MeasurementRecord& record)
{
    const double r = rate(record);
    if (r < 0)
        return {};
    return scaled(r, record.flops > 0 ? tr("FLOP/s") : tr("B/s"));
}

QVariant BenchmarkResultsModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const MeasurementRecord& r = m_records[static_cast<size_t>(index.row())];
    if (role == Qt::DisplayRole || role == SortRole) {
        const bool display = role == Qt::DisplayRole;
        switch (index.column()) {
        case BenchmarkColumn:
            return QString::fromStdString(r.benchmark);
        case KindColumn:
            return QString::fromLatin1(measurementKindName(r.kind));
        case MedianColumn:
            return display ? QVariant(millisecondsText(r.medianMs)) : QVariant(r.medianMs);
        case SamplesColumn:
            return display ? QVariant(QLocale().toString(r.samples)) : QVariant(static_cast<qlonglong>(r.samples));
        case RateColumn:
            return display ? QVariant(rateText(r)) : QVariant(rate(r));
        default:
            return {};
        }
    }
    if (role == Qt::TextAlignmentRole && index.column() >= MedianColumn)
        return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
    if (role == Qt::ToolTipRole && index.column() == BenchmarkColumn)
        return QString::fromStdString(r.shape.empty() ? r.benchmark : r.benchmark + " (" + r.shape + ")");
    return {};
}

QVariant BenchmarkResultsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case BenchmarkColumn:
        return tr("Benchmark");
    case KindColumn:
        return tr("Kind");
    case MedianColumn:
        return tr("Median (ms)");
    case SamplesColumn:
        return tr("Samples");
    case RateColumn:
        return tr("Rate");
    default:
        return {};
    }
}

void BenchmarkResultsModel::clear()
{
    beginResetModel();
    m_records.clear();
    endResetModel();
}

void BenchmarkResultsModel::append(const MeasurementRecord& record)
{
    const int row = static_cast<int>(m_records.size());
    beginInsertRows({}, row, row);
    m_records.push_back(record);
    endInsertRows();
}

} // namespace graphs::ui
