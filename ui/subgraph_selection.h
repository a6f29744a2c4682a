#pragma once

#include <QObject>

namespace graphs::ui {

/// The subgraph the user singled out, shared by the views that show subgraphs (the table, the roofline): each
/// view selects through it and follows its changes, so a click in one shows in the others.
class SubgraphSelection : public QObject
{
    Q_OBJECT

public:
    explicit SubgraphSelection(QObject* parent = nullptr);

    /// The selected subgraph's id (its index in the partition), or -1.
    int current() const { return m_current; }
    /// Selects `subgraph` (-1 clears); changed() follows only when the selection differs.
    void select(int subgraph);
    void clear() { select(-1); }

Q_SIGNALS:
    void changed(int subgraph);

private:
    int m_current = -1;
};

} // namespace graphs::ui
