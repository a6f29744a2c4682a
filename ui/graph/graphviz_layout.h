#pragma once

#include "graph/graph_layout.h"

#include <QString>

namespace graphs::ui {

/// dot through libgvc, with its effort bounded (nslimit, nslimit1, mclimit, searchsize). Layouts run one at a time:
/// libgvc and libcgraph keep global state. Nullopt when cancelled before it started (dot itself cannot be
/// interrupted) or when dot fails, with the reason in `error`. Only built when Graphviz is found.
std::optional<GraphLayout> graphvizLayout(
    const LayoutGraph& graph, const LayoutOptions& options, const LayoutCancelled& cancelled, QString* error);

} // namespace graphs::ui
