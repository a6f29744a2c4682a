#include "graph/layered_layout.h"

#include <algorithm>
#include <cstdint>
#include <functional>
#include <limits>
#include <numeric>
#include <queue>
#include <unordered_map>

namespace graphs::ui {

namespace {

/// Spacing of the virtual nodes that carry long edges: edges may run close, boxes may not.
constexpr double EdgeSeparation = 10;
/// Where a long edge and a box want the same place, the box keeps it: the edge bends round, whereas a box giving
/// way would shift everything below it, and a deep graph would drift sideways block after block.
constexpr double VirtualWeight = 0.5;
/// Past this many virtual nodes (skip edges of very deep graphs), the remaining long edges are drawn direct.
constexpr size_t VirtualBudgetPerNode = 40;

/// The graph as the phases below see it: real nodes first, then the virtual nodes of long edges; edges only
/// between adjacent layers, pointing down.
struct Layering
{
    size_t realCount = 0;
    std::vector<double> width;
    std::vector<double> height;
    std::vector<int> layer;
    std::vector<std::vector<int>> up; ///< neighbours one layer above
    std::vector<std::vector<int>> down; ///< neighbours one layer below
    std::vector<std::vector<int>> layers;
    std::vector<int> pos; ///< index within its layer
    std::vector<double> x;

    std::vector<int> chainTop; ///< per virtual node: the real node its long edge leaves
    std::vector<int> chainBottom; ///< per virtual node: the real node its long edge enters

    bool isVirtual(int v) const { return static_cast<size_t>(v) >= realCount; }
    int addVirtual(int inLayer, int top, int bottom)
    {
        chainTop.push_back(top);
        chainBottom.push_back(bottom);
        width.push_back(0);
        height.push_back(0);
        layer.push_back(inLayer);
        up.emplace_back();
        down.emplace_back();
        return static_cast<int>(width.size() - 1);
    }
    void link(int a, int b)
    {
        down[a].push_back(b);
        up[b].push_back(a);
    }
};

/// An edge as laid out: the chain of nodes it passes, top to bottom, and whether it points up in the input.
struct Route
{
    std::vector<int> chain;
    bool reversed = false;
};

/// Kahn's order, stable with respect to the input order; a node on a cycle is taken when nothing else is ready.
std::vector<int> topologicalRank(size_t n, const std::vector<std::pair<int, int>>& edges)
{
    std::vector<std::vector<int>> succ(n);
    std::vector<int> indegree(n, 0);
    for (const auto& [a, b] : edges) {
        succ[a].push_back(b);
        ++indegree[b];
    }
    std::priority_queue<int, std::vector<int>, std::greater<>> ready;
    for (size_t v = 0; v < n; ++v) {
        if (indegree[v] == 0)
            ready.push(static_cast<int>(v));
    }
    std::vector<int> rank(n, -1);
    int next = 0;
    size_t scan = 0;
    while (next < static_cast<int>(n)) {
        if (ready.empty()) {
            while (rank[scan] >= 0 || indegree[scan] < 0)
                ++scan;
            indegree[scan] = 0;
            ready.push(static_cast<int>(scan));
        }
        const int v = ready.top();
        ready.pop();
        if (rank[v] >= 0)
            continue;
        rank[v] = next++;
        indegree[v] = -1;
        for (int s : succ[v]) {
            if (indegree[s] > 0 && --indegree[s] == 0)
                ready.push(s);
        }
    }
    return rank;
}

int64_t crossingsBetween(const Layering& g, const std::vector<int>& upper, size_t lowerSize)
{
    // Edges sorted by their upper end (upper is in order already); inversions among the lower ends cross.
    std::vector<int> ends;
    for (int v : upper) {
        const size_t first = ends.size();
        for (int w : g.down[v])
            ends.push_back(g.pos[w]);
        std::sort(ends.begin() + static_cast<std::ptrdiff_t>(first), ends.end());
    }
    std::vector<int> tree(lowerSize + 1, 0); // Fenwick tree of lower positions seen so far
    int64_t crossings = 0;
    for (size_t i = 0; i < ends.size(); ++i) {
        int64_t notGreater = 0;
        for (int k = ends[i] + 1; k > 0; k -= k & -k)
            notGreater += tree[k];
        crossings += static_cast<int64_t>(i) - notGreater;
        for (int k = ends[i] + 1; k <= static_cast<int>(lowerSize); k += k & -k)
            ++tree[k];
    }
    return crossings;
}

int64_t crossings(const Layering& g)
{
    int64_t total = 0;
    for (size_t l = 0; l + 1 < g.layers.size(); ++l)
        total += crossingsBetween(g, g.layers[l], g.layers[l + 1].size());
    return total;
}

void sortByBarycentre(Layering& g, std::vector<int>& layer, bool fromAbove)
{
    std::vector<std::pair<double, int>> keyed;
    keyed.reserve(layer.size());
    for (int v : layer) {
        const auto& neighbours = fromAbove ? g.up[v] : g.down[v];
        double key = g.pos[v];
        if (!neighbours.empty()) {
            double sum = 0;
            for (int w : neighbours)
                sum += g.pos[w];
            key = sum / static_cast<double>(neighbours.size());
        }
        keyed.emplace_back(key, v);
    }
    std::stable_sort(keyed.begin(), keyed.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
    for (size_t i = 0; i < keyed.size(); ++i) {
        layer[i] = keyed[i].second;
        g.pos[layer[i]] = static_cast<int>(i);
    }
}

/// Sweeps down and up, keeping the order with the fewest crossings seen.
bool orderLayers(Layering& g, const LayoutCancelled& cancelled)
{
    const size_t size = g.width.size();
    const int sweeps = size > 20000 ? 3 : size > 5000 ? 6 : 12;
    auto best = g.layers;
    int64_t fewest = crossings(g);
    for (int sweep = 0; sweep < sweeps && fewest > 0; ++sweep) {
        if (cancelled && cancelled())
            return false;
        const bool downwards = sweep % 2 == 0;
        if (downwards) {
            for (size_t l = 1; l < g.layers.size(); ++l)
                sortByBarycentre(g, g.layers[l], true);
        } else {
            for (size_t l = g.layers.size() - 1; l-- > 0;)
                sortByBarycentre(g, g.layers[l], false);
        }
        if (const int64_t now = crossings(g); now < fewest) {
            fewest = now;
            best = g.layers;
        }
    }
    g.layers = std::move(best);
    for (const auto& layer : g.layers) {
        for (size_t i = 0; i < layer.size(); ++i)
            g.pos[layer[i]] = static_cast<int>(i);
    }
    return true;
}

/// Places the nodes of `layer` as close to `wanted` as its order and spacing allow (least squares, weighted):
/// with the gaps taken out, the positions must not decrease, which pool-adjacent-violators solves exactly.
void placeLayer(Layering& g, const std::vector<int>& layer, const std::vector<double>& wanted,
    const std::vector<double>& weight, double nodeSeparation)
{
    const size_t k = layer.size();
    std::vector<double> offset(k, 0);
    for (size_t i = 1; i < k; ++i) {
        const int a = layer[i - 1];
        const int b = layer[i];
        const double gap = g.isVirtual(a) && g.isVirtual(b) ? EdgeSeparation
            : g.isVirtual(a) || g.isVirtual(b)              ? nodeSeparation / 2
                                                            : nodeSeparation;
        offset[i] = offset[i - 1] + (g.width[a] + g.width[b]) / 2 + gap;
    }
    struct Block
    {
        double weight;
        double sum;
        size_t count;
        double mean() const { return sum / weight; }
    };
    std::vector<Block> blocks;
    for (size_t i = 0; i < k; ++i) {
        blocks.push_back({ weight[i], weight[i] * (wanted[i] - offset[i]), 1 });
        while (blocks.size() > 1 && blocks[blocks.size() - 2].mean() > blocks.back().mean()) {
            const Block last = blocks.back();
            blocks.pop_back();
            blocks.back().weight += last.weight;
            blocks.back().sum += last.sum;
            blocks.back().count += last.count;
        }
    }
    size_t i = 0;
    for (const Block& block : blocks) {
        for (size_t j = 0; j < block.count; ++j, ++i)
            g.x[layer[i]] = block.mean() + offset[i];
    }
}

void assignX(Layering& g, double nodeSeparation, const LayoutCancelled& cancelled)
{
    g.x.assign(g.width.size(), 0);
    std::vector<double> wanted;
    std::vector<double> weight;
    for (const auto& layer : g.layers) {
        wanted.assign(layer.size(), 0);
        weight.assign(layer.size(), 1);
        placeLayer(g, layer, wanted, weight, nodeSeparation); // packed, centred on 0
    }
    // How hard a neighbour pulls: a source that only feeds one node (a constant, a weight's Identity) and a long
    // edge joining in (a residual) barely move a box sideways, else the main chain drifts off a little at every
    // side input and every residual block.
    auto sideInput = [&g](int v) { return !g.isVirtual(v) && g.up[v].empty() && g.down[v].size() == 1; };
    auto pull = [&](int w) { return g.isVirtual(w) ? 0.3 : sideInput(w) ? 0.1 : 1.0; };
    auto pass = [&](const std::vector<int>& layer, bool above, bool below) {
        wanted.resize(layer.size());
        weight.resize(layer.size());
        for (size_t i = 0; i < layer.size(); ++i) {
            const int v = layer[i];
            if (g.isVirtual(v)) {
                // A long edge aims straight for the end it comes from in this sweep: following only its neighbour
                // in the chain, it would take as many sweeps as it is long to straighten.
                const size_t k = static_cast<size_t>(v) - g.realCount;
                const double top = g.x[g.chainTop[k]];
                const double bottom = g.x[g.chainBottom[k]];
                wanted[i] = above && below ? (top + bottom) / 2 : above ? top : bottom;
                weight[i] = VirtualWeight;
                continue;
            }
            double sum = 0;
            double count = 0;
            if (above) {
                for (int w : g.up[v]) {
                    sum += pull(w) * g.x[w];
                    count += pull(w);
                }
            }
            if (below) {
                for (int w : g.down[v]) {
                    sum += g.x[w];
                    count += 1;
                }
            }
            wanted[i] = count > 0 ? sum / count : g.x[v];
            // Side inputs give way to the chain they feed.
            weight[i] = count == 0 ? 0.05 : sideInput(v) ? 0.1 : 1;
        }
        placeLayer(g, layer, wanted, weight, nodeSeparation);
    };
    const int rounds = g.width.size() > 20000 ? 3 : 6;
    for (int round = 0; round < rounds; ++round) {
        if (cancelled && cancelled())
            return;
        for (size_t l = 1; l < g.layers.size(); ++l)
            pass(g.layers[l], true, false);
        for (size_t l = g.layers.size() - 1; l-- > 0;)
            pass(g.layers[l], false, true);
    }
    for (const auto& layer : g.layers)
        pass(layer, true, true);
}

/// Appends a cubic from the last point to `to` that leaves and arrives vertically.
void curveTo(std::vector<QPointF>& path, const QPointF& to)
{
    const QPointF from = path.back();
    const double dy = (to.y() - from.y()) / 2;
    path.emplace_back(from.x(), from.y() + dy);
    path.emplace_back(to.x(), to.y() - dy);
    path.push_back(to);
}

/// The layering: distinct edges (self-loops left out; every input edge keeps the index of its distinct one, or -1),
/// pointing down the topological order (back edges reversed), and a layer per node.
struct Ranking
{
    std::vector<std::pair<int, int>> edges;
    std::vector<int> edgeOf;
    std::vector<int> rank;
    std::vector<Route> routes; ///< per distinct edge: its two ends, top first
    std::vector<int> layer;
};

Ranking rankGraph(const LayoutGraph& graph)
{
    const size_t n = graph.nodes.size();
    Ranking r;
    r.edgeOf.assign(graph.edges.size(), -1);
    std::unordered_map<uint64_t, int> seen;
    for (size_t i = 0; i < graph.edges.size(); ++i) {
        const auto [a, b] = graph.edges[i];
        if (a == b || a < 0 || b < 0 || static_cast<size_t>(a) >= n || static_cast<size_t>(b) >= n)
            continue;
        const uint64_t key = (uint64_t(uint32_t(a)) << 32) | uint32_t(b);
        const auto [it, added] = seen.emplace(key, static_cast<int>(r.edges.size()));
        if (added)
            r.edges.emplace_back(a, b);
        r.edgeOf[i] = it->second;
    }

    // Layers: longest path from the sources, then sources (constants, shape inputs) moved down to just above
    // their first consumer instead of all sitting in layer 0.
    r.rank = topologicalRank(n, r.edges);
    std::vector<int> order(n);
    for (size_t v = 0; v < n; ++v)
        order[r.rank[v]] = static_cast<int>(v);
    r.routes.resize(r.edges.size());
    std::vector<std::vector<int>> preds(n);
    std::vector<std::vector<int>> succs(n);
    for (size_t e = 0; e < r.edges.size(); ++e) {
        auto [a, b] = r.edges[e];
        r.routes[e].reversed = r.rank[a] > r.rank[b];
        if (r.routes[e].reversed)
            std::swap(a, b);
        preds[b].push_back(a);
        succs[a].push_back(b);
        r.routes[e].chain = { a, b };
    }
    r.layer.assign(n, 0);
    for (int v : order) {
        for (int p : preds[v])
            r.layer[v] = std::max(r.layer[v], r.layer[p] + 1);
    }
    for (auto it = order.rbegin(); it != order.rend(); ++it) {
        const int v = *it;
        if (!preds[v].empty() || succs[v].empty())
            continue;
        int lowest = std::numeric_limits<int>::max();
        for (int s : succs[v])
            lowest = std::min(lowest, r.layer[s]);
        r.layer[v] = lowest - 1;
    }
    return r;
}

} // namespace

std::optional<GraphLayout> layeredLayout(
    const LayoutGraph& graph, const LayoutOptions& options, const LayoutCancelled& cancelled)
{
    const size_t n = graph.nodes.size();
    GraphLayout result;
    result.method = LayoutMethod::Layered;
    result.centres.resize(n);
    result.edgePaths.resize(graph.edges.size());
    if (n == 0)
        return result;

    Ranking ranking = rankGraph(graph);
    const auto& edges = ranking.edges;
    const auto& edgeOf = ranking.edgeOf;
    const auto& rank = ranking.rank;
    std::vector<Route>& routes = ranking.routes;
    Layering g;
    g.realCount = n;
    g.layer = std::move(ranking.layer);
    if (cancelled && cancelled())
        return std::nullopt;

    g.width.resize(n);
    g.height.resize(n);
    g.up.resize(n);
    g.down.resize(n);
    for (size_t v = 0; v < n; ++v) {
        g.width[v] = graph.nodes[v].width();
        g.height[v] = graph.nodes[v].height();
    }
    // Long edges get a chain of virtual nodes, one per layer crossed, shortest edges first while the budget lasts.
    std::vector<size_t> byLength(edges.size());
    std::iota(byLength.begin(), byLength.end(), size_t(0));
    auto span = [&](size_t e) { return g.layer[routes[e].chain.back()] - g.layer[routes[e].chain.front()]; };
    std::stable_sort(byLength.begin(), byLength.end(), [&](size_t a, size_t b) { return span(a) < span(b); });
    size_t budget = VirtualBudgetPerNode * n + 10000;
    for (size_t e : byLength) {
        Route& route = routes[e];
        const int a = route.chain.front();
        const int b = route.chain.back();
        const int length = span(e);
        if (length > 1 && static_cast<size_t>(length - 1) > budget)
            continue; // drawn direct, outside the layering
        budget -= static_cast<size_t>(std::max(0, length - 1));
        route.chain.clear();
        route.chain.push_back(a);
        for (int l = g.layer[a] + 1; l < g.layer[b]; ++l) {
            const int dummy = g.addVirtual(l, a, b);
            g.link(route.chain.back(), dummy);
            route.chain.push_back(dummy);
        }
        g.link(route.chain.back(), b);
        route.chain.push_back(b);
    }

    // First order: the topological order, virtual nodes beside the source of their edge.
    const size_t size = g.width.size();
    std::vector<double> key(size);
    for (size_t v = 0; v < n; ++v)
        key[v] = rank[v];
    for (const Route& route : routes) {
        for (size_t i = 1; i + 1 < route.chain.size(); ++i)
            key[route.chain[i]] = rank[route.chain.front()] + 0.5;
    }
    const int layerCount = *std::max_element(g.layer.begin(), g.layer.end()) + 1;
    g.layers.assign(static_cast<size_t>(layerCount), {});
    for (size_t v = 0; v < size; ++v)
        g.layers[g.layer[v]].push_back(static_cast<int>(v));
    g.pos.assign(size, 0);
    for (auto& layer : g.layers) {
        std::stable_sort(layer.begin(), layer.end(), [&](int a, int b) { return key[a] < key[b]; });
        for (size_t i = 0; i < layer.size(); ++i)
            g.pos[layer[i]] = static_cast<int>(i);
    }
    if (!orderLayers(g, cancelled))
        return std::nullopt;
    assignX(g, options.nodeSeparation, cancelled);
    if (cancelled && cancelled())
        return std::nullopt;

    // Layers stacked top to bottom, each as tall as its tallest box.
    std::vector<double> top(static_cast<size_t>(layerCount), 0);
    std::vector<double> tallest(static_cast<size_t>(layerCount), 0);
    for (size_t v = 0; v < n; ++v)
        tallest[g.layer[v]] = std::max(tallest[g.layer[v]], g.height[v]);
    for (int l = 1; l < layerCount; ++l)
        top[l] = top[l - 1] + tallest[l - 1] + options.rankSeparation;
    auto centreOf = [&](int v) { return QPointF(g.x[v], top[g.layer[v]] + tallest[g.layer[v]] / 2); };
    for (size_t v = 0; v < n; ++v)
        result.centres[v] = centreOf(static_cast<int>(v));

    std::vector<std::vector<QPointF>> paths(edges.size());
    for (size_t e = 0; e < edges.size(); ++e) {
        const Route& route = routes[e];
        const int a = route.chain.front();
        const int b = route.chain.back();
        std::vector<QPointF>& path = paths[e];
        path.push_back(centreOf(a) + QPointF(0, g.height[a] / 2));
        for (size_t i = 1; i + 1 < route.chain.size(); ++i) {
            // Through the layer of a virtual node straight down, curving only between layers.
            const int v = route.chain[i];
            const QPointF enter(g.x[v], top[g.layer[v]]);
            const QPointF leave(g.x[v], top[g.layer[v]] + tallest[g.layer[v]]);
            curveTo(path, enter);
            path.push_back(enter);
            path.push_back(leave);
            path.push_back(leave);
        }
        curveTo(path, centreOf(b) - QPointF(0, g.height[b] / 2));
        if (route.reversed)
            std::reverse(path.begin(), path.end());
    }
    for (size_t i = 0; i < graph.edges.size(); ++i) {
        if (edgeOf[i] >= 0)
            result.edgePaths[i] = paths[edgeOf[i]];
    }

    QRectF bounds;
    for (size_t v = 0; v < n; ++v)
        bounds |= QRectF(result.centres[v] - QPointF(g.width[v] / 2, g.height[v] / 2), graph.nodes[v]);
    for (const auto& path : paths) {
        for (const QPointF& p : path)
            bounds |= QRectF(p, QSizeF(0.01, 0.01));
    }
    result.bounds = bounds;
    return result;
}

size_t layeredSize(const LayoutGraph& graph)
{
    const Ranking ranking = rankGraph(graph);
    size_t size = graph.nodes.size();
    for (const Route& route : ranking.routes)
        size += static_cast<size_t>(
            std::max(0, ranking.layer[route.chain.back()] - ranking.layer[route.chain.front()] - 1));
    return size;
}

} // namespace graphs::ui
