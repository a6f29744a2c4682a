#include "graph/graph_layout.h"

#include "graph/layered_layout.h"
#ifdef GRAPHS_HAVE_GRAPHVIZ
#include "graph/graphviz_layout.h"
#endif

namespace graphs::ui {

bool graphvizAvailable()
{
#ifdef GRAPHS_HAVE_GRAPHVIZ
    return true;
#else
    return false;
#endif
}

LayoutMethod chooseLayoutMethod(const LayoutGraph& graph, const LayoutOptions& options)
{
    if (!graphvizAvailable())
        return LayoutMethod::Layered;
    switch (options.method) {
    case LayoutMethod::Graphviz:
        return LayoutMethod::Graphviz;
    case LayoutMethod::Layered:
        return LayoutMethod::Layered;
    case LayoutMethod::Automatic:
        break;
    }
    if (graph.nodes.size() > static_cast<size_t>(options.graphvizNodeLimit)
        || layeredSize(graph) > static_cast<size_t>(options.graphvizSizeLimit))
        return LayoutMethod::Layered;
    return LayoutMethod::Graphviz;
}

std::optional<GraphLayout> layoutGraph(
    const LayoutGraph& graph, const LayoutOptions& options, const LayoutCancelled& cancelled)
{
#ifdef GRAPHS_HAVE_GRAPHVIZ
    if (chooseLayoutMethod(graph, options) == LayoutMethod::Graphviz) {
        QString error;
        if (auto layout = graphvizLayout(graph, options, cancelled, &error))
            return layout;
        if (cancelled && cancelled())
            return std::nullopt;
        // dot failed: our own layout still shows the graph, and says why.
        auto layout = layeredLayout(graph, options, cancelled);
        if (layout)
            layout->note = QStringLiteral("dot: ") + error;
        return layout;
    }
#endif
    return layeredLayout(graph, options, cancelled);
}

} // namespace graphs::ui
