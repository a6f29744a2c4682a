#include "reporting/estimate_report.h"

#include "reporting/json_builders.h"
#include "reporting/number_format.h"

#include <algorithm>
#include <sstream>
#include <utility>

namespace graphs {

namespace reporting {

using nlohmann::json;

json estimationResultJson(const EstimationResult& e)
{
    return { { "value", e.value }, { "unit", e.unit }, { "confidence", std::string(confidenceName(e.confidence)) },
        { "source", e.source }, { "error_bound_pct", e.errorBoundPct } };
}

json hardwareSummaryJson(const HardwareSpec& spec)
{
    return { { "id", spec.id }, { "name", spec.name }, { "vendor", spec.vendor },
        { "category", std::string(categoryName(spec.category)) }, { "mapper", std::string(mapperName(spec.mapper)) },
        { "file", spec.file } };
}

namespace {

json energyJson(const EnergyEstimate& e)
{
    return { { "compute", estimationResultJson(e.compute) }, { "memory", estimationResultJson(e.memory) },
        { "static", estimationResultJson(e.staticPart) }, { "total", estimationResultJson(e.total) } };
}

} // namespace

void addEstimate(json& doc, const GraphAnalysis& analysis, const Partition& partition, const ModelEstimate& estimate)
{
    const ComputeGraph& g = *analysis.graph;
    const HardwareSpec& spec = *estimate.hardware;
    doc["hardware"] = hardwareSummaryJson(spec);
    doc["estimation"] = { { "precision", std::string(precisionName(estimate.options.precision)) },
        { "batch", estimate.options.batch }, { "runtime", estimate.runtime } };
    const ModelSummary& s = estimate.summary;
    doc["summary"] = { { "latency_ms", estimationResultJson(s.latency) },
        { "throughput_per_s", estimationResultJson(s.throughput) }, { "energy_mj", estimationResultJson(s.energy) },
        { "peak_memory_mb", estimationResultJson(s.peakMemory) },
        { "bottleneck", std::string(bottleneckName(s.bottleneck)) }, { "subgraphs", partition.subgraphs.size() } };
    json levels = json::object();
    for (size_t i = 0; i < spec.memory.size(); ++i)
        levels[spec.memory[i].name] = estimate.energy.memoryByLevelJoules[i] * 1e3;
    doc["energy"] = energyJson(estimate.energy);
    doc["energy"]["memory_by_level_mj"] = std::move(levels);
    const PowerEstimate& p = estimate.power;
    doc["power"] = { { "average_w", p.averageWatts }, { "static_w", p.staticWatts }, { "dynamic_w", p.dynamicWatts },
        { "limit_w", p.limitWatts }, { "capped", p.capped }, { "clock_share", p.clockShare },
        { "uncapped_w", p.uncappedWatts } };
    json timeline = json::array();
    for (double bytes : estimate.memory.liveBytesAfterNode)
        timeline.push_back(bytes / 1e6);
    doc["memory"] = { { "activation_timeline_mb", std::move(timeline) }, { "weights_mb", estimate.memory.weightBytes / 1e6 },
        { "peak_activations_mb", estimate.memory.peakActivationBytes / 1e6 },
        { "peak_after_node", estimate.memory.peakAtNode >= 0 ? json(g.node(estimate.memory.peakAtNode).name) : json() } };

    json subgraphs = json::array();
    for (size_t i = 0; i < partition.subgraphs.size(); ++i) {
        const Subgraph& sub = partition.subgraphs[i];
        const SubgraphEstimate& e = estimate.subgraphs[i];
        json nodes = json::array();
        for (int n : sub.descriptor.nodes)
            nodes.push_back(g.node(n).name);
        const auto ai = sub.arithmeticIntensity();
        subgraphs.push_back({ { "id", sub.descriptor.id }, { "label", sub.label }, { "fusion", sub.fusion },
            { "nodes", std::move(nodes) }, { "op_types", sub.opTypes(g) }, { "op_class", std::string(opClassName(sub.opClass)) },
            { "macs", sub.macs }, { "flops", sub.flops.total() },
            { "flops_by_class",
                { { "matrix", sub.flops.matrix }, { "vector", sub.flops.vector },
                    { "transcendental", sub.flops.transcendental } } },
            { "bytes", sub.bytes() }, { "bytes_read", sub.bytesRead }, { "bytes_written", sub.bytesWritten },
            { "weight_bytes", sub.weightBytesRead }, { "arithmetic_intensity", ai ? json(*ai) : json() },
            { "parallelism",
                { { "batch", sub.parallelism.batch }, { "channels", sub.parallelism.channels },
                    { "spatial", sub.parallelism.spatial } } },
            { "bottleneck", std::string(bottleneckName(e.bottleneck)) }, { "datapath", e.mapped.datapath },
            { "memory_level", spec.memory[e.mapped.memoryLevel].name }, { "utilisation", e.mapped.utilisation },
            { "compute_ms", e.mapped.computeSeconds * 1e3 }, { "memory_ms", e.mapped.memorySeconds * 1e3 },
            { "overhead_ms", e.mapped.overheadSeconds * 1e3 }, { "latency_ms", estimationResultJson(e.latency) },
            { "energy_mj", energyJson(e.energy) } });
        if (!sub.convKind.empty())
            subgraphs.back()["conv_kind"] = sub.convKind;
        // Bytes each memory level serves, the bytes through it and the time they need there.
        json levels = json::array();
        for (size_t l = 0; l < spec.memory.size(); ++l) {
            const double served = l < e.traffic.servedBytes.size() ? e.traffic.servedBytes[l] : 0;
            const double through = l < e.mapped.levelBytes.size() ? e.mapped.levelBytes[l] : 0;
            const double ms = l < e.mapped.levelSeconds.size() ? e.mapped.levelSeconds[l] * 1e3 : 0;
            levels.push_back({ { "level", spec.memory[l].name }, { "served_bytes", served },
                { "through_bytes", through }, { "ms", ms } });
        }
        subgraphs.back()["traffic"] = { { "levels", std::move(levels) }, { "weight_bytes", e.traffic.weightBytes },
            { "off_chip_weight_bytes", e.traffic.offChipWeightBytes },
            { "off_chip_write_bytes", e.traffic.offChipWriteBytes } };
    }
    doc["subgraphs"] = std::move(subgraphs);
}

} // namespace reporting

std::string formatEstimate(const EstimationResult& e, int decimals)
{
    return fixed(e.value, decimals) + " " + e.unit + " ±" + fixed(e.errorBoundPct, 0) + "% "
        + std::string(confidenceName(e.confidence));
}

std::string estimateToJson(const GraphAnalysis& analysis, const Partition& partition, const ModelEstimate& estimate)
{
    auto doc = reporting::analysisJson(analysis);
    reporting::addEstimate(doc, analysis, partition, estimate);
    return doc.dump(2) + "\n";
}

namespace {

std::vector<size_t> slowest(const ModelEstimate& estimate, int top)
{
    std::vector<size_t> order(estimate.subgraphs.size());
    for (size_t i = 0; i < order.size(); ++i)
        order[i] = i;
    std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) {
        return estimate.subgraphs[a].latency.value > estimate.subgraphs[b].latency.value;
    });
    if (top > 0 && order.size() > static_cast<size_t>(top))
        order.resize(top);
    return order;
}


} // namespace

std::string estimateToText(const GraphAnalysis& analysis, const Partition& partition, const ModelEstimate& estimate,
    const ReportOptions& options)
{
    std::ostringstream out;
    ReportOptions summaryOnly = options;
    summaryOnly.nodeTable = false; // the subgraph table replaces the node table
    out << analysisToText(analysis, summaryOnly);
    const HardwareSpec& spec = *estimate.hardware;
    const ModelSummary& s = estimate.summary;
    auto row = [&](const char* key, const std::string& value) { out << padRight(key, 12) << value << '\n'; };
    out << '\n';
    row("hardware", spec.name + " (" + spec.id + ")");
    row("settings", std::string(precisionName(estimate.options.precision)) + ", batch "
            + std::to_string(estimate.options.batch) + ", runtime " + estimate.runtime + ", "
            + std::to_string(partition.subgraphs.size()) + " subgraphs");
    row("latency", formatEstimate(s.latency));
    row("throughput", formatEstimate(s.throughput, 1));
    row("energy", formatEstimate(s.energy) + " (compute " + fixed(estimate.energy.compute.value, 3) + ", memory "
            + fixed(estimate.energy.memory.value, 3) + ", static " + fixed(estimate.energy.staticPart.value, 3) + ")");
    row("memory", formatEstimate(s.peakMemory, 1) + " (weights " + fixed(estimate.memory.weightBytes / 1e6, 1)
            + " MB, peak activations " + fixed(estimate.memory.peakActivationBytes / 1e6, 1) + " MB)");
    row("bottleneck", std::string(bottleneckName(s.bottleneck)));

    const auto order = slowest(estimate, options.topNodes);
    out << '\n' << (options.topNodes > 0 ? "slowest " + std::to_string(order.size()) + " subgraphs" : "all subgraphs")
        << '\n';
    out << padLeft("#", 5) << "  " << padRight("subgraph", 40) << padLeft("ms", 10) << padLeft("share", 8) << "  "
        << padRight("bound", 10) << padRight("level", 7) << padLeft("FLOP/B", 8) << padLeft("util", 6) << '\n';
    const double total = std::max(s.latency.value, 1e-12);
    for (size_t i : order) {
        const Subgraph& sub = partition.subgraphs[i];
        const SubgraphEstimate& e = estimate.subgraphs[i];
        std::string label = sub.label.size() > 38 ? sub.label.substr(0, 37) + "~" : sub.label;
        const auto ai = sub.arithmeticIntensity();
        out << padLeft(std::to_string(sub.descriptor.id), 5) << "  " << padRight(label, 40)
            << padLeft(fixed(e.latency.value, 4), 10) << padLeft(fixed(100 * e.latency.value / total, 1) + "%", 8)
            << "  " << padRight(std::string(bottleneckName(e.bottleneck)), 10)
            << padRight(spec.memory[e.mapped.memoryLevel].name, 7) << padLeft(ai ? fixed(*ai, 1) : "-", 8)
            << padLeft(fixed(e.mapped.utilisation, 2), 6) << '\n';
    }
    return out.str();
}

std::string estimateToCsv(const GraphAnalysis& analysis, const Partition& partition, const ModelEstimate& estimate)
{
    std::ostringstream out;
    out << "id,label,fusion,nodes,op_class,macs,flops,bytes,arithmetic_intensity,bottleneck,memory_level,utilisation,"
           "latency_ms,error_bound_pct,confidence,energy_compute_mj,energy_memory_mj,energy_static_mj,energy_total_mj\n";
    for (size_t i = 0; i < partition.subgraphs.size(); ++i) {
        const Subgraph& s = partition.subgraphs[i];
        const SubgraphEstimate& e = estimate.subgraphs[i];
        const auto ai = s.arithmeticIntensity();
        out << s.descriptor.id << ',' << csvField(s.label) << ',' << s.fusion << ',' << s.descriptor.nodes.size() << ','
            << opClassName(s.opClass) << ',' << s.macs << ',' << s.flops.total() << ',' << s.bytes() << ','
            << (ai ? fixed(*ai, 4) : "") << ',' << bottleneckName(e.bottleneck) << ','
            << estimate.hardware->memory[e.mapped.memoryLevel].name << ',' << fixed(e.mapped.utilisation, 4) << ','
            << fixed(e.latency.value, 6) << ',' << fixed(e.latency.errorBoundPct, 1) << ','
            << confidenceName(e.latency.confidence) << ',' << fixed(e.energy.compute.value, 6) << ','
            << fixed(e.energy.memory.value, 6) << ',' << fixed(e.energy.staticPart.value, 6) << ','
            << fixed(e.energy.total.value, 6) << '\n';
    }
    (void)analysis;
    return out.str();
}

std::string estimateToMarkdown(const GraphAnalysis& analysis, const Partition& partition,
    const ModelEstimate& estimate, const ReportOptions& options)
{
    std::ostringstream out;
    const HardwareSpec& spec = *estimate.hardware;
    const ModelSummary& s = estimate.summary;
    out << "# " << modelDisplayName(*analysis.graph) << " on " << spec.name << "\n\n";
    out << "| estimate | value | bound | confidence |\n|---|---:|---:|---|\n";
    for (const auto& [name, e] : std::vector<std::pair<const char*, const EstimationResult*>> {
             { "latency", &s.latency }, { "throughput", &s.throughput }, { "energy per inference", &s.energy },
             { "peak memory", &s.peakMemory } }) {
        out << "| " << name << " | " << fixed(e->value, 3) << " " << e->unit << " | ±" << fixed(e->errorBoundPct, 0)
            << "% | " << confidenceName(e->confidence) << " |\n";
    }
    out << "\nPrecision " << precisionName(estimate.options.precision) << ", batch " << estimate.options.batch
        << ", runtime " << estimate.runtime << ", " << partition.subgraphs.size() << " subgraphs; bottleneck: "
        << bottleneckName(s.bottleneck) << ".\n\n";
    out << "## Slowest subgraphs\n\n| # | subgraph | ms | bottleneck | level | FLOP/byte |\n|---:|---|---:|---|---|---:|\n";
    for (size_t i : slowest(estimate, options.topNodes)) {
        const Subgraph& sub = partition.subgraphs[i];
        const SubgraphEstimate& e = estimate.subgraphs[i];
        const auto ai = sub.arithmeticIntensity();
        out << "| " << sub.descriptor.id << " | " << sub.label << " | " << fixed(e.latency.value, 4) << " | "
            << bottleneckName(e.bottleneck) << " | " << spec.memory[e.mapped.memoryLevel].name << " | "
            << (ai ? fixed(*ai, 1) : "-") << " |\n";
    }
    const std::string graphPart = analysisToMarkdown(analysis, options);
    out << '\n' << graphPart.substr(graphPart.find('\n') + 1); // without its own title
    return out.str();
}

std::string renderEstimate(const GraphAnalysis& analysis, const Partition& partition, const ModelEstimate& estimate,
    ReportFormat format, const ReportOptions& options)
{
    switch (format) {
    case ReportFormat::Text: return estimateToText(analysis, partition, estimate, options);
    case ReportFormat::Json: return estimateToJson(analysis, partition, estimate);
    case ReportFormat::Csv: return estimateToCsv(analysis, partition, estimate);
    case ReportFormat::Markdown: return estimateToMarkdown(analysis, partition, estimate, options);
    }
    return {};
}

} // namespace graphs
