#include "hardware/hardware_loader.h"

#include "core/yaml_reader.h"
#include "hardware/energy_rules.h"

#include <filesystem>
#include <regex>

namespace graphs {

using yamlio::SchemaViolation;
using yamlio::YamlReader;

namespace {

constexpr double kMaxClockMhz = 10000;
constexpr double kMaxBandwidthGbs = 1e6;
constexpr double kMaxPower = 100000;

std::map<Precision, double> readPrecisionMap(YamlReader& r, const YAML::Node& node, const std::string& path,
    double max)
{
    if (!node.IsMap() || node.size() == 0)
        r.fail(node, path, "expected a non-empty mapping of precision to value (fp32: …)");
    std::map<Precision, double> out;
    for (auto it = node.begin(); it != node.end(); ++it) {
        const std::string key = it->first.as<std::string>();
        const std::string child = path + "." + key;
        auto p = parsePrecision(key);
        if (!p)
            r.fail(it->first, child, "unknown precision (fp64, fp32, tf32, fp16, bf16, fp8, int8, int4)");
        if (out.count(*p))
            r.fail(it->first, child, "appears twice");
        out[*p] = r.positive(it->second, child, max);
        r.figure(child, it->second);
    }
    return out;
}

ComputeCluster readCluster(YamlReader& r, const YAML::Node& node, const std::string& listPath)
{
    r.checkMap(node, listPath, { "cluster", "units", "clock_mhz", "vector", "matrix", "peak_ops_per_s" },
        { "cluster", "units", "clock_mhz" });
    ComputeCluster c;
    c.name = r.string(node["cluster"], listPath + ".cluster");
    const std::string path = "compute." + c.name;
    c.units = r.integer(node["units"], path + ".units", 1, 1'000'000);
    r.figure(path + ".units", node["units"]);

    const YAML::Node clock = node["clock_mhz"];
    r.checkMap(clock, path + ".clock_mhz", { "base", "boost" }, { "boost" });
    c.boostClockMhz = r.positive(clock["boost"], path + ".clock_mhz.boost", kMaxClockMhz);
    r.figure(path + ".clock_mhz.boost", clock["boost"]);
    if (clock["base"]) {
        c.baseClockMhz = r.positive(clock["base"], path + ".clock_mhz.base", kMaxClockMhz);
        r.figure(path + ".clock_mhz.base", clock["base"]);
        if (*c.baseClockMhz > c.boostClockMhz)
            r.fail(clock["base"], path + ".clock_mhz.base", "is above the boost clock");
    }
    if (const YAML::Node v = node["vector"]) {
        r.checkMap(v, path + ".vector", { "simd_bits", "ops_per_clock" }, { "ops_per_clock" });
        if (v["simd_bits"]) {
            c.simdBits = static_cast<int>(r.integer(v["simd_bits"], path + ".vector.simd_bits", 16, 4096));
            r.figure(path + ".vector.simd_bits", v["simd_bits"]);
        }
        c.vectorOpsPerClock = readPrecisionMap(r, v["ops_per_clock"], path + ".vector.ops_per_clock", 1e6);
    }
    if (const YAML::Node m = node["matrix"]) {
        r.checkMap(m, path + ".matrix", { "ops_per_clock", "array", "arrays" }, {});
        if (m["ops_per_clock"])
            c.matrixOpsPerClock = readPrecisionMap(r, m["ops_per_clock"], path + ".matrix.ops_per_clock", 1e7);
        if (m["array"]) {
            r.checkSequence(m["array"], path + ".matrix.array");
            if (m["array"].size() != 2)
                r.fail(m["array"], path + ".matrix.array", "expected [rows, columns]");
            c.arrayRows = static_cast<int>(r.integer(m["array"][0], path + ".matrix.array", 1, 65536));
            c.arrayCols = static_cast<int>(r.integer(m["array"][1], path + ".matrix.array", 1, 65536));
            r.figure(path + ".matrix.array", m["array"]);
            c.arraysPerUnit = 1;
        }
        if (m["arrays"]) {
            c.arraysPerUnit = static_cast<int>(r.integer(m["arrays"], path + ".matrix.arrays", 1, 4096));
            r.figure(path + ".matrix.arrays", m["arrays"]);
        }
    }
    if (const YAML::Node peak = node["peak_ops_per_s"]) {
        c.publishedPeakOpsPerSecond = readPrecisionMap(r, peak, path + ".peak_ops_per_s", 1e18);
        for (const auto& [p, value] : c.publishedPeakOpsPerSecond) {
            if (c.vectorOpsPerClock.count(p) || c.matrixOpsPerClock.count(p))
                r.fail(peak, path + ".peak_ops_per_s." + std::string(precisionName(p)),
                    "is also given per clock: a peak is derived from ops_per_clock, never typed twice");
        }
    }
    if (c.vectorOpsPerClock.empty() && c.matrixOpsPerClock.empty() && c.publishedPeakOpsPerSecond.empty())
        r.fail(node, path, "has no throughput: give vector/matrix ops_per_clock or peak_ops_per_s");
    return c;
}

MemoryLevel readLevel(YamlReader& r, const YAML::Node& node, bool offChip)
{
    r.checkMap(node, "memory",
        { "level", "technology", "instances", "capacity_kib", "capacity_mib", "capacity_gib", "bandwidth_gbs",
            "latency_ns", "energy_pj_per_byte", "holds_weights" },
        { "level", "instances", "bandwidth_gbs" });
    MemoryLevel m;
    m.name = r.string(node["level"], "memory.level");
    const std::string path = "memory." + m.name;
    if (node["technology"])
        m.technology = r.string(node["technology"], path + ".technology");
    else if (offChip)
        r.fail(node, path + ".technology", "is required for the off-chip (last) level");
    m.instances = r.integer(node["instances"], path + ".instances", 1, 1'000'000);
    r.figure(path + ".instances", node["instances"]);
    int capacities = 0;
    for (const auto& [key, scale] : { std::pair<const char*, double> { "capacity_kib", 1024.0 },
             { "capacity_mib", 1024.0 * 1024 }, { "capacity_gib", 1024.0 * 1024 * 1024 } }) {
        if (!node[key])
            continue;
        ++capacities;
        m.capacityBytes = r.positive(node[key], path + "." + key, 1e9) * scale;
        r.figure(path + "." + key, node[key]);
    }
    if (capacities != 1)
        r.fail(node, path, "needs exactly one of capacity_kib, capacity_mib, capacity_gib");
    m.bandwidthBytesPerSecond = r.positive(node["bandwidth_gbs"], path + ".bandwidth_gbs", kMaxBandwidthGbs) * 1e9;
    r.figure(path + ".bandwidth_gbs", node["bandwidth_gbs"]);
    if (node["latency_ns"]) {
        m.latencyNs = r.positive(node["latency_ns"], path + ".latency_ns", 1e6);
        r.figure(path + ".latency_ns", node["latency_ns"]);
    }
    // Energy per byte is derived by rule (E3 off-chip by technology, E5 on-chip by capacity and node) unless a
    // source gives one.
    if (node["energy_pj_per_byte"]) {
        m.energyPjPerByte = r.positive(node["energy_pj_per_byte"], path + ".energy_pj_per_byte", 1e5);
        r.figure(path + ".energy_pj_per_byte", node["energy_pj_per_byte"]);
    }
    if (node["holds_weights"]) {
        m.holdsWeights = r.boolean(node["holds_weights"], path + ".holds_weights");
        if (m.holdsWeights && offChip)
            r.fail(node["holds_weights"], path + ".holds_weights", "only an on-chip level can hold the weights");
    }
    return m;
}

SourceReference readSource(YamlReader& r, const YAML::Node& node, const std::string& path)
{
    r.checkMap(node, path, { "title", "publisher", "year", "url", "estimate", "covers", "note" },
        { "title", "publisher", "covers" });
    SourceReference s;
    s.title = r.string(node["title"], path + ".title");
    s.publisher = r.string(node["publisher"], path + ".publisher");
    if (node["year"])
        s.year = static_cast<int>(r.integer(node["year"], path + ".year", 1950, 2100));
    if (node["url"])
        s.url = r.string(node["url"], path + ".url");
    if (node["estimate"])
        s.estimate = r.boolean(node["estimate"], path + ".estimate");
    r.checkSequence(node["covers"], path + ".covers");
    for (const YAML::Node& c : node["covers"])
        s.covers.push_back(r.string(c, path + ".covers"));
    return s;
}

bool covers(const std::string& cover, const std::string& figure)
{
    return figure == cover || (figure.size() > cover.size() && figure.compare(0, cover.size(), cover) == 0
                                  && figure[cover.size()] == '.');
}

HardwareSpec readSpec(YamlReader& r, const YAML::Node& root, const std::string& expectedId)
{
    r.checkMap(root, "",
        { "schema", "id", "name", "vendor", "category", "mapper", "architecture", "process_nm", "release_year",
            "form_factor", "module", "compute", "memory", "power", "energy", "overheads", "host", "sources",
            "notes" },
        { "schema", "id", "name", "vendor", "category", "mapper", "architecture", "process_nm", "compute", "memory",
            "power", "overheads", "sources" });
    if (r.integer(root["schema"], "schema", 1, 1000) != 1)
        r.fail(root["schema"], "schema", "this program reads schema 1");

    HardwareSpec spec;
    spec.id = r.string(root["id"], "id");
    static const std::regex idPattern("[a-z0-9][a-z0-9-]*");
    if (!std::regex_match(spec.id, idPattern))
        r.fail(root["id"], "id", "must be lowercase letters, digits and dashes");
    if (!expectedId.empty() && spec.id != expectedId)
        r.fail(root["id"], "id", "'" + spec.id + "' differs from the file name ('" + expectedId + "')");
    spec.name = r.string(root["name"], "name");
    spec.vendor = r.string(root["vendor"], "vendor");
    spec.architecture = r.string(root["architecture"], "architecture");

    const std::string category = r.string(root["category"], "category");
    if (category == "cpu")
        spec.category = HardwareCategory::Cpu;
    else if (category == "gpu")
        spec.category = HardwareCategory::Gpu;
    else if (category == "accelerator")
        spec.category = HardwareCategory::Accelerator;
    else
        r.fail(root["category"], "category", "must be cpu, gpu or accelerator, got '" + category + "'");
    const std::string mapper = r.string(root["mapper"], "mapper");
    if (mapper == "cpu")
        spec.mapper = MapperKind::Cpu;
    else if (mapper == "gpu")
        spec.mapper = MapperKind::Gpu;
    else if (mapper == "systolic")
        spec.mapper = MapperKind::Systolic;
    else
        r.fail(root["mapper"], "mapper", "must be cpu, gpu or systolic, got '" + mapper + "'");

    spec.processNm = r.positive(root["process_nm"], "process_nm", 250);
    r.figure("process_nm", root["process_nm"]);
    if (root["release_year"])
        spec.releaseYear = static_cast<int>(r.integer(root["release_year"], "release_year", 1970, 2100));
    if (root["form_factor"])
        spec.formFactor = r.string(root["form_factor"], "form_factor");
    if (root["module"])
        spec.module = r.string(root["module"], "module");

    r.checkSequence(root["compute"], "compute");
    for (const YAML::Node& cluster : root["compute"]) {
        ComputeCluster c = readCluster(r, cluster, "compute");
        // An accelerator modelled as arrays publishes its arrays' peak: without per-clock vector figures, that peak
        // is the matrix datapath's.
        if (spec.mapper == MapperKind::Systolic && c.vectorOpsPerClock.empty())
            c.publishedPeakIsMatrix = true;
        for (const ComputeCluster& other : spec.clusters) {
            if (other.name == c.name)
                r.fail(cluster, "compute." + c.name, "cluster name used twice");
        }
        spec.clusters.push_back(std::move(c));
    }

    r.checkSequence(root["memory"], "memory");
    const size_t levels = root["memory"].size();
    for (size_t i = 0; i < levels; ++i) {
        const YAML::Node node = root["memory"][i];
        MemoryLevel m = readLevel(r, node, i + 1 == levels);
        for (const MemoryLevel& closer : spec.memory) {
            if (closer.name == m.name)
                r.fail(node, "memory." + m.name, "level name used twice");
        }
        if (!spec.memory.empty() && m.bandwidthBytesPerSecond > spec.memory.back().bandwidthBytesPerSecond)
            r.fail(node["bandwidth_gbs"], "memory." + m.name + ".bandwidth_gbs",
                "exceeds the bandwidth of " + spec.memory.back().name
                    + ", which is closer to the compute (levels go from closest to farthest)");
        spec.memory.push_back(std::move(m));
    }

    const YAML::Node power = root["power"];
    r.checkMap(power, "power", { "tdp_w", "idle_w", "static_w" }, { "tdp_w", "idle_w" });
    spec.tdpWatts = r.positive(power["tdp_w"], "power.tdp_w", kMaxPower);
    spec.idleWatts = r.positive(power["idle_w"], "power.idle_w", kMaxPower);
    r.figure("power.tdp_w", power["tdp_w"]);
    r.figure("power.idle_w", power["idle_w"]);
    if (spec.idleWatts > spec.tdpWatts)
        r.fail(power["idle_w"], "power.idle_w", "is above the TDP");
    if (power["static_w"]) {
        spec.staticWatts = r.positive(power["static_w"], "power.static_w", kMaxPower);
        r.figure("power.static_w", power["static_w"]);
        if (spec.staticWatts > spec.tdpWatts)
            r.fail(power["static_w"], "power.static_w", "is above the TDP");
    }

    // Energy per operation is derived by rule E4 unless a source gives it.
    if (const YAML::Node energy = root["energy"]) {
        r.checkMap(energy, "energy", { "pj_per_op" }, { "pj_per_op" });
        spec.energyPjPerOp = readPrecisionMap(r, energy["pj_per_op"], "energy.pj_per_op", 1e4);
    }

    const YAML::Node overheads = root["overheads"];
    r.checkMap(overheads, "overheads", { "launch_us" }, { "launch_us" });
    spec.launchOverheadUs = r.number(overheads["launch_us"], "overheads.launch_us");
    if (spec.launchOverheadUs < 0 || spec.launchOverheadUs > 1e6)
        r.fail(overheads["launch_us"], "overheads.launch_us", "must be between 0 and 1e6 µs");
    r.figure("overheads.launch_us", overheads["launch_us"]);

    if (const YAML::Node host = root["host"]) {
        r.checkMap(host, "host", { "core", "relative_speed" }, { "core", "relative_speed" });
        spec.host.core = r.string(host["core"], "host.core");
        spec.host.relativeSpeed = r.number(host["relative_speed"], "host.relative_speed");
        if (spec.host.relativeSpeed < 0.01 || spec.host.relativeSpeed > 100)
            r.fail(host["relative_speed"], "host.relative_speed", "must be between 0.01 and 100");
        spec.host.stated = true;
        r.figure("host.relative_speed", host["relative_speed"]);
    }

    r.checkSequence(root["sources"], "sources");
    for (size_t i = 0; i < root["sources"].size(); ++i)
        spec.sources.push_back(readSource(r, root["sources"][i], "sources[" + std::to_string(i) + "]"));

    if (spec.supportedPrecisions().empty())
        r.fail(root["compute"], "compute", "no cluster has a throughput for any precision");
    for (const MemoryLevel& m : spec.memory) {
        if (&m == &spec.memory.back() && m.energyPjPerByte <= 0 && energy::offChipPjPerByte(m.technology) <= 0)
            r.fail(root["memory"][spec.memory.size() - 1], "memory." + m.name + ".energy_pj_per_byte",
                "no rule gives the energy of technology '" + m.technology
                    + "' (HBM…, GDDR…, DDR…, LPDDR…): give energy_pj_per_byte with a source");
    }
    energy::deriveEnergy(spec);

    // Every cover must name something, and every typed figure must be covered.
    for (size_t i = 0; i < spec.sources.size(); ++i) {
        for (const std::string& cover : spec.sources[i].covers) {
            bool names = false;
            for (const auto& f : r.figures())
                names = names || covers(cover, f.path);
            if (!names)
                r.fail(root["sources"][i]["covers"], "sources[" + std::to_string(i) + "].covers",
                    "'" + cover + "' names no figure of this file");
        }
    }
    for (const auto& f : r.figures()) {
        bool covered = false;
        for (const SourceReference& s : spec.sources) {
            for (const std::string& cover : s.covers)
                covered = covered || covers(cover, f.path);
        }
        if (!covered)
            throw SchemaViolation { Error { ErrorCode::InvalidData,
                "key '" + f.path + "': no source covers this figure (add its path to a source's covers)",
                r.file() + ":" + std::to_string(f.line) } };
    }
    return spec;
}

} // namespace

Result<HardwareSpec> parseHardwareYaml(const std::string& text, const std::string& displayName)
{
    const std::string stem = std::filesystem::path(displayName).stem().string();
    return yamlio::parseDocument<HardwareSpec>(text, displayName, [&](YamlReader& reader, const YAML::Node& root) {
        HardwareSpec spec = readSpec(reader, root, stem);
        spec.file = displayName;
        return spec;
    });
}

Result<HardwareSpec> loadHardwareFile(const std::string& path)
{
    auto text = yamlio::readTextFile(path);
    if (!text)
        return text.error();
    return parseHardwareYaml(*text, path);
}

} // namespace graphs
