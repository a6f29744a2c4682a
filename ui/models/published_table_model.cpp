#include "models/published_table_model.h"

#include "qt_strings.h"

#include <QBrush>
#include <QColor>
#include <algorithm>
#include <cmath>

namespace graphs::ui {

namespace {

const QColor HighError(190, 30, 30);
const QColor LowError(30, 130, 50);
const QColor Skipped(128, 128, 128);

/// "nvidia-l4", "nvidia-jetson-agx-orin-64gb-gpu+2*nvidia-jetson-agx-orin-64gb-dla", as the file names them.
QString hardwareText(const PublishedRow& row)
{
    QStringList parts;
    for (const PublishedPart& p : row.hardware)
        parts << (p.count > 1 ? QString::number(p.count) + QLatin1Char('*') : QString()) + fromStd(p.hardwareId);
    return parts.join(QLatin1Char('+'));
}

QString signedPercent(double pct)
{
    return (pct >= 0 ? QStringLiteral("+") : QString()) + QString::number(pct, 'f', 1);
}

QString millijoules(double joules)
{
    return QString::number(joules * 1e3, 'f', joules * 1e3 >= 100 ? 1 : 2);
}

bool throughputOptimal(const PublishedEstimate& e)
{
    return e.estimated && e.batchRule == "throughput-optimal";
}

} // namespace

PublishedTableModel::PublishedTableModel(QObject* parent)
    : QAbstractTableModel(parent)
{
}

PublishedTableModel::~PublishedTableModel() = default;

void PublishedTableModel::setValidation(std::shared_ptr<const PublishedValidation> validation)
{
    beginResetModel();
    m_validation = std::move(validation);
    endResetModel();
}

int PublishedTableModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() || !m_validation ? 0 : static_cast<int>(m_validation->estimates.size());
}

int PublishedTableModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : NumColumns;
}

QString PublishedTableModel::valueText(double value, const std::string& unit)
{
    if (unit == "ms")
        return tr("%1 ms").arg(QString::number(value, 'f', 3));
    return tr("%1 samples/s").arg(QString::number(value, 'f', value >= 100 ? 0 : 1));
}

QVariant PublishedTableModel::display(const PublishedEstimate& e, int column) const
{
    const PublishedRow& r = e.row;
    switch (column) {
    case Round:
        return fromStd(r.round);
    case System:
        return fromStd(r.submitter + ' ' + r.system);
    case Hardware:
        return hardwareText(r);
    case Benchmark:
        return fromStd(r.benchmark);
    case Scenario:
        return fromStd(r.scenario);
    case Batch:
        if (throughputOptimal(e))
            return tr("%1 (optimal)").arg(e.batch);
        if (e.estimated)
            return QString::number(e.batch);
        return r.batch ? QString::number(*r.batch) : QString();
    case Published:
        return valueText(e.measured, r.unit);
    case Estimate:
        return e.estimated ? valueText(e.estimate, r.unit) : tr("–");
    case Error:
        return e.estimated ? tr("%1 %").arg(signedPercent(e.errorPct)) : tr("–");
    case PowerLimited:
        return e.powerLimited ? tr("limited") : QString();
    case EnergyMeasured:
        return e.measuredEnergyJoules ? millijoules(*e.measuredEnergyJoules) : QString();
    case EnergyEstimated:
        return e.measuredEnergyJoules && e.estimatedEnergyJoules ? millijoules(*e.estimatedEnergyJoules) : QString();
    case EnergyError:
        if (e.energyErrorPct)
            return tr("%1 %").arg(signedPercent(*e.energyErrorPct));
        return e.measuredEnergyJoules ? tr("–") : QString();
    case Note:
        return e.estimated ? fromStd(e.energyNote) : tr("Skipped: %1").arg(fromStd(e.skipped));
    }
    return {};
}

QVariant PublishedTableModel::sortKey(const PublishedEstimate& e, int column) const
{
    switch (column) {
    case Batch:
        if (e.estimated)
            return qlonglong(e.batch);
        return e.row.batch ? QVariant(qlonglong(*e.row.batch)) : QVariant();
    case Published:
        return e.measured;
    case Estimate:
        return e.estimated ? QVariant(e.estimate) : QVariant();
    case Error:
        return e.estimated ? QVariant(e.errorPct) : QVariant();
    case PowerLimited:
        return e.powerLimited ? 1 : 0;
    case EnergyMeasured:
        return e.measuredEnergyJoules ? QVariant(*e.measuredEnergyJoules) : QVariant();
    case EnergyEstimated:
        return e.measuredEnergyJoules && e.estimatedEnergyJoules ? QVariant(*e.estimatedEnergyJoules) : QVariant();
    case EnergyError:
        return e.energyErrorPct ? QVariant(*e.energyErrorPct) : QVariant();
    default:
        return display(e, column);
    }
}

QVariant PublishedTableModel::toolTip(const PublishedEstimate& e, int column) const
{
    const PublishedRow& r = e.row;
    switch (column) {
    case System:
        return tr("%1 (line %2)").arg(fromStd(r.label())).arg(r.line);
    case Hardware:
        return tr("%1 × %2").arg(r.accelerators).arg(fromStd(r.accelerator));
    case Batch:
        return e.estimated ? fromStd(e.batchRule) : QVariant();
    case Published:
        if (r.offline() && r.accelerators > 1)
            return tr("Per accelerator: the system's %1 divided by %2")
                .arg(valueText(r.value, r.unit))
                .arg(r.accelerators);
        return {};
    case Estimate:
        if (!e.estimated)
            return {};
        return tr("%1, %2 with the %3 profile; stated bound ±%4 %")
            .arg(valueText(e.estimate, r.unit), QString::fromUtf8(precisionName(e.precision).data()),
                fromStd(e.runtime), QString::number(e.boundPct, 'f', 0));
    case PowerLimited:
        return e.powerLimited ? tr("The modelled power reached the entry's limit and clocks were lowered") : QVariant();
    case EnergyError:
    case Note:
        return e.estimated ? fromStd(e.energyNote) : fromStd(e.skipped);
    default:
        return {};
    }
}

QVariant PublishedTableModel::foreground(const PublishedEstimate& e, int column) const
{
    if (!e.estimated)
        return QBrush(Skipped);
    std::optional<double> error;
    if (column == Error)
        error = e.errorPct;
    else if (column == EnergyError)
        error = e.energyErrorPct;
    if (!error)
        return {};
    if (std::fabs(*error) > 25)
        return QBrush(HighError);
    if (std::fabs(*error) <= 15)
        return QBrush(LowError);
    return {};
}

QVariant PublishedTableModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const PublishedEstimate& e = m_validation->estimates[static_cast<size_t>(index.row())];
    switch (role) {
    case Qt::DisplayRole:
        return display(e, index.column());
    case SortRole:
        return sortKey(e, index.column());
    case IndexRole:
        return index.row();
    case ErrorShareRole:
        return index.column() == Error && e.estimated ? std::min(std::fabs(e.errorPct) / 100, 1.0) : 0.0;
    case SkippedRole:
        return !e.estimated;
    case Qt::ToolTipRole:
        return toolTip(e, index.column());
    case Qt::ForegroundRole:
        return foreground(e, index.column());
    case Qt::TextAlignmentRole:
        switch (index.column()) {
        case Batch:
        case Published:
        case Estimate:
        case Error:
        case EnergyMeasured:
        case EnergyEstimated:
        case EnergyError:
            return QVariant::fromValue(Qt::Alignment(Qt::AlignRight | Qt::AlignVCenter));
        case PowerLimited:
            return QVariant::fromValue(Qt::Alignment(Qt::AlignCenter));
        default:
            return QVariant::fromValue(Qt::Alignment(Qt::AlignLeft | Qt::AlignVCenter));
        }
    default:
        return {};
    }
}

QVariant PublishedTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal)
        return QAbstractTableModel::headerData(section, orientation, role);
    if (role == Qt::ToolTipRole) {
        switch (section) {
        case Batch:
            return tr("The published batch; \"optimal\": none was published, so the one with the highest estimated "
                      "throughput that fits the device's memory");
        case Published:
            return tr("Offline: samples/s per accelerator; SingleStream: 90th-percentile latency");
        case Error:
            return tr("Estimate / published − 1: positive when the estimate is high");
        case PowerLimited:
            return tr("The modelled power reached the entry's limit and clocks were lowered");
        case EnergyMeasured:
            return tr("Energy per sample from the system's measured power (MLPerf Power)");
        case EnergyEstimated:
            return tr("Energy per sample of the accelerators, estimated");
        default:
            return {};
        }
    }
    if (role != Qt::DisplayRole)
        return {};
    switch (section) {
    case Round:
        return tr("Round");
    case System:
        return tr("System");
    case Hardware:
        return tr("Hardware");
    case Benchmark:
        return tr("Benchmark");
    case Scenario:
        return tr("Scenario");
    case Batch:
        return tr("Batch");
    case Published:
        return tr("Published");
    case Estimate:
        return tr("Estimate");
    case Error:
        return tr("Error");
    case PowerLimited:
        return tr("Power");
    case EnergyMeasured:
        return tr("Energy measured (mJ)");
    case EnergyEstimated:
        return tr("Energy estimated (mJ)");
    case EnergyError:
        return tr("Energy error");
    case Note:
        return tr("Note");
    }
    return {};
}

} // namespace graphs::ui
