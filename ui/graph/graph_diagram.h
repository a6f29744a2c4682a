#pragma once

#include "graph/graph_layout.h"

#include <QString>
#include <functional>
#include <vector>

namespace graphs {
class ComputeGraph;
struct Partition;
struct Shape;
} // namespace graphs

namespace graphs::ui {

/// A box of the graph view: one operator, a fused subgraph drawn collapsed, or a graph input or output.
struct DiagramItem
{
    enum class Kind { Node, Subgraph, Input, Output };
    Kind kind = Kind::Node;
    int index = -1; ///< node index, subgraph id, or tensor index (inputs and outputs)
    QString title; ///< "Conv", "Conv+Add+Relu", the tensor's name
    QString subtitle; ///< the output shape, "3 nodes", the tensor's shape
};

/// Data flowing from one box to another (several tensors between the same boxes make one edge).
struct DiagramEdge
{
    int from = 0;
    int to = 0;
    int tensor = -1; ///< the first tensor that flows along it
};

/// What the graph view draws: which boxes and which edges, before any layout.
struct Diagram
{
    std::vector<DiagramItem> items;
    std::vector<DiagramEdge> edges;
    std::vector<int> itemOfNode; ///< graph node → the box that shows it (its own, or its subgraph's)
    std::vector<int> itemOfSubgraph; ///< subgraph → its collapsed box, or -1 (empty without a partition)
    int nodeItems = 0;
    int subgraphItems = 0;
};

/// Whether the view can draw `nodes` as one box: a subgraph of one node is drawn as that node.
inline bool isCollapsible(size_t nodes)
{
    return nodes > 1;
}

/// The boxes and edges of `graph`: every node, except that the subgraphs of `partition` (may be null) flagged in
/// `collapsed` (indexed by subgraph id; missing means expanded) become one box each. Initializers and constants are
/// left out; graph inputs and outputs get boxes of their own.
Diagram buildDiagram(const ComputeGraph& graph, const Partition* partition, const std::vector<char>& collapsed);

/// The layout problem of `diagram`, each box as large as `size` says.
LayoutGraph layoutGraphOf(const Diagram& diagram, const std::function<QSizeF(const DiagramItem&)>& size);

/// "1×64×112×112"; unknown dimensions show their symbol or "?", an unknown rank "?", rank 0 "scalar".
QString shapeText(const Shape& shape);

/// The first node after `after` (in execution order, wrapping round) whose name or op type contains `text`
/// (case-insensitive); -1 when none does or `text` is blank.
int findNextNode(const ComputeGraph& graph, const QString& text, int after);
/// How many nodes findNextNode() can reach; with `below` ≥ 0, only those of a lower index.
int countMatches(const ComputeGraph& graph, const QString& text, int below = -1);

} // namespace graphs::ui
