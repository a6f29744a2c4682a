#pragma once

#include "graph/graph_colours.h"
#include "graph/graph_diagram.h"
#include "graph/graph_layout.h"
#include "jobs/job_tracker.h"

#include <QWidget>
#include <memory>
#include <optional>
#include <vector>

class QComboBox;
class QLabel;
class QLineEdit;

namespace graphs {
struct GraphAnalysis;
struct Partition;
} // namespace graphs

namespace graphs::ui {

struct EstimatedModel;
class GraphLegend;
class GraphPropertiesPanel;
class GraphScene;
class GraphToolBar;
class GraphView;
class SubgraphSelection;

/// The model as a graph, drawn like Netron: a box per operator (or per fused subgraph, collapsed), laid out top to
/// bottom on the thread pool (Graphviz dot, or our own layered layout for large graphs), coloured by operator class,
/// subgraph, bottleneck or share of latency. Clicking a box selects its subgraph everywhere, and a subgraph selected
/// elsewhere is ringed and brought into view; the side panel tells what the selection is and costs.
///
/// Layout waits until the page is shown: a model opened on another page costs nothing here.
class GraphViewPage : public QWidget
{
    Q_OBJECT

public:
    explicit GraphViewPage(SubgraphSelection* selection, QWidget* parent = nullptr);

    /// Shows `analysis` (nullptr: nothing); an estimate of another analysis is dropped.
    void setAnalysis(std::shared_ptr<const GraphAnalysis> analysis);
    /// Adds the partition and the estimate (nullptr: none): colours, collapsing and the properties follow. An estimate
    /// of another analysis brings that analysis along.
    void setEstimate(std::shared_ptr<const EstimatedModel> estimate);

    ColourMode colourMode() const;
    void setColourMode(ColourMode mode);

    /// Singles out node `node`: its subgraph is selected everywhere, and the view brings it into sight.
    void selectNode(int node);
    int selectedNode() const { return m_selectedNode; }
    /// Selects the next node whose name or op type contains `text`; returns it, or -1 when none matches.
    int findNext(const QString& text);

    void expandAll();
    void collapseAll();
    void setSubgraphCollapsed(int subgraph, bool collapsed);
    bool isSubgraphCollapsed(int subgraph) const;

    /// Whether a layout is under way or waiting for the page to be shown.
    bool isLayoutPending() const { return m_dirty || m_layout.isRunning(); }
    /// What laid out the graph shown, and how long it took (ms); nullopt before the first layout.
    std::optional<LayoutMethod> layoutMethod() const { return m_layoutMethod; }
    qint64 layoutMilliseconds() const { return m_layoutMs; }

    GraphView* view() const { return m_view; }
    GraphScene* scene() const { return m_scene; }
    GraphToolBar* toolBar() const { return m_bar; }
    QLineEdit* searchField() const;
    QComboBox* colourModeBox() const;
    GraphPropertiesPanel* properties() const { return m_properties; }
    GraphLegend* legend() const { return m_legend; }

Q_SIGNALS:
    /// A layout has been drawn (the scene holds the current diagram).
    void layoutFinished();

protected:
    void showEvent(QShowEvent* event) override;

private:
    struct Outcome
    {
        std::shared_ptr<const Diagram> diagram;
        std::optional<GraphLayout> layout;
        std::vector<QSizeF> sizes; ///< of the boxes, as laid out
        QString error;
        qint64 milliseconds = 0;
    };

    void connectToolBar();
    void invalidateLayout();
    void startLayout();
    void onLayoutFinished(const Outcome& outcome);
    void positionView();
    void applyColours();
    void applySelection();
    void revealSelection();
    void onBoxClicked(int item);
    void onBoxDoubleClicked(int item);
    void onSharedSelectionChanged(int subgraph);
    void updateControls();
    void updateMatches();
    /// The partition of the estimate when it belongs to the analysis shown, else null.
    const Partition* partition() const;
    int subgraphOfNode(int node) const;
    /// The boxes that show subgraph `subgraph` in the current diagram.
    std::vector<int> itemsOfSubgraph(int subgraph) const;

    SubgraphSelection* m_selection;
    std::shared_ptr<const GraphAnalysis> m_analysis;
    std::shared_ptr<const EstimatedModel> m_estimate;
    std::vector<char> m_collapsed; ///< per subgraph of the estimate's partition
    int m_selectedNode = -1;
    int m_selectedTensor = -1; ///< a graph input or output singled out
    int m_searchCursor = -1;
    bool m_selecting = false; ///< the shared selection is changing because of a click here
    bool m_revealPending = false;

    JobTracker<Outcome> m_layout;
    bool m_dirty = false;
    std::optional<LayoutMethod> m_layoutMethod;
    qint64 m_layoutMs = 0;

    GraphScene* m_scene;
    GraphView* m_view;
    GraphPropertiesPanel* m_properties;
    GraphLegend* m_legend;
    GraphToolBar* m_bar;
    QLabel* m_status;
};

} // namespace graphs::ui
