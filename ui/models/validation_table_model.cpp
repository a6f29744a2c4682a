#include "models/validation_table_model.h"

#include "jobs/calibration_runner.h"
#include "reporting/number_format.h"

#include <QBrush>
#include <QColor>

namespace graphs::ui {

namespace {

QString milliseconds(double seconds)
{
    const double ms = seconds * 1e3;
    return QString::number(ms, 'f', ms >= 100 ? 1 : ms >= 1 ? 3 : 4);
}

QString signedPercent(double pct)
{
    return (pct >= 0 ? QStringLiteral("+") : QString()) + QString::number(pct, 'f', 1);
}

} // namespace

ValidationTableModel::ValidationTableModel(QObject* parent)
    : QAbstractTableModel(parent)
{
}

ValidationTableModel::~ValidationTableModel() = default;

void ValidationTableModel::setRun(std::shared_ptr<const CalibrationRun> run)
{
    beginResetModel();
    m_rows.clear();
    if (run && run->accuracy) {
        const AccuracyAnalysis& a = *run->accuracy;
        for (size_t i = 0; i < a.points.size() && i < a.accuracy.size(); ++i) {
            const ValidationPoint& p = a.points[i];
            m_rows.push_back({ QString::fromStdString(p.label()), p.measuredSeconds, p.estimatedSeconds,
                a.accuracy[i].errorPct, p.errorBoundPct, a.accuracy[i].insideBound });
        }
    }
    endResetModel();
}

QByteArray ValidationTableModel::toCsv() const
{
    std::string csv = "model,measured_ms,estimated_ms,error_pct,bound_pct,inside\n";
    for (const Row& r : m_rows) {
        csv += csvField(r.model.toStdString()) + ',' + fixed(r.measuredSeconds * 1e3, 6) + ','
            + fixed(r.estimatedSeconds * 1e3, 6) + ',' + fixed(r.errorPct, 3) + ','
            + (r.boundPct ? fixed(*r.boundPct, 3) : std::string()) + ',' + (r.inside ? (*r.inside ? "yes" : "no") : "")
            + '\n';
    }
    return QByteArray::fromStdString(csv);
}

int ValidationTableModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_rows.size());
}

int ValidationTableModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : NumColumns;
}

QVariant ValidationTableModel::displayData(const Row& row, int column) const
{
    switch (column) {
    case Model:
        return row.model;
    case Measured:
        return milliseconds(row.measuredSeconds);
    case Estimated:
        return milliseconds(row.estimatedSeconds);
    case Error:
        return tr("%1 %").arg(signedPercent(row.errorPct));
    case Bound:
        return row.boundPct ? tr("±%1 %").arg(QString::number(*row.boundPct, 'f', 1)) : tr("–");
    case Inside:
        return row.inside ? (*row.inside ? tr("yes") : tr("no")) : tr("–");
    }
    return {};
}

QVariant ValidationTableModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Row& row = m_rows[static_cast<size_t>(index.row())];
    switch (role) {
    case Qt::DisplayRole:
        return displayData(row, index.column());
    case SortRole:
        switch (index.column()) {
        case Measured:
            return row.measuredSeconds;
        case Estimated:
            return row.estimatedSeconds;
        case Error:
            return row.errorPct;
        case Bound:
            return row.boundPct.value_or(-1);
        case Inside:
            return row.inside ? (*row.inside ? 1 : 0) : -1;
        default:
            return row.model;
        }
    case Qt::TextAlignmentRole:
        if (index.column() == Inside)
            return QVariant::fromValue(Qt::Alignment(Qt::AlignCenter));
        return QVariant::fromValue(Qt::Alignment(
            index.column() == Model ? Qt::AlignLeft | Qt::AlignVCenter : Qt::AlignRight | Qt::AlignVCenter));
    case Qt::ForegroundRole:
        if ((index.column() == Inside || index.column() == Error) && row.inside && !*row.inside)
            return QBrush(QColor(190, 30, 30));
        return {};
    default:
        return {};
    }
}

QVariant ValidationTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal)
        return QAbstractTableModel::headerData(section, orientation, role);
    if (role == Qt::ToolTipRole) {
        switch (section) {
        case Estimated:
            return tr("The estimate of a fit that did not see this model");
        case Error:
            return tr("Estimated / measured − 1: positive when the estimate is high");
        case Bound:
            return tr("The error bound that fit stated, from its own cross-validation");
        case Inside:
            return tr("Whether the error falls inside the stated bound");
        default:
            return {};
        }
    }
    if (role != Qt::DisplayRole)
        return {};
    switch (section) {
    case Model:
        return tr("Model");
    case Measured:
        return tr("Measured (ms)");
    case Estimated:
        return tr("Estimated (ms)");
    case Error:
        return tr("Error");
    case Bound:
        return tr("Bound");
    case Inside:
        return tr("Inside");
    }
    return {};
}

} // namespace graphs::ui
