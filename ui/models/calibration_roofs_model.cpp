#include "models/calibration_roofs_model.h"

#include "charts/log_axis_ticker.h"
#include "jobs/calibration_runner.h"
#include "reporting/number_format.h"

namespace graphs::ui {

CalibrationRoofsModel::CalibrationRoofsModel(QObject* parent)
    : QAbstractTableModel(parent)
{
}

CalibrationRoofsModel::~CalibrationRoofsModel() = default;

void CalibrationRoofsModel::setRun(std::shared_ptr<const CalibrationRun> run)
{
    beginResetModel();
    m_rows.clear();
    m_source.clear();
    if (run) {
        m_source = QString::fromStdString(run->calibration.roofs.source);
        const RooflineFit& fit = run->calibration.roofs;
        const RooflineFit& spec = run->specRoofs;
        m_rows.push_back({ tr("Vector peak"), tr("FLOP/s"), fit.vectorPeak, spec.vectorPeak, fit.measuredCompute });
        m_rows.push_back({ tr("Matrix peak"), tr("FLOP/s"), fit.matrixPeak, spec.matrixPeak, fit.measuredCompute });
        for (const BandwidthPoint& b : fit.bandwidth) {
            m_rows.push_back({ tr("Bandwidth at %1").arg(QString::fromStdString(humanBytes(b.workingSetBytes))),
                tr("B/s"), b.bytesPerSecond, spec.bandwidthAt(b.workingSetBytes), fit.measuredBandwidth });
        }
    }
    endResetModel();
}

int CalibrationRoofsModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_rows.size());
}

int CalibrationRoofsModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : NumColumns;
}

QVariant CalibrationRoofsModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Row& row = m_rows[static_cast<size_t>(index.row())];
    const double ratio = row.specification > 0 ? row.fitted / row.specification : 0;
    if (role == Qt::DisplayRole) {
        switch (index.column()) {
        case Roof:
            return row.roof;
        case Fitted:
            return LogAxisTicker::siLabel(row.fitted, row.unit);
        case Specification:
            return row.specification > 0 ? LogAxisTicker::siLabel(row.specification, row.unit) : tr("–");
        case Ratio:
            return row.specification > 0 ? tr("%1 %").arg(QString::number(100 * ratio, 'f', 0)) : tr("–");
        case Source:
            return row.measured ? tr("measured") : tr("specification");
        }
    } else if (role == SortRole) {
        switch (index.column()) {
        case Fitted:
            return row.fitted;
        case Specification:
            return row.specification;
        case Ratio:
            return ratio;
        default:
            return data(index, Qt::DisplayRole);
        }
    } else if (role == Qt::TextAlignmentRole) {
        const bool number = index.column() == Fitted || index.column() == Specification || index.column() == Ratio;
        return QVariant::fromValue(
            Qt::Alignment(number ? Qt::AlignRight | Qt::AlignVCenter : Qt::AlignLeft | Qt::AlignVCenter));
    } else if (role == Qt::ToolTipRole && index.column() == Ratio) {
        return tr("What the machine achieved as a share of what its specification states");
    } else if (role == Qt::ToolTipRole && index.column() == Source) {
        return m_source;
    }
    return {};
}

QVariant CalibrationRoofsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case Roof:
        return tr("Roof");
    case Fitted:
        return tr("Calibrated");
    case Specification:
        return tr("Specification");
    case Ratio:
        return tr("Achieved");
    case Source:
        return tr("Source");
    }
    return {};
}

} // namespace graphs::ui
