#include "reporting/analysis_report.h"
#include "reporting/number_format.h"

#include <algorithm>
#include <sstream>
#include <vector>

namespace graphs {

namespace {

std::string tensorList(const ComputeGraph& g, const std::vector<int>& ids)
{
    std::string out;
    for (int i : ids) {
        const TensorDescriptor& t = g.tensor(i);
        if (!out.empty())
            out += ", ";
        out += t.name + " " + std::string(dataTypeName(t.dtype)) + " " + t.shape.toString();
    }
    return out.empty() ? "-" : out;
}

std::vector<int> heaviestNodes(const GraphAnalysis& a, int top)
{
    std::vector<int> order = a.graph->topologicalOrder();
    std::stable_sort(order.begin(), order.end(),
        [&](int x, int y) { return a.nodes[x].flops.total() > a.nodes[y].flops.total(); });
    if (top > 0 && static_cast<int>(order.size()) > top)
        order.resize(top);
    return order;
}

std::string histogramLine(const GraphAnalysis& a)
{
    std::vector<std::pair<std::string, int>> ops(a.opHistogram.begin(), a.opHistogram.end());
    std::stable_sort(ops.begin(), ops.end(), [](const auto& x, const auto& y) { return x.second > y.second; });
    std::string out;
    for (const auto& [op, count] : ops) {
        if (!out.empty())
            out += ", ";
        out += op + " " + std::to_string(count);
    }
    return out;
}

} // namespace

std::string analysisToText(const GraphAnalysis& a, const ReportOptions& options)
{
    const ComputeGraph& g = *a.graph;
    const GraphTotals& t = a.totals;
    std::ostringstream out;
    auto row = [&](const char* key, const std::string& value) { out << padRight(key, 12) << value << '\n'; };

    row("model", modelDisplayName(g));
    row("file", g.sourcePath);
    row("format", "ONNX IR " + std::to_string(g.irVersion) + ", opset " + std::to_string(g.opsetVersion)
            + (g.producer.empty() ? "" : ", from " + g.producer));
    row("inputs", tensorList(g, g.inputs()));
    row("outputs", tensorList(g, g.outputs()));
    row("nodes", std::to_string(g.nodeCount()));
    row("parameters", humanCount(double(t.parameters)) + " (" + humanBytes(double(t.weightBytes)) + " of weights)");
    row("MACs", humanCount(double(t.macs)) + " (" + std::to_string(t.macs) + ")");
    row("FLOPs", humanCount(double(t.flops.total())) + " (matrix " + humanCount(double(t.flops.matrix)) + ", vector "
            + humanCount(double(t.flops.vector)) + ", transcendental " + humanCount(double(t.flops.transcendental))
            + ")");
    row("memory", "reads " + humanBytes(double(t.activationBytesRead + t.weightBytesRead)) + " (weights "
            + humanBytes(double(t.weightBytesRead)) + "), writes " + humanBytes(double(t.bytesWritten)));
    row("operators", histogramLine(a));

    if (!options.nodeTable)
        return out.str();
    const auto top = heaviestNodes(a, options.topNodes);
    out << '\n'
        << (options.topNodes > 0 ? "heaviest " + std::to_string(top.size()) + " nodes by FLOPs" : "all nodes") << '\n';
    out << padRight("node", 34) << padRight("op", 20) << padLeft("MACs", 10) << padLeft("FLOPs", 10)
        << padLeft("read", 11) << padLeft("written", 11) << padLeft("FLOP/B", 8) << "  output\n";
    for (int i : top) {
        const Node& n = g.node(i);
        const NodeCost& c = a.nodes[i];
        std::string name = n.name.size() > 32 ? n.name.substr(0, 31) + "~" : n.name;
        const auto ai = c.arithmeticIntensity();
        std::string shape = n.outputs.empty() || n.outputs[0] < 0 ? "-" : g.tensor(n.outputs[0]).shape.toString();
        out << padRight(name, 34) << padRight(n.opType, 20) << padLeft(humanCount(double(c.macs)), 10)
            << padLeft(humanCount(double(c.flops.total())), 10) << padLeft(humanBytes(double(c.bytesRead())), 11)
            << padLeft(humanBytes(double(c.bytesWritten)), 11) << padLeft(ai ? fixed(*ai, 1) : "-", 8) << "  "
            << shape << '\n';
    }
    return out.str();
}

std::string renderAnalysis(const GraphAnalysis& analysis, ReportFormat format, const ReportOptions& options)
{
    switch (format) {
    case ReportFormat::Text: return analysisToText(analysis, options);
    case ReportFormat::Json: return analysisToJson(analysis);
    case ReportFormat::Csv: return analysisToCsv(analysis);
    case ReportFormat::Markdown: return analysisToMarkdown(analysis, options);
    }
    return {};
}

std::optional<ReportFormat> parseReportFormat(std::string_view name)
{
    if (name == "text")
        return ReportFormat::Text;
    if (name == "json")
        return ReportFormat::Json;
    if (name == "csv")
        return ReportFormat::Csv;
    if (name == "markdown" || name == "md")
        return ReportFormat::Markdown;
    return std::nullopt;
}

} // namespace graphs
