#include "models/few_shot_errors_model.h"

#include "jobs/calibration_runner.h"

namespace graphs::ui {

FewShotErrorsModel::FewShotErrorsModel(QObject* parent)
    : QAbstractTableModel(parent)
{
}

FewShotErrorsModel::~FewShotErrorsModel() = default;

void FewShotErrorsModel::setRun(std::shared_ptr<const CalibrationRun> run)
{
    beginResetModel();
    m_run = run && run->fewShot ? std::move(run) : nullptr;
    endResetModel();
}

int FewShotErrorsModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() || !m_run ? 0 : static_cast<int>(m_run->fewShot->curve.models.size());
}

int FewShotErrorsModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() || !m_run ? 0 : FirstStep + static_cast<int>(m_run->fewShot->curve.steps.size());
}

QVariant FewShotErrorsModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const FewShotModel& m = m_run->fewShot->curve.models[static_cast<size_t>(index.row())];
    if (index.column() == Model) {
        if (role == Qt::DisplayRole || role == ValueRole || role == Qt::ToolTipRole)
            return QString::fromStdString(m.model);
        return {};
    }
    const size_t k = static_cast<size_t>(index.column() - FirstStep);
    if (k >= m.errorPct.size())
        return {};
    switch (role) {
    case ValueRole:
        return m.errorPct[k];
    case Qt::DisplayRole:
        return QString(QString::number(m.errorPct[k], 'f', 1) + QStringLiteral(" %"));
    case Qt::TextAlignmentRole:
        return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
    default:
        return {};
    }
}

QVariant FewShotErrorsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || section < 0 || section >= columnCount())
        return {};
    if (section == Model) {
        if (role == Qt::DisplayRole)
            return tr("Model left out");
        return {};
    }
    const auto k
        = static_cast<qulonglong>(m_run->fewShot->curve.steps[static_cast<size_t>(section - FirstStep)].models);
    if (role == Qt::DisplayRole)
        return tr("k = %1").arg(k);
    if (role == Qt::ToolTipRole)
        return tr("Mean |error| of the model over the fits on %n of the other models", nullptr, int(k));
    return {};
}

} // namespace graphs::ui
