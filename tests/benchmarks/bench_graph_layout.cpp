// Layout speed of the graph view: Graphviz dot (effort bounded) against the built-in layered layout, on real models
// (boxes sized as graphs-studio draws them) and on larger graphs: vit_b_16 chained end to end several times,
// generated chains with skip edges (up to 10,000 boxes), and the generated 10,000-node transformer
// (synthetic_models.h), whose diagram building is timed too. Where dot stops being interactive sets
// DefaultGraphvizNodeLimit.
// Run: build/tests/benchmarks/bench_graph_layout [--benchmark_filter=vit]
// max_rss_mib is the process's peak so far: filter to one benchmark for that benchmark's own figure.

#include "bench_support.h"
#include "frontends/onnx_importer.h"
#include "graph/graph_diagram.h"
#include "graph/graph_items.h"
#include "graph/graph_layout.h"
#include "graph/layered_layout.h"
#include "ir/compute_graph.h"
#include "synthetic_models.h"

#include <QGuiApplication>
#include <QRandomGenerator>
#include <benchmark/benchmark.h>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

using graphs::ui::LayoutGraph;
using graphs::ui::LayoutMethod;

namespace {

/// Builds its graph on first use, outside the timed loop, so a filtered run pays (and holds in memory) only for the
/// graphs it lays out.
class LazyGraph
{
public:
    explicit LazyGraph(std::function<std::optional<LayoutGraph>()> make)
        : m_make(std::make_shared<std::function<std::optional<LayoutGraph>()>>(std::move(make)))
        , m_graph(std::make_shared<std::optional<std::optional<LayoutGraph>>>())
    {
    }
    const std::optional<LayoutGraph>& get() const
    {
        if (!m_graph->has_value())
            *m_graph = (*m_make)();
        return **m_graph;
    }

private:
    std::shared_ptr<std::function<std::optional<LayoutGraph>()>> m_make;
    std::shared_ptr<std::optional<std::optional<LayoutGraph>>> m_graph;
};

std::shared_ptr<const graphs::ComputeGraph> importModel(const std::string& path)
{
    if (path.empty() || !std::filesystem::exists(path))
        return nullptr;
    auto imported = graphs::importOnnxFile(path, {});
    return imported ? imported->graph : nullptr;
}

std::string structureModel(const std::string& model)
{
    return graphs::bench::sharedModel(model + ".structure.onnx");
}

/// The layout problem graphs-studio hands its worker for a model: one box per node, input and output.
std::optional<LayoutGraph> modelLayoutGraph(const std::string& path)
{
    const auto graph = importModel(path);
    if (!graph)
        return std::nullopt;
    const graphs::ui::Diagram diagram = graphs::ui::buildDiagram(*graph, nullptr, {});
    return graphs::ui::layoutGraphOf(diagram, &graphs::ui::DiagramBoxItem::sizeFor);
}

/// `copies` of `g` one after the other, the last box of each feeding the first of the next.
LayoutGraph chained(const LayoutGraph& g, int copies)
{
    LayoutGraph out;
    const int n = static_cast<int>(g.nodes.size());
    for (int c = 0; c < copies; ++c) {
        out.nodes.insert(out.nodes.end(), g.nodes.begin(), g.nodes.end());
        for (const auto& e : g.edges)
            out.edges.push_back({ e.from + c * n, e.to + c * n });
        if (c > 0)
            out.edges.push_back({ c * n - 1, c * n });
    }
    return out;
}

/// A chain of `n` boxes, each also fed by one of the 40 before it; every 11th starts a branch of its own.
LayoutGraph generated(int n)
{
    QRandomGenerator random(11);
    LayoutGraph g;
    for (int i = 0; i < n; ++i)
        g.nodes.emplace_back(60 + random.bounded(80), i % 7 == 0 ? 22 : 36);
    for (int i = 1; i < n; ++i) {
        if (i % 11 != 0)
            g.edges.push_back({ i - 1, i });
        if (i > 2)
            g.edges.push_back({ i - 2 - random.bounded(std::min(40, i - 2)), i });
    }
    return g;
}

void layOut(benchmark::State& state, const LazyGraph& lazy, LayoutMethod method)
{
    const auto& graph = lazy.get();
    if (!graph) {
        state.SkipWithError("model absent (shared models missing, or the generated model could not be written)");
        return;
    }
    if (method == LayoutMethod::Graphviz && !graphs::ui::graphvizAvailable()) {
        state.SkipWithError("built without Graphviz");
        return;
    }
    graphs::ui::LayoutOptions options;
    options.method = method;
    for (auto _ : state)
        benchmark::DoNotOptimize(graphs::ui::layoutGraph(*graph, options));
    state.counters["nodes"] = static_cast<double>(graph->nodes.size());
    state.counters["edges"] = static_cast<double>(graph->edges.size());
    state.counters["size"] = static_cast<double>(graphs::ui::layeredSize(*graph)); // boxes + long-edge segments
    state.counters["max_rss_mib"] = graphs::bench::peakRssMib();
}

/// What the graph page does on the GUI thread before the worker lays out: the diagram (boxes, edges) of an imported
/// graph and the box sizes from font metrics.
void prepareDiagram(benchmark::State& state, const std::string& path)
{
    const auto graph = importModel(path);
    if (!graph) {
        state.SkipWithError(("cannot import " + path).c_str());
        return;
    }
    size_t boxes = 0;
    for (auto _ : state) {
        const graphs::ui::Diagram diagram = graphs::ui::buildDiagram(*graph, nullptr, {});
        const LayoutGraph layout = graphs::ui::layoutGraphOf(diagram, &graphs::ui::DiagramBoxItem::sizeFor);
        boxes = layout.nodes.size();
        benchmark::DoNotOptimize(layout.edges.data());
    }
    state.counters["nodes"] = static_cast<double>(boxes);
    state.counters["max_rss_mib"] = graphs::bench::peakRssMib();
}

void registerAll()
{
    using Methods = std::vector<std::pair<LayoutMethod, const char*>>;
    const Methods both { { LayoutMethod::Graphviz, "dot" }, { LayoutMethod::Layered, "layered" } };
    // Past DefaultGraphvizNodeLimit boxes the graph page (LayoutMethod::Automatic) uses the layered layout alone;
    // dot on 10,000 boxes runs for minutes.
    const Methods layeredOnly { { LayoutMethod::Layered, "layered" } };
    auto add = [](const std::string& name, const LazyGraph& graph, const Methods& methods) {
        for (const auto& [method, label] : methods) {
            benchmark::RegisterBenchmark((name + "/" + label).c_str(),
                [graph, method = method](benchmark::State& state) { layOut(state, graph, method); })
                ->Unit(benchmark::kMillisecond);
        }
    };
    for (const char* model : { "resnet50", "vit_b_16", "bert_small" })
        add(model, LazyGraph([path = structureModel(model)] { return modelLayoutGraph(path); }), both);
    const LazyGraph vit([path = structureModel("vit_b_16")] { return modelLayoutGraph(path); });
    for (int copies : { 2, 3, 5 }) {
        add("vit_b_16x" + std::to_string(copies), LazyGraph([vit, copies]() -> std::optional<LayoutGraph> {
            if (!vit.get())
                return std::nullopt;
            return chained(*vit.get(), copies);
        }),
            both);
    }
    for (int n : { 1000, 1500, 2000, 3000, 5000, 10000 })
        add("generated" + std::to_string(n), LazyGraph([n] { return generated(n); }), n <= 5000 ? both : layeredOnly);
    add("transformer10k", LazyGraph([] { return modelLayoutGraph(graphs::bench::transformer10kPath()); }), layeredOnly);
    benchmark::RegisterBenchmark("transformer10k/diagram", [](benchmark::State& state) {
        prepareDiagram(state, graphs::bench::transformer10kPath());
    })->Unit(benchmark::kMillisecond);
}

} // namespace

int main(int argc, char** argv)
{
    // Box sizes come from font metrics: a GUI application, without a display.
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QGuiApplication app(argc, argv);
    benchmark::Initialize(&argc, argv);
    registerAll();
    benchmark::RunSpecifiedBenchmarks();
    benchmark::Shutdown();
    return 0;
}
