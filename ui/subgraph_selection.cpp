#include "subgraph_selection.h"

namespace graphs::ui {

SubgraphSelection::SubgraphSelection(QObject* parent)
    : QObject(parent)
{
}

void SubgraphSelection::select(int subgraph)
{
    if (subgraph < 0)
        subgraph = -1;
    if (subgraph == m_current)
        return;
    m_current = subgraph;
    Q_EMIT changed(m_current);
}

} // namespace graphs::ui
