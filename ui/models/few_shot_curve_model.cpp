#include "models/few_shot_curve_model.h"

#include "jobs/calibration_runner.h"

namespace graphs::ui {

namespace {

QString percent(double pct)
{
    return QString::number(pct, 'f', 1) + QStringLiteral(" %");
}

} // namespace

FewShotCurveModel::FewShotCurveModel(QObject* parent)
    : QAbstractTableModel(parent)
{
}

FewShotCurveModel::~FewShotCurveModel() = default;

void FewShotCurveModel::setRun(std::shared_ptr<const CalibrationRun> run)
{
    beginResetModel();
    m_run = run && run->fewShot ? std::move(run) : nullptr;
    endResetModel();
}

int FewShotCurveModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() || !m_run ? 0 : static_cast<int>(m_run->fewShot->curve.steps.size());
}

int FewShotCurveModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : NumColumns;
}

QVariant FewShotCurveModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const FewShotCurves& curves = *m_run->fewShot;
    const size_t row = static_cast<size_t>(index.row());
    const FewShotStep& k = curves.curve.steps[row];
    // The roofline-prior curve has the same steps; should it have fewer, its cells stay empty.
    const FewShotStep* roofline = row < curves.roofline.steps.size() ? &curves.roofline.steps[row] : nullptr;
    QVariant value;
    switch (index.column()) {
    case Models:
        value = static_cast<qulonglong>(k.models);
        break;
    case Cases:
        value = static_cast<qulonglong>(k.cases);
        break;
    case Mape:
        value = k.mapePct;
        break;
    case Median:
        value = k.medianPct;
        break;
    case Worst:
        value = k.worstPct;
        break;
    case Bound:
        value = k.meanBoundPct;
        break;
    case Coverage:
        value = static_cast<qulonglong>(k.inside);
        break;
    case RooflineMape:
        if (roofline)
            value = roofline->mapePct;
        break;
    case RooflineMedian:
        if (roofline)
            value = roofline->medianPct;
        break;
    default:
        break;
    }
    switch (role) {
    case ValueRole:
        return value;
    case Qt::DisplayRole:
        if (!value.isValid())
            return QString();
        switch (index.column()) {
        case Models:
        case Cases:
            return value.toString();
        case Coverage:
            return tr("%1 of %2").arg(k.inside).arg(k.cases);
        case Bound:
            return QString(QStringLiteral("±") + percent(value.toDouble()));
        default:
            return percent(value.toDouble());
        }
    case Qt::TextAlignmentRole:
        return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
    case Qt::ToolTipRole:
        if (index.column() == Coverage)
            return tr("Left-out models whose error lies inside the bound their fit states");
        if (index.column() == Models && k.models == 0)
            return tr("No model of the device: the calibration carried over from the prior alone");
        return {};
    default:
        return {};
    }
}

QVariant FewShotCurveModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal)
        return {};
    if (role == Qt::ToolTipRole) {
        switch (section) {
        case Cases:
            return tr("Pairs of a left-out model and a training set of this many of the others");
        case Bound:
            return tr("The mean of the bounds those fits state from their own models");
        case RooflineMape:
        case RooflineMedian:
            return tr("The same fits pulled towards the roofline instead of the carried-over calibration");
        default:
            return {};
        }
    }
    if (role != Qt::DisplayRole)
        return {};
    switch (section) {
    case Models:
        return tr("Models");
    case Cases:
        return tr("Cases");
    case Mape:
        return tr("MAPE");
    case Median:
        return tr("Median");
    case Worst:
        return tr("Worst");
    case Bound:
        return tr("Mean bound");
    case Coverage:
        return tr("Coverage");
    case RooflineMape:
        return tr("Roofline: MAPE");
    case RooflineMedian:
        return tr("Roofline: median");
    default:
        return {};
    }
}

} // namespace graphs::ui
