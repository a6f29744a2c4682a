#include "models/node_filter_proxy_model.h"

#include "models/node_table_model.h"

#include <QRegularExpression>

namespace graphs::ui {

NodeFilterProxyModel::NodeFilterProxyModel(QObject* parent)
    : QSortFilterProxyModel(parent)
{
    setSortRole(NodeTableModel::SortRole);
    setFilterCaseSensitivity(Qt::CaseInsensitive);
}

bool NodeFilterProxyModel::filterAcceptsRow(int sourceRow, const QModelIndex& sourceParent) const
{
    const QRegularExpression filter = filterRegularExpression();
    if (filter.pattern().isEmpty())
        return true;
    for (int column : { NodeTableModel::Name, NodeTableModel::OpType }) {
        const QModelIndex index = sourceModel()->index(sourceRow, column, sourceParent);
        if (index.data(Qt::DisplayRole).toString().contains(filter))
            return true;
    }
    return false;
}

} // namespace graphs::ui
