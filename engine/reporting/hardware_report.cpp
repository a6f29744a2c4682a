#include "reporting/hardware_report.h"

#include "reporting/number_format.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <sstream>

namespace graphs {

namespace {

using nlohmann::json;


std::string flops(double v)
{
    return v > 0 ? humanCount(v) + "FLOP/s" : "-";
}

/// Integer datapaths do operations, not floating-point ones (as `hardware list` labels them).
std::string rate(double v, Precision p)
{
    const bool integer = p == Precision::INT8 || p == Precision::INT4;
    return v > 0 ? humanCount(v) + (integer ? "OP/s" : "FLOP/s") : "-";
}

/// Every entry is a vendor specification until a calibration profile exists for it.
const char* confidence(const std::vector<std::string>& calibrations)
{
    return calibrations.empty() ? "theoretical" : "calibrated";
}

const std::vector<std::string>& calibrationsOf(const CalibrationIndex& index, const std::string& id)
{
    static const std::vector<std::string> none;
    const auto it = index.find(id);
    return it == index.end() ? none : it->second;
}

json peaksJson(const HardwareSpec& spec)
{
    json peaks = json::object();
    for (Precision p : spec.supportedPrecisions())
        peaks[std::string(precisionName(p))] = spec.peakOpsPerSecond(p);
    return peaks;
}

} // namespace

std::string hardwareListText(const HardwareList& entries, const CalibrationIndex& calibrations)
{
    std::ostringstream out;
    size_t idWidth = 4;
    for (const auto& e : entries)
        idWidth = std::max(idWidth, e->id.size() + 2);
    for (HardwareCategory category : { HardwareCategory::Cpu, HardwareCategory::Gpu, HardwareCategory::Accelerator }) {
        bool header = false;
        for (const auto& e : entries) {
            if (e->category != category)
                continue;
            if (!header) {
                out << (out.tellp() > 0 ? "\n" : "") << categoryName(category) << '\n';
                out << "  " << padRight("id", idWidth) << padRight("name", 44) << padRight("fp32", 14) << padRight("fp16/bf16", 14)
                    << padRight("int8", 14) << padRight("memory", 12) << padRight("TDP", 8) << "confidence\n";
                header = true;
            }
            const double half = std::max(e->peakOpsPerSecond(Precision::FP16), e->peakOpsPerSecond(Precision::BF16));
            out << "  " << padRight(e->id, idWidth) << padRight(e->name.size() > 42 ? e->name.substr(0, 41) + "~" : e->name, 44)
                << padRight(flops(e->peakOpsPerSecond(Precision::FP32)), 14) << padRight(flops(half), 14)
                << padRight(e->peakOpsPerSecond(Precision::INT8) > 0 ? humanCount(e->peakOpsPerSecond(Precision::INT8)) + "OP/s"
                                                                  : "-",
                       14)
                << padRight(fixed(e->offChipMemory().bandwidthBytesPerSecond / 1e9, 0) + " GB/s", 12)
                << padRight(fixed(e->tdpWatts, 0) + " W", 8) << confidence(calibrationsOf(calibrations, e->id)) << '\n';
        }
    }
    return out.str();
}

std::string hardwareListJson(const HardwareList& entries, const CalibrationIndex& calibrations)
{
    json list = json::array();
    for (const auto& e : entries) {
        list.push_back({ { "id", e->id }, { "name", e->name }, { "vendor", e->vendor },
            { "category", std::string(categoryName(e->category)) }, { "mapper", std::string(mapperName(e->mapper)) },
            { "peak_ops_per_s", peaksJson(*e) },
            { "memory_bandwidth_gbs", e->offChipMemory().bandwidthBytesPerSecond / 1e9 }, { "tdp_w", e->tdpWatts },
            { "confidence", confidence(calibrationsOf(calibrations, e->id)) },
            { "calibrations", calibrationsOf(calibrations, e->id) }, { "file", e->file } });
    }
    return list.dump(2) + "\n";
}

std::string hardwareDetailText(const HardwareSpec& spec, const std::vector<std::string>& calibrations)
{
    std::ostringstream out;
    auto row = [&](const char* key, const std::string& value) { out << padRight(key, 14) << value << '\n'; };
    row("id", spec.id);
    row("name", spec.name);
    row("vendor", spec.vendor + ", " + spec.architecture + ", " + fixed(spec.processNm, 0) + " nm"
            + (spec.releaseYear ? ", " + std::to_string(spec.releaseYear) : std::string()));
    row("category", std::string(categoryName(spec.category)) + " (mapper: " + std::string(mapperName(spec.mapper))
            + ")");
    std::string profiles;
    for (const std::string& c : calibrations)
        profiles += (profiles.empty() ? " (profiles: " : ", ") + c;
    row("confidence", confidence(calibrations) + profiles + (profiles.empty() ? "" : ")"));
    row("file", spec.file.empty() ? "(generated for this machine)" : spec.file);

    out << "\ncompute\n";
    for (const ComputeCluster& c : spec.clusters) {
        out << "  " << c.name << ": " << c.units << " units at " << fixed(c.boostClockMhz, 0) << " MHz";
        if (c.simdBits)
            out << ", " << c.simdBits << "-bit SIMD";
        if (c.arrayRows)
            out << ", " << c.arraysPerUnit << " × " << c.arrayRows << "×" << c.arrayCols << " arrays per unit";
        out << '\n';
    }
    out << "\npeak (derived: units × ops per clock × clock)\n";
    out << "  " << padRight("precision", 11) << padRight("vector", 16) << padRight("matrix", 16) << "ridge vs " << spec.offChipMemory().name
        << '\n';
    for (Precision p : spec.supportedPrecisions()) {
        out << "  " << padRight(std::string(precisionName(p)), 11) << padRight(rate(spec.peakOpsPerSecond(p, Datapath::Vector), p), 16)
            << padRight(rate(spec.peakOpsPerSecond(p, Datapath::Matrix), p), 16)
            << fixed(spec.ridgePoint(p, spec.offChipMemory()), 1)
            << (p == Precision::INT8 || p == Precision::INT4 ? " OP/B\n" : " FLOP/B\n");
    }
    out << "\nmemory\n";
    for (const MemoryLevel& m : spec.memory) {
        out << "  " << padRight(m.name, 6) << padRight(std::to_string(m.instances) + " × " + humanBytes(m.capacityBytes), 22)
            << padRight(fixed(m.bandwidthBytesPerSecond / 1e9, 0) + " GB/s", 14)
            << padRight(fixed(m.energyPjPerByte, 2) + " pJ/B" + (m.energyDerived ? "*" : ""), 13) << m.technology << '\n';
    }
    out << "\npower         TDP " << fixed(spec.tdpWatts, 0) << " W, idle " << fixed(spec.idleWatts, 0) << " W, static under load "
        << fixed(spec.staticWatts, 0) << " W\n";
    out << "energy/op    ";
    for (const auto& [p, pj] : spec.energyPjPerOp)
        out << ' ' << precisionName(p) << ' ' << fixed(pj, 3) << " pJ";
    if (spec.energyPerOpDerived)
        out << " *";
    const bool anyDerived = spec.energyPerOpDerived
        || std::any_of(spec.memory.begin(), spec.memory.end(), [](const MemoryLevel& m) { return m.energyDerived; });
    if (anyDerived)
        out << "\n              * derived by the registry's energy rules (docs/hardware/energy.md), not typed";
    out << "\nlaunch        " << fixed(spec.launchOverheadUs, 1) << " µs per kernel\n";
    out << "host core     " << spec.host.core << ", " << fixed(spec.host.relativeSpeed, 2)
        << "× the reference core's single-thread speed (eager frameworks' host cost per operator)\n";
    out << "\nsources\n";
    for (const SourceReference& s : spec.sources) {
        out << "  - " << s.title << " (" << s.publisher << (s.year ? ", " + std::to_string(s.year) : std::string())
            << ")" << (s.estimate ? " [estimate]" : "") << '\n';
        if (!s.url.empty())
            out << "    " << s.url << '\n';
    }
    return out.str();
}

std::string hardwareDetailJson(const HardwareSpec& spec, const std::vector<std::string>& calibrations)
{
    json clusters = json::array();
    for (const ComputeCluster& c : spec.clusters) {
        json vector = json::object();
        json matrix = json::object();
        for (Precision p : kAllPrecisions) {
            if (c.peakOpsPerSecond(p, Datapath::Vector) > 0)
                vector[std::string(precisionName(p))] = c.peakOpsPerSecond(p, Datapath::Vector);
            if (c.peakOpsPerSecond(p, Datapath::Matrix) > 0)
                matrix[std::string(precisionName(p))] = c.peakOpsPerSecond(p, Datapath::Matrix);
        }
        clusters.push_back({ { "name", c.name }, { "units", c.units }, { "boost_clock_mhz", c.boostClockMhz },
            { "vector_peak_ops_per_s", vector }, { "matrix_peak_ops_per_s", matrix } });
    }
    json memory = json::array();
    for (const MemoryLevel& m : spec.memory) {
        memory.push_back({ { "level", m.name }, { "technology", m.technology }, { "instances", m.instances },
            { "capacity_bytes", m.capacityBytes }, { "bandwidth_gbs", m.bandwidthBytesPerSecond / 1e9 },
            { "energy_pj_per_byte", m.energyPjPerByte }, { "energy_derived", m.energyDerived } });
    }
    json energy = json::object();
    for (const auto& [p, pj] : spec.energyPjPerOp)
        energy[std::string(precisionName(p))] = pj;
    json sources = json::array();
    for (const SourceReference& s : spec.sources) {
        sources.push_back({ { "title", s.title }, { "publisher", s.publisher }, { "year", s.year }, { "url", s.url },
            { "estimate", s.estimate }, { "covers", s.covers } });
    }
    json doc = { { "id", spec.id }, { "name", spec.name }, { "vendor", spec.vendor },
        { "category", std::string(categoryName(spec.category)) }, { "mapper", std::string(mapperName(spec.mapper)) },
        { "architecture", spec.architecture }, { "process_nm", spec.processNm }, { "confidence", confidence(calibrations) }, { "calibrations", calibrations },
        { "clusters", clusters }, { "peak_ops_per_s", peaksJson(spec) }, { "memory", memory },
        { "tdp_w", spec.tdpWatts }, { "idle_w", spec.idleWatts }, { "static_w", spec.staticWatts },
        { "energy_pj_per_op", energy }, { "energy_derived", spec.energyPerOpDerived },
        { "launch_overhead_us", spec.launchOverheadUs },
        { "host", { { "core", spec.host.core }, { "relative_speed", spec.host.relativeSpeed },
                      { "stated", spec.host.stated } } },
        { "sources", sources }, { "file", spec.file } };
    return doc.dump(2) + "\n";
}

} // namespace graphs
