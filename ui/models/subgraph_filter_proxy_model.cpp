#include "models/subgraph_filter_proxy_model.h"

#include "models/subgraph_table_model.h"

namespace graphs::ui {

SubgraphFilterProxyModel::SubgraphFilterProxyModel(QObject* parent)
    : QSortFilterProxyModel(parent)
{
    setSortRole(SubgraphTableModel::SortRole);
}

void SubgraphFilterProxyModel::setOpTypeFilter(const QString& text)
{
    if (text.trimmed() == m_opType)
        return;
    m_opType = text.trimmed();
    invalidateFilter();
}

void SubgraphFilterProxyModel::setBottleneckFilter(const QString& bottleneck)
{
    if (bottleneck == m_bottleneck)
        return;
    m_bottleneck = bottleneck;
    invalidateFilter();
}

void SubgraphFilterProxyModel::setMinimumShare(double share)
{
    if (share == m_minimumShare)
        return;
    m_minimumShare = share;
    invalidateFilter();
}

bool SubgraphFilterProxyModel::filterAcceptsRow(int sourceRow, const QModelIndex& sourceParent) const
{
    const QModelIndex index = sourceModel()->index(sourceRow, SubgraphTableModel::Label, sourceParent);
    if (!m_bottleneck.isEmpty() && index.data(SubgraphTableModel::BottleneckRole).toString() != m_bottleneck)
        return false;
    if (m_minimumShare > 0 && index.data(SubgraphTableModel::ShareRole).toDouble() < m_minimumShare)
        return false;
    if (!m_opType.isEmpty()) {
        return index.data(Qt::DisplayRole).toString().contains(m_opType, Qt::CaseInsensitive)
            || index.data(SubgraphTableModel::OpTypesRole).toString().contains(m_opType, Qt::CaseInsensitive);
    }
    return true;
}

} // namespace graphs::ui
