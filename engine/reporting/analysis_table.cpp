// CSV and Markdown renderings of an analysis.

#include "reporting/analysis_report.h"
#include "reporting/number_format.h"

#include <algorithm>
#include <sstream>

namespace graphs {

namespace {

std::string markdownCell(const std::string& s)
{
    std::string out;
    for (char c : s) {
        if (c == '|')
            out += "\\|";
        else if (c == '\n')
            out += ' ';
        else
            out += c;
    }
    return out;
}

std::string outputShapes(const ComputeGraph& g, const Node& n)
{
    std::string out;
    for (int o : n.outputs) {
        if (!out.empty())
            out += ' ';
        out += o >= 0 ? g.tensor(o).shape.toString() : "-";
    }
    return out;
}

} // namespace

std::string analysisToCsv(const GraphAnalysis& a)
{
    const ComputeGraph& g = *a.graph;
    std::ostringstream out;
    out << "name,op_type,op_class,macs,flops,matrix_flops,vector_flops,transcendental_flops,bytes_read,"
           "weight_bytes_read,bytes_written,arithmetic_intensity,output_shapes\n";
    for (int i : g.topologicalOrder()) {
        const Node& n = g.node(i);
        const NodeCost& c = a.nodes[i];
        const auto ai = c.arithmeticIntensity();
        out << csvField(n.name) << ',' << csvField(n.opType) << ',' << opClassName(c.opClass) << ',' << c.macs << ','
            << c.flops.total() << ',' << c.flops.matrix << ',' << c.flops.vector << ',' << c.flops.transcendental << ','
            << c.bytesRead() << ',' << c.weightBytesRead << ',' << c.bytesWritten << ','
            << (ai ? fixed(*ai, 4) : std::string()) << ',' << csvField(outputShapes(g, n)) << '\n';
    }
    return out.str();
}

std::string analysisToMarkdown(const GraphAnalysis& a, const ReportOptions& options)
{
    const ComputeGraph& g = *a.graph;
    const GraphTotals& t = a.totals;
    std::ostringstream out;
    out << "# " << markdownCell(modelDisplayName(g)) << "\n\n";
    out << "| figure | value |\n|---|---|\n";
    out << "| file | `" << markdownCell(g.sourcePath) << "` |\n";
    out << "| format | ONNX IR " << g.irVersion << ", opset " << g.opsetVersion << " |\n";
    for (int i : g.inputs()) {
        const TensorDescriptor& in = g.tensor(i);
        out << "| input `" << markdownCell(in.name) << "` | " << dataTypeName(in.dtype) << " " << in.shape.toString()
            << " |\n";
    }
    out << "| nodes | " << g.nodeCount() << " |\n";
    out << "| parameters | " << humanCount(double(t.parameters)) << " (" << humanBytes(double(t.weightBytes))
        << ") |\n";
    out << "| MACs | " << humanCount(double(t.macs)) << " |\n";
    out << "| FLOPs | " << humanCount(double(t.flops.total())) << " |\n";
    out << "| matrix / vector / transcendental FLOPs | " << humanCount(double(t.flops.matrix)) << " / "
        << humanCount(double(t.flops.vector)) << " / " << humanCount(double(t.flops.transcendental)) << " |\n";
    out << "| bytes read / written | " << humanBytes(double(t.activationBytesRead + t.weightBytesRead)) << " / "
        << humanBytes(double(t.bytesWritten)) << " |\n\n";

    out << "## Operators\n\n| op | nodes |\n|---|---|\n";
    std::vector<std::pair<std::string, int>> ops(a.opHistogram.begin(), a.opHistogram.end());
    std::stable_sort(ops.begin(), ops.end(), [](const auto& x, const auto& y) { return x.second > y.second; });
    for (const auto& [op, count] : ops)
        out << "| " << markdownCell(op) << " | " << count << " |\n";

    std::vector<int> order = g.topologicalOrder();
    std::stable_sort(order.begin(), order.end(),
        [&](int x, int y) { return a.nodes[x].flops.total() > a.nodes[y].flops.total(); });
    if (options.topNodes > 0 && static_cast<int>(order.size()) > options.topNodes)
        order.resize(options.topNodes);
    out << "\n## " << (options.topNodes > 0 ? "Heaviest nodes" : "Nodes") << "\n\n"
        << "| node | op | MACs | FLOPs | bytes read | bytes written | FLOP/byte | output |\n"
        << "|---|---|---:|---:|---:|---:|---:|---|\n";
    for (int i : order) {
        const Node& n = g.node(i);
        const NodeCost& c = a.nodes[i];
        const auto ai = c.arithmeticIntensity();
        out << "| " << markdownCell(n.name) << " | " << markdownCell(n.opType) << " | " << humanCount(double(c.macs))
            << " | " << humanCount(double(c.flops.total())) << " | " << humanBytes(double(c.bytesRead())) << " | "
            << humanBytes(double(c.bytesWritten)) << " | " << (ai ? fixed(*ai, 1) : "-") << " | "
            << outputShapes(g, n) << " |\n";
    }
    if (!a.diagnostics.empty()) {
        out << "\n## Warnings\n\n";
        for (const Diagnostic& d : a.diagnostics)
            out << "- " << markdownCell(d.message) << "\n";
    }
    return out.str();
}

} // namespace graphs
