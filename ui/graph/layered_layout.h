#pragma once

#include "graph/graph_layout.h"

namespace graphs::ui {

/// Our own Sugiyama-style layout, fast enough for graphs Graphviz takes too long over: longest-path layering (sources
/// pulled down next to their first consumer), a chain of virtual nodes along every edge that spans layers,
/// barycentric ordering sweeps that keep the order with the fewest crossings, then x coordinates pulled towards the
/// neighbours under the layer's order and spacing. Cycles are broken by reversing back edges. Nullopt when cancelled.
std::optional<GraphLayout> layeredLayout(
    const LayoutGraph& graph, const LayoutOptions& options, const LayoutCancelled& cancelled);

/// Boxes plus the virtual nodes that long edges would need: what dot's cost grows with, more than with boxes alone.
size_t layeredSize(const LayoutGraph& graph);

} // namespace graphs::ui
