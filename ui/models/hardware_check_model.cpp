#include "models/hardware_check_model.h"

#include "models/hardware_list_model.h"

namespace graphs::ui {

HardwareCheckModel::HardwareCheckModel(QObject* parent)
    : QSortFilterProxyModel(parent)
    , m_list(new HardwareListModel(this))
{
    setSourceModel(m_list);
}

HardwareCheckModel::~HardwareCheckModel() = default;

void HardwareCheckModel::setEntries(const std::vector<std::shared_ptr<const HardwareSpec>>& entries)
{
    m_list->setEntries(entries);
}

void HardwareCheckModel::setCalibrationContext(const QString& runtimeId, Precision precision)
{
    m_list->setCalibrationContext(runtimeId, precision);
}

void HardwareCheckModel::refreshCalibrations()
{
    m_list->refreshCalibrations();
}

void HardwareCheckModel::setSearchText(const QString& text)
{
    const QString search = text.trimmed();
    if (search == m_search)
        return;
    m_search = search;
    invalidateRowsFilter();
}

void HardwareCheckModel::setChecked(const QString& id, bool checked)
{
    if (id.isEmpty() || m_checked.contains(id) == checked)
        return;
    if (checked)
        m_checked.insert(id);
    else
        m_checked.remove(id);
    const int sourceRow = m_list->rowOf(id);
    if (sourceRow >= 0) {
        const QModelIndex index = mapFromSource(m_list->index(sourceRow, 0));
        if (index.isValid())
            Q_EMIT dataChanged(index, index, { Qt::CheckStateRole });
    }
    Q_EMIT checkedChanged();
}

QStringList HardwareCheckModel::checkedIds() const
{
    QStringList ids;
    for (int row = 0; row < m_list->rowCount(); ++row) {
        const QString id = m_list->index(row, 0).data(HardwareListModel::IdRole).toString();
        if (m_checked.contains(id))
            ids << id;
    }
    return ids;
}

std::vector<std::shared_ptr<const HardwareSpec>> HardwareCheckModel::checkedEntries() const
{
    std::vector<std::shared_ptr<const HardwareSpec>> entries;
    for (const QString& id : checkedIds())
        entries.push_back(m_list->entry(m_list->rowOf(id)));
    return entries;
}

QVariant HardwareCheckModel::data(const QModelIndex& index, int role) const
{
    if (role == Qt::CheckStateRole && index.isValid() && index.column() == 0) {
        const QString id = QSortFilterProxyModel::data(index, HardwareListModel::IdRole).toString();
        if (id.isEmpty())
            return {}; // headings have no box
        return m_checked.contains(id) ? Qt::Checked : Qt::Unchecked;
    }
    if ((role == Qt::DisplayRole || role == Qt::ForegroundRole) && index.isValid() && index.column() == 0
        && !QSortFilterProxyModel::data(index, HardwareListModel::IdRole).toString().isEmpty()) {
        // The list shows one column: the name, then the mark the picker shows in a column of its own, in its colour.
        const QModelIndex mark = index.siblingAtColumn(HardwareListModel::Confidence);
        if (role == Qt::ForegroundRole)
            return QSortFilterProxyModel::data(mark, role);
        return QString(QSortFilterProxyModel::data(index, role).toString() + QStringLiteral(" — ")
            + QSortFilterProxyModel::data(mark, role).toString());
    }
    return QSortFilterProxyModel::data(index, role);
}

bool HardwareCheckModel::setData(const QModelIndex& index, const QVariant& value, int role)
{
    if (role != Qt::CheckStateRole || !index.isValid() || index.column() != 0)
        return QSortFilterProxyModel::setData(index, value, role);
    const QString id = QSortFilterProxyModel::data(index, HardwareListModel::IdRole).toString();
    if (id.isEmpty())
        return false;
    setChecked(id, value.value<Qt::CheckState>() == Qt::Checked);
    return true;
}

Qt::ItemFlags HardwareCheckModel::flags(const QModelIndex& index) const
{
    Qt::ItemFlags f = QSortFilterProxyModel::flags(index);
    if (index.isValid() && index.column() == 0 && !data(index, HardwareListModel::IdRole).toString().isEmpty())
        f |= Qt::ItemIsUserCheckable;
    return f;
}

bool HardwareCheckModel::entryMatches(int sourceRow) const
{
    return m_list->index(sourceRow, 0)
        .data(HardwareListModel::SearchRole)
        .toString()
        .contains(m_search, Qt::CaseInsensitive);
}

bool HardwareCheckModel::filterAcceptsRow(int sourceRow, const QModelIndex& sourceParent) const
{
    if (sourceParent.isValid() || m_search.isEmpty())
        return true;
    if (m_list->entry(sourceRow))
        return entryMatches(sourceRow);
    // A heading: kept while an entry of its category, the rows up to the next heading, matches.
    for (int row = sourceRow + 1; row < m_list->rowCount() && m_list->entry(row); ++row) {
        if (entryMatches(row))
            return true;
    }
    return false;
}

} // namespace graphs::ui
