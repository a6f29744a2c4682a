#include "models/transfer_check_model.h"

#include "calibration/calibration_transfer.h"

#include <QColor>
#include <QStringList>
#include <cmath>

namespace graphs::ui {

namespace {

/// Four significant digits: the roofs alone put small kernels at a few hundred nanoseconds.
QString milliseconds(double seconds)
{
    return QString::number(seconds * 1e3, 'g', 4);
}

QString signedPercent(double pct)
{
    return (pct >= 0 ? QStringLiteral("+") : QString()) + QString::number(pct, 'f', 1) + QStringLiteral(" %");
}

} // namespace

TransferCheckModel::TransferCheckModel(QObject* parent)
    : QAbstractTableModel(parent)
{
}

TransferCheckModel::~TransferCheckModel() = default;

void TransferCheckModel::setCheck(std::shared_ptr<const TransferCheck> check)
{
    beginResetModel();
    m_check = std::move(check);
    endResetModel();
}

QString TransferCheckModel::summary() const
{
    if (!m_check || m_check->items.empty())
        return {};
    QStringList lines;
    for (const TransferKindErrors& k : transferErrorsByKind(*m_check))
        lines << tr("%1: MAPE %2 % over %3 (the roofs alone, without the carried fit: %4 %)")
                     .arg(QString::fromStdString(k.kind), QString::number(k.mapePct, 'f', 1))
                     .arg(k.count)
                     .arg(QString::number(k.rooflineMapePct, 'f', 1));
    lines << tr("The stated bound ±%1 % covers %2 of %3.")
                 .arg(QString::number(m_check->boundPct, 'f', 1))
                 .arg(transferItemsInsideBound(*m_check))
                 .arg(m_check->items.size());
    return lines.join(QLatin1Char('\n'));
}

int TransferCheckModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() || !m_check ? 0 : static_cast<int>(m_check->items.size());
}

int TransferCheckModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : NumColumns;
}

QVariant TransferCheckModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const TransferItem& item = m_check->items[static_cast<size_t>(index.row())];
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case Item:
            return QString::fromStdString(item.name);
        case Kind:
            return QString::fromStdString(item.kind);
        case Measured:
            return milliseconds(item.measuredSeconds);
        case Estimated:
            return milliseconds(item.predictedSeconds);
        case Error:
            return signedPercent(item.errorPct);
        case Inside:
            return item.insideBound ? tr("yes") : tr("no");
        case Roofline:
            return milliseconds(item.rooflineSeconds);
        default:
            return {};
        }
    case SortRole:
        switch (index.column()) {
        case Measured:
            return item.measuredSeconds;
        case Estimated:
            return item.predictedSeconds;
        case Error:
            return item.errorPct;
        case Roofline:
            return item.rooflineSeconds;
        default:
            return data(index, Qt::DisplayRole);
        }
    case Qt::TextAlignmentRole:
        return index.column() >= Measured ? QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter) : QVariant();
    case Qt::ForegroundRole:
        if (index.column() == Inside || index.column() == Error)
            return item.insideBound ? QColor(30, 120, 50) : QColor(180, 30, 30);
        return {};
    default:
        return {};
    }
}

QVariant TransferCheckModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal)
        return {};
    if (role == Qt::ToolTipRole && section == Roofline)
        return tr("The same item from the specification's roofs alone, every term at its prior: what the carried "
                  "fit adds");
    if (role != Qt::DisplayRole)
        return {};
    switch (section) {
    case Item:
        return tr("Measured item");
    case Kind:
        return tr("Kind");
    case Measured:
        return tr("Measured ms");
    case Estimated:
        return tr("Estimate ms");
    case Error:
        return tr("Error");
    case Inside:
        return tr("Inside bound");
    case Roofline:
        return tr("Roofs alone ms");
    default:
        return {};
    }
}

} // namespace graphs::ui
