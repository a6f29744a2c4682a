#include "graph/graph_tool_bar.h"

#include <QAction>
#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QToolButton>
#include <algorithm>

namespace graphs::ui {

namespace {

QAction* makeAction(QObject* parent, const QString& text, const QString& name, QList<QKeySequence> keys = {})
{
    auto* action = new QAction(text, parent);
    action->setObjectName(name);
    // A standard key that is the same as one given (Ctrl+- is QKeySequence::ZoomOut) would be ambiguous.
    keys.erase(std::unique(keys.begin(), keys.end()), keys.end());
    action->setShortcuts(keys);
    // Other pages may want the same keys.
    action->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    return action;
}

} // namespace

GraphToolBar::GraphToolBar(QWidget* parent)
    : QWidget(parent)
    , m_search(new QLineEdit)
    , m_matches(new QLabel)
    , m_colourMode(new QComboBox)
    , m_toggleSubgraph(new QToolButton)
    , m_find(makeAction(this, tr("Find"), QStringLiteral("graphFind"), { QKeySequence::Find }))
    , m_findNext(makeAction(this, tr("Next"), QStringLiteral("graphFindNext")))
    , m_zoomIn(makeAction(this, tr("Zoom In"), QStringLiteral("graphZoomIn"),
          { QKeySequence(Qt::CTRL | Qt::Key_Equal), QKeySequence::ZoomIn }))
    , m_zoomOut(makeAction(this, tr("Zoom Out"), QStringLiteral("graphZoomOut"),
          { QKeySequence(Qt::CTRL | Qt::Key_Minus), QKeySequence::ZoomOut }))
    , m_fit(makeAction(this, tr("Fit"), QStringLiteral("graphFit"), { QKeySequence(Qt::CTRL | Qt::Key_0) }))
    , m_expandAll(makeAction(this, tr("Expand All"), QStringLiteral("graphExpandAll")))
    , m_collapseAll(makeAction(this, tr("Collapse All"), QStringLiteral("graphCollapseAll")))
{
    m_search->setObjectName(QStringLiteral("graphSearch"));
    m_search->setPlaceholderText(tr("Find a node by name or op type (Enter: next)"));
    m_search->setClearButtonEnabled(true);
    m_matches->setObjectName(QStringLiteral("graphSearchMatches"));
    m_colourMode->setObjectName(QStringLiteral("graphColourMode"));
    m_colourMode->addItem(tr("Operator class"), QVariant::fromValue(int(ColourMode::OperatorClass)));
    m_colourMode->addItem(tr("Subgraph"), QVariant::fromValue(int(ColourMode::Subgraph)));
    m_colourMode->addItem(tr("Bottleneck"), QVariant::fromValue(int(ColourMode::Bottleneck)));
    m_colourMode->addItem(tr("Latency share"), QVariant::fromValue(int(ColourMode::LatencyShare)));
    m_colourMode->setToolTip(tr("What the colour of a box tells"));
    m_toggleSubgraph->setObjectName(QStringLiteral("graphToggleSubgraph"));
    m_findNext->setToolTip(tr("Select the next node that matches"));
    m_fit->setToolTip(tr("Show the whole graph (%1)").arg(m_fit->shortcut().toString(QKeySequence::NativeText)));
    m_expandAll->setToolTip(tr("Draw every node of the fused subgraphs"));
    m_collapseAll->setToolTip(tr("Draw each fused subgraph as one box"));
    addActions({ m_find, m_findNext, m_zoomIn, m_zoomOut, m_fit, m_expandAll, m_collapseAll });

    auto button = [](QAction* action) {
        auto* b = new QToolButton;
        b->setDefaultAction(action);
        return b;
    };
    auto* row = new QHBoxLayout(this);
    row->setContentsMargins(0, 0, 0, 0);
    row->addWidget(m_search, 2);
    row->addWidget(button(m_findNext));
    row->addWidget(m_matches);
    row->addSpacing(12);
    row->addWidget(new QLabel(tr("Colour by")));
    row->addWidget(m_colourMode);
    row->addSpacing(12);
    row->addWidget(m_toggleSubgraph);
    for (QAction* action : { m_expandAll, m_collapseAll, m_zoomOut, m_zoomIn, m_fit })
        row->addWidget(button(action));

    connect(m_find, &QAction::triggered, this, [this] {
        m_search->setFocus();
        m_search->selectAll();
    });
}

ColourMode GraphToolBar::colourMode() const
{
    return static_cast<ColourMode>(m_colourMode->currentData().toInt());
}

void GraphToolBar::setColourMode(ColourMode mode)
{
    m_colourMode->setCurrentIndex(m_colourMode->findData(QVariant::fromValue(int(mode))));
}

void GraphToolBar::setSubgraphToggle(bool enabled, bool collapsed, bool partitioned)
{
    m_toggleSubgraph->setEnabled(enabled);
    m_toggleSubgraph->setText(collapsed ? tr("Expand Subgraph") : tr("Collapse Subgraph"));
    m_toggleSubgraph->setToolTip(partitioned
            ? tr("Draw the selected fused subgraph as one box, or expand it (or double-click it)")
            : tr("Choose hardware in the toolbar to partition the model into kernels"));
}

} // namespace graphs::ui
