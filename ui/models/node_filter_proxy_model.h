#pragma once

#include <QSortFilterProxyModel>

namespace graphs::ui {

/// Sorts a NodeTableModel by its raw numbers and keeps the rows whose name or operator type matches the filter.
class NodeFilterProxyModel : public QSortFilterProxyModel
{
    Q_OBJECT

public:
    explicit NodeFilterProxyModel(QObject* parent = nullptr);

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex& sourceParent) const override;
};

} // namespace graphs::ui
