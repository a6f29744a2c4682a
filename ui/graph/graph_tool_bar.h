#pragma once

#include "graph/graph_colours.h"

#include <QWidget>

class QAction;
class QComboBox;
class QLabel;
class QLineEdit;
class QToolButton;

namespace graphs::ui {

/// The controls above the graph view: the search box, the colour mode, folding and zoom. It holds the widgets and
/// their actions; the page connects them. Shortcuts (Ctrl+F, Ctrl+=, Ctrl+-, Ctrl+0) belong to the widget that
/// adds actions(): the page, so that they work wherever its focus is and nowhere else.
class GraphToolBar : public QWidget
{
    Q_OBJECT

public:
    explicit GraphToolBar(QWidget* parent = nullptr);

    ColourMode colourMode() const;
    void setColourMode(ColourMode mode);
    /// The toggle for the selected subgraph: disabled without one that can fold; says what a click would do.
    void setSubgraphToggle(bool enabled, bool collapsed, bool partitioned);

    QLineEdit* searchField() const { return m_search; }
    QLabel* matchesLabel() const { return m_matches; }
    QComboBox* colourModeBox() const { return m_colourMode; }
    QToolButton* subgraphToggle() const { return m_toggleSubgraph; }
    QAction* findAction() const { return m_find; }
    QAction* findNextAction() const { return m_findNext; }
    QAction* zoomInAction() const { return m_zoomIn; }
    QAction* zoomOutAction() const { return m_zoomOut; }
    QAction* fitAction() const { return m_fit; }
    QAction* expandAllAction() const { return m_expandAll; }
    QAction* collapseAllAction() const { return m_collapseAll; }

private:
    QLineEdit* m_search;
    QLabel* m_matches;
    QComboBox* m_colourMode;
    QToolButton* m_toggleSubgraph;
    QAction* m_find;
    QAction* m_findNext;
    QAction* m_zoomIn;
    QAction* m_zoomOut;
    QAction* m_fit;
    QAction* m_expandAll;
    QAction* m_collapseAll;
};

} // namespace graphs::ui
