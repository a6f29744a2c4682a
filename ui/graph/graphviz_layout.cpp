#include "graph/graphviz_layout.h"

#include <QCoreApplication>
#include <QLineF>
#include <algorithm>
#include <graphviz/cgraph.h>
#include <graphviz/gvc.h>
#include <mutex>
#include <string>
#include <unordered_map>

namespace graphs::ui {

namespace {

/// Graphviz's unit: attributes in inches, coordinates in points.
constexpr double PointsPerInch = 72;

/// libgvc and libcgraph keep global state (the error handler, string dictionaries, plugin tables): one layout at a
/// time, whatever thread asks.
std::mutex& graphvizMutex()
{
    static std::mutex mutex;
    return mutex;
}

/// cgraph's API takes `char*` but copies the strings it keeps.
char* text(const std::string& s)
{
    return const_cast<char*>(s.c_str());
}

std::string inches(double points)
{
    return std::to_string(points / PointsPerInch);
}

/// Frees what the layout allocated, whatever path leaves the function.
struct Session
{
    GVC_t* context = gvContext();
    Agraph_t* graph = nullptr;
    bool laidOut = false;
    agerrlevel_t previousErrorLevel = agseterr(AGMAX); // dot's warnings would go to stderr

    Session() = default;
    Session(const Session&) = delete;
    Session& operator=(const Session&) = delete;
    ~Session()
    {
        if (graph && laidOut)
            gvFreeLayout(context, graph);
        if (graph)
            agclose(graph);
        gvFreeContext(context);
        agseterr(previousErrorLevel);
    }
};

/// Graph-wide attributes: top to bottom, spacing, spline edges without arrowheads (the view draws its own), and, on
/// large graphs, one network-simplex pass per node for ranking (nslimit1) and for x coordinates (nslimit). That bound
/// is what keeps dot usable on graphs with long skip edges: 1,000 nodes with many of them take 1.8 s instead of 10 s.
/// Fewer crossing-minimisation passes (mclimit 0.3) measured slower on vit_b_16 (0.3 s against 0.19 s), so mclimit
/// stays at 1 (tests/benchmarks/bench_graph_layout.cpp).
void setGraphAttributes(Agraph_t* g, const LayoutOptions& options, size_t nodes)
{
    const bool large = nodes > 400;
    const std::pair<const char*, std::string> attributes[] = {
        { "rankdir", "TB" },
        { "nodesep", inches(options.nodeSeparation) },
        { "ranksep", inches(options.rankSeparation) },
        { "splines", "spline" },
        { "nslimit", large ? "1" : "8" },
        { "nslimit1", large ? "1" : "8" },
        { "mclimit", "1" },
        { "searchsize", "30" },
        { "remincross", "false" },
    };
    for (const auto& [name, value] : attributes)
        agattr(g, AGRAPH, text(name), text(value));
}

} // namespace

std::optional<GraphLayout> graphvizLayout(
    const LayoutGraph& graph, const LayoutOptions& options, const LayoutCancelled& cancelled, QString* error)
{
    const std::lock_guard lock(graphvizMutex());
    // Dot cannot be interrupted once running: a layout superseded while it waited for the lock gives up here.
    if (cancelled && cancelled())
        return std::nullopt;

    const size_t n = graph.nodes.size();
    GraphLayout result;
    result.method = LayoutMethod::Graphviz;
    result.centres.resize(n);
    result.edgePaths.resize(graph.edges.size());
    if (n == 0)
        return result;

    Session session;
    session.graph = agopen(text("graph"), Agdirected, nullptr);
    Agraph_t* g = session.graph;
    setGraphAttributes(g, options, n);
    // Boxes of the sizes given, without labels: dot would otherwise measure text with its own fonts.
    agattr(g, AGNODE, text("shape"), text("box"));
    agattr(g, AGNODE, text("fixedsize"), text("true"));
    agattr(g, AGNODE, text("label"), text(""));
    Agsym_t* width = agattr(g, AGNODE, text("width"), text("1"));
    Agsym_t* height = agattr(g, AGNODE, text("height"), text("0.5"));
    agattr(g, AGEDGE, text("arrowhead"), text("none"));

    std::vector<Agnode_t*> nodes(n);
    for (size_t v = 0; v < n; ++v) {
        nodes[v] = agnode(g, text("n" + std::to_string(v)), 1);
        agxset(nodes[v], width, text(inches(graph.nodes[v].width())));
        agxset(nodes[v], height, text(inches(graph.nodes[v].height())));
    }
    // One dot edge per distinct pair; input edges that repeat a pair share its route.
    std::unordered_map<uint64_t, Agedge_t*> edges;
    std::vector<Agedge_t*> edgeOf(graph.edges.size(), nullptr);
    for (size_t i = 0; i < graph.edges.size(); ++i) {
        const auto [a, b] = graph.edges[i];
        if (a == b || a < 0 || b < 0 || static_cast<size_t>(a) >= n || static_cast<size_t>(b) >= n)
            continue;
        const uint64_t key = (uint64_t(uint32_t(a)) << 32) | uint32_t(b);
        auto [it, added] = edges.emplace(key, nullptr);
        if (added)
            it->second = agedge(g, nodes[a], nodes[b], nullptr, 1);
        edgeOf[i] = it->second;
    }

    if (gvLayout(session.context, g, "dot") != 0) {
        if (error) {
            const char* last = aglasterr();
            *error = last ? QString::fromUtf8(last).trimmed()
                          : QCoreApplication::translate("graphs::ui::GraphvizLayout", "dot failed");
        }
        return std::nullopt;
    }
    session.laidOut = true;

    // Graphviz's y grows upwards; flip it so the first layer is on top.
    const boxf box = GD_bb(g);
    auto flip = [&](const pointf& p) { return QPointF(p.x - box.LL.x, box.UR.y - p.y); };
    for (size_t v = 0; v < n; ++v)
        result.centres[v] = flip(ND_coord(nodes[v]));
    std::unordered_map<Agedge_t*, std::vector<QPointF>> paths;
    for (const auto& [key, e] : edges) {
        const splines* spl = ED_spl(e);
        if (!spl || spl->size == 0 || spl->list[0].size < 4)
            continue;
        std::vector<QPointF>& path = paths[e];
        for (int b = 0; b < spl->size; ++b) {
            const bezier& curve = spl->list[b];
            // Further curves (rare: edges split around clusters) continue from where the last one ended.
            for (int i = b == 0 ? 0 : 1; i < curve.size; ++i)
                path.push_back(flip(curve.list[i]));
        }
        const size_t tail = static_cast<size_t>(key >> 32);
        const size_t head = static_cast<size_t>(key & 0xffffffffu);
        // dot routes a reversed (cycle-breaking) edge from its head; the view wants source → target.
        if (QLineF(path.front(), result.centres[head]).length() < QLineF(path.front(), result.centres[tail]).length())
            std::reverse(path.begin(), path.end());
    }
    for (size_t i = 0; i < graph.edges.size(); ++i) {
        if (edgeOf[i]) {
            if (const auto it = paths.find(edgeOf[i]); it != paths.end())
                result.edgePaths[i] = it->second;
        }
    }
    result.bounds = QRectF(0, 0, box.UR.x - box.LL.x, box.UR.y - box.LL.y);
    return result;
}

} // namespace graphs::ui
