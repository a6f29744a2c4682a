#pragma once

#include <QPointF>
#include <QRectF>
#include <QSizeF>
#include <QString>
#include <functional>
#include <optional>
#include <vector>

namespace graphs::ui {

/// What a layout sees of a graph: box sizes and directed edges between them, nothing else. Built on the GUI thread
/// (sizes come from font metrics) and handed by value to a worker.
struct LayoutGraph
{
    struct Edge
    {
        int from = 0;
        int to = 0;
    };
    std::vector<QSizeF> nodes; ///< box sizes, scene units
    std::vector<Edge> edges; ///< duplicates and self-loops are allowed (and not routed twice)
};

enum class LayoutMethod {
    Automatic, ///< Graphviz dot within LayoutOptions' limits (when built with it), else Layered
    Graphviz, ///< dot through libgvc, with its effort bounded; Layered when Graphviz is missing or fails
    Layered, ///< our own: longest-path layers, barycentric ordering, straightened coordinates
};

/// Automatic layout uses Graphviz up to this many boxes, and our own layered layout beyond. Measured with dot's
/// effort bounded (one core, tests/benchmarks/bench_graph_layout.cpp): vit_b_16 (1,026 boxes) 0.19 s, two of it
/// chained (2,052) 1.05 s; our layout takes 2 ms and 5 ms for them, and 35 ms for 5,000 generated boxes.
constexpr int DefaultGraphvizNodeLimit = 1500;
/// dot's cost follows the boxes plus the segments of long edges (one per layer crossed) more than the boxes alone:
/// 1,000 generated boxes with many skip edges make 10,400 and take dot 1.8 s, vit_b_16 makes 2,128. Beyond this
/// many, the layered layout is used whatever the number of boxes.
constexpr int DefaultGraphvizSizeLimit = 6000;

struct LayoutOptions
{
    LayoutMethod method = LayoutMethod::Automatic;
    int graphvizNodeLimit = DefaultGraphvizNodeLimit;
    int graphvizSizeLimit = DefaultGraphvizSizeLimit;
    double nodeSeparation = 24; ///< between boxes of a layer
    double rankSeparation = 36; ///< between layers
};

/// Where every box goes, top to bottom (y grows downwards, as in a QGraphicsScene).
struct GraphLayout
{
    std::vector<QPointF> centres; ///< aligned with LayoutGraph::nodes
    /// Aligned with LayoutGraph::edges: a cubic Bézier path from the source's border to the target's border, as a
    /// start point followed by (control, control, end) triples. Empty for self-loops.
    std::vector<std::vector<QPointF>> edgePaths;
    QRectF bounds; ///< of every box and path
    LayoutMethod method = LayoutMethod::Layered; ///< what actually ran: Graphviz or Layered
    QString note; ///< why Graphviz was asked for but did not run ("dot: …"), else empty
};

/// Returns true to stop: a superseded layout gives up at the next check.
using LayoutCancelled = std::function<bool()>;

/// Lays `graph` out. Safe to call from any thread: Graphviz runs serialised (libgvc keeps global state). Returns
/// nullopt only when `cancelled` said so.
///
///     LayoutGraph g;
///     g.nodes = { {80, 30}, {80, 30} };
///     g.edges = { {0, 1} };
///     auto layout = layoutGraph(g); // layout->centres[0].y() < layout->centres[1].y()
std::optional<GraphLayout> layoutGraph(
    const LayoutGraph& graph, const LayoutOptions& options = {}, const LayoutCancelled& cancelled = {});

/// The method layoutGraph() will use for `graph` (Graphviz or Layered, never Automatic).
LayoutMethod chooseLayoutMethod(const LayoutGraph& graph, const LayoutOptions& options);

/// Whether this build has Graphviz (libgvc).
bool graphvizAvailable();

} // namespace graphs::ui
