// Layout speed of the graph view: Graphviz dot (effort bounded) against the built-in layered layout, on real models
// (boxes sized as graphs-studio draws them) and on larger graphs: vit_b_16 chained end to end several times, and
// generated chains with skip edges. Where dot stops being interactive sets DefaultGraphvizNodeLimit.
// Run: build/tests/benchmarks/bench_graph_layout [--benchmark_filter=vit]

#include "frontends/onnx_importer.h"
#include "graph/graph_diagram.h"
#include "graph/graph_items.h"
#include "graph/graph_layout.h"
#include "graph/layered_layout.h"
#include "ir/compute_graph.h"

#include <QGuiApplication>
#include <QRandomGenerator>
#include <benchmark/benchmark.h>
#include <filesystem>
#include <optional>
#include <string>

using graphs::ui::LayoutGraph;
using graphs::ui::LayoutMethod;

namespace {

std::optional<LayoutGraph> modelLayoutGraph(const std::string& model)
{
    const std::string path = std::string(GRAPHS_SHARED_DIR) + "/models/" + model + ".structure.onnx";
    if (!std::filesystem::exists(path))
        return std::nullopt;
    auto imported = graphs::importOnnxFile(path, {});
    if (!imported)
        return std::nullopt;
    const graphs::ui::Diagram diagram = graphs::ui::buildDiagram(*imported->graph, nullptr, {});
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

void layOut(benchmark::State& state, const std::optional<LayoutGraph>& graph, LayoutMethod method)
{
    if (!graph) {
        state.SkipWithError("shared models absent");
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
}

void registerAll()
{
    auto add = [](const std::string& name, const std::optional<LayoutGraph>& graph) {
        for (const auto& [method, label] :
            { std::pair { LayoutMethod::Graphviz, "dot" }, std::pair { LayoutMethod::Layered, "layered" } }) {
            benchmark::RegisterBenchmark((name + "/" + label).c_str(),
                [graph, method = method](benchmark::State& state) { layOut(state, graph, method); })
                ->Unit(benchmark::kMillisecond);
        }
    };
    for (const char* model : { "resnet50", "vit_b_16", "bert_small" })
        add(model, modelLayoutGraph(model));
    if (const auto vit = modelLayoutGraph("vit_b_16")) {
        for (int copies : { 2, 3, 5 })
            add("vit_b_16x" + std::to_string(copies), chained(*vit, copies));
    }
    for (int n : { 1000, 1500, 2000, 3000, 5000 })
        add("generated" + std::to_string(n), generated(n));
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
