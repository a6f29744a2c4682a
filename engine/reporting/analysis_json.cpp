#include "reporting/analysis_report.h"
#include "reporting/json_builders.h"

#include <nlohmann/json.hpp>

#include <filesystem>
#include <utility>

namespace graphs {

namespace {

using nlohmann::json;

json shapeJson(const Shape& shape)
{
    if (!shape.rankKnown)
        return nullptr;
    json dims = json::array();
    for (const Dim& d : shape.dims) {
        if (d.isKnown())
            dims.push_back(d.value);
        else
            dims.push_back(d.symbol.empty() ? json("?") : json(d.symbol));
    }
    return dims;
}

json tensorJson(const TensorDescriptor& t)
{
    return { { "name", t.name }, { "shape", shapeJson(t.shape) }, { "dtype", std::string(dataTypeName(t.dtype)) } };
}

json flopsJson(const FlopCounts& f)
{
    return { { "matrix", f.matrix }, { "vector", f.vector }, { "transcendental", f.transcendental } };
}

json intensityJson(std::optional<double> v)
{
    return v ? json(*v) : json(nullptr);
}

} // namespace

namespace reporting {

nlohmann::json analysisJson(const GraphAnalysis& analysis)
{
    const ComputeGraph& g = *analysis.graph;
    const GraphTotals& t = analysis.totals;

    json inputs = json::array();
    for (int i : g.inputs())
        inputs.push_back(tensorJson(g.tensor(i)));
    json outputs = json::array();
    for (int i : g.outputs())
        outputs.push_back(tensorJson(g.tensor(i)));
    json histogram = json::object();
    for (const auto& [op, count] : analysis.opHistogram)
        histogram[op] = count;
    const int64_t bytes = t.activationBytesRead + t.weightBytesRead + t.bytesWritten;

    json model = {
        { "name", modelDisplayName(g) },
        { "path", g.sourcePath },
        { "graph_name", g.name },
        { "producer", g.producer },
        { "ir_version", g.irVersion },
        { "opset", g.opsetVersion },
        { "nodes", g.nodeCount() },
        { "parameters", t.parameters },
        { "weight_bytes", t.weightBytes },
        { "macs", t.macs },
        { "flops", t.flops.total() },
        { "flops_by_class", flopsJson(t.flops) },
        { "bytes_read", t.activationBytesRead + t.weightBytesRead },
        { "weight_bytes_read", t.weightBytesRead },
        { "bytes_written", t.bytesWritten },
        { "arithmetic_intensity",
            intensityJson(bytes > 0 ? std::optional<double>(double(t.flops.total()) / double(bytes)) : std::nullopt) },
        { "unmodelled_nodes", t.unmodelledNodes },
        { "inputs", std::move(inputs) },
        { "outputs", std::move(outputs) },
        { "op_histogram", std::move(histogram) },
    };

    json nodes = json::array();
    for (int i : g.topologicalOrder()) {
        const Node& n = g.node(i);
        const NodeCost& c = analysis.nodes[i];
        json outShapes = json::array();
        for (int o : n.outputs)
            outShapes.push_back(o >= 0 ? shapeJson(g.tensor(o).shape) : json(nullptr));
        json inShapes = json::array();
        for (int in : n.inputs)
            inShapes.push_back(in >= 0 ? shapeJson(g.tensor(in).shape) : json(nullptr));
        json node = {
            { "name", n.name },
            { "op_type", n.opType },
            { "op_class", std::string(opClassName(c.opClass)) },
            { "macs", c.macs },
            { "flops", c.flops.total() },
            { "flops_by_class", flopsJson(c.flops) },
            { "bytes_read", c.bytesRead() },
            { "weight_bytes_read", c.weightBytesRead },
            { "bytes_written", c.bytesWritten },
            { "arithmetic_intensity", intensityJson(c.arithmeticIntensity()) },
            { "input_shapes", std::move(inShapes) },
            { "output_shapes", std::move(outShapes) },
        };
        if (!n.isDefaultDomain())
            node["domain"] = n.domain;
        if (n.foldedAtImport)
            node["folded_at_import"] = true;
        nodes.push_back(std::move(node));
    }

    json warnings = json::array();
    for (const Diagnostic& d : analysis.diagnostics) {
        warnings.push_back({ { "severity", d.severity == Diagnostic::Severity::Warning ? "warning" : "note" },
            { "message", d.message }, { "location", d.location } });
    }
    return { { "model", std::move(model) }, { "nodes", std::move(nodes) }, { "warnings", std::move(warnings) } };
}

} // namespace reporting

std::string analysisToJson(const GraphAnalysis& analysis)
{
    return reporting::analysisJson(analysis).dump(2) + "\n";
}

std::string modelDisplayName(const ComputeGraph& graph)
{
    if (!graph.sourcePath.empty()) {
        std::filesystem::path p(graph.sourcePath);
        if (p.extension() == ".onnx")
            return p.stem().string();
        return p.filename().string();
    }
    return graph.name;
}

} // namespace graphs
