#include "hardware/local_hardware.h"

#include "hardware/energy_rules.h"

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

namespace graphs {

namespace fs = std::filesystem;

namespace {

std::string trim(const std::string& s)
{
    const auto b = s.find_first_not_of(" \t\r\n");
    if (b == std::string::npos)
        return {};
    const auto e = s.find_last_not_of(" \t\r\n");
    return s.substr(b, e - b + 1);
}

std::string readFirstLine(const fs::path& p)
{
    std::ifstream in(p);
    std::string line;
    std::getline(in, line);
    return trim(line);
}

int64_t parseCacheSize(const std::string& text)
{
    // sysfs writes "48K", "2048K", "105M".
    if (text.empty())
        return 0;
    int64_t value = 0;
    try {
        value = std::stoll(text);
    } catch (...) {
        return 0;
    }
    switch (text.back()) {
    case 'K': return value * 1024;
    case 'M': return value * 1024 * 1024;
    case 'G': return value * 1024 * 1024 * 1024;
    default: return value;
    }
}

int countCpuList(const std::string& list)
{
    // "0-3,8-11" → 8
    int count = 0;
    std::stringstream ss(list);
    std::string part;
    while (std::getline(ss, part, ',')) {
        const auto dash = part.find('-');
        try {
            if (dash == std::string::npos)
                count += part.empty() ? 0 : 1;
            else
                count += std::stoi(part.substr(dash + 1)) - std::stoi(part.substr(0, dash)) + 1;
        } catch (...) {
        }
    }
    return std::max(count, 1);
}

} // namespace

Result<CpuInfo> readCpuInfo(const std::string& procRoot, const std::string& sysRoot)
{
    CpuInfo info;
    std::ifstream cpuinfo(procRoot + "/cpuinfo");
    if (!cpuinfo)
        return Error { ErrorCode::Io, "cannot read the processor description", procRoot + "/cpuinfo" };
    std::set<std::pair<std::string, std::string>> cores; // (physical id, core id)
    std::string physicalId;
    std::string line;
    std::string armPart;
    while (std::getline(cpuinfo, line)) {
        const auto colon = line.find(':');
        if (colon == std::string::npos)
            continue;
        const std::string key = trim(line.substr(0, colon));
        const std::string value = trim(line.substr(colon + 1));
        if (key == "processor") {
            ++info.logicalCpus;
        } else if (key == "model name" && info.model.empty()) {
            info.model = value;
        } else if (key == "CPU part" && armPart.empty()) {
            armPart = value;
        } else if (key == "physical id") {
            physicalId = value;
        } else if (key == "core id") {
            cores.insert({ physicalId, value });
        } else if (key == "cpu MHz") {
            try {
                info.maxMhz = std::max(info.maxMhz, std::stod(value));
            } catch (...) {
            }
        } else if ((key == "flags" || key == "Features") && info.flags.empty()) {
            std::stringstream ss(value);
            std::string flag;
            while (ss >> flag)
                info.flags.insert(flag);
        }
    }
    if (info.logicalCpus == 0)
        return Error { ErrorCode::InvalidData, "no processor listed", procRoot + "/cpuinfo" };
    info.physicalCores = cores.empty() ? info.logicalCpus : static_cast<int>(cores.size());
    info.architecture = info.flags.count("asimd") ? "aarch64" : "x86_64";
    if (info.model.empty())
        info.model = armPart.empty() ? "unknown processor" : "ARM processor (part " + armPart + ")";

    const fs::path cpu0 = fs::path(sysRoot) / "devices/system/cpu/cpu0";
    const std::string maxFreq = readFirstLine(cpu0 / "cpufreq/cpuinfo_max_freq");
    if (!maxFreq.empty()) {
        try {
            info.maxMhz = std::stod(maxFreq) / 1000.0; // kHz
        } catch (...) {
        }
    }
    std::error_code ec;
    for (int index = 0; index < 16; ++index) {
        const fs::path dir = cpu0 / ("cache/index" + std::to_string(index));
        if (!fs::is_directory(dir, ec))
            break;
        CpuInfo::Cache c;
        try {
            c.level = std::stoi(readFirstLine(dir / "level"));
        } catch (...) {
            continue;
        }
        c.type = readFirstLine(dir / "type");
        c.bytes = parseCacheSize(readFirstLine(dir / "size"));
        c.sharedByCpus = countCpuList(readFirstLine(dir / "shared_cpu_list"));
        if (c.bytes > 0 && c.type != "Instruction")
            info.caches.push_back(c);
    }
    std::ifstream meminfo(procRoot + "/meminfo");
    while (std::getline(meminfo, line)) {
        if (line.rfind("MemTotal:", 0) == 0) {
            try {
                info.memoryBytes = std::stoll(trim(line.substr(9))) * 1024;
            } catch (...) {
            }
        }
    }
    return info;
}

HardwareSpec localHardwareSpec(const CpuInfo& info)
{
    HardwareSpec spec;
    spec.id = "local";
    spec.name = info.model + " (this machine, " + std::to_string(info.physicalCores) + " cores)";
    spec.vendor = info.model.find("Intel") != std::string::npos ? "Intel"
        : info.model.find("AMD") != std::string::npos           ? "AMD"
                                                                : "unknown";
    spec.category = HardwareCategory::Cpu;
    spec.mapper = MapperKind::Cpu;
    spec.architecture = info.architecture;
    spec.processNm = 10; // not readable from the OS: a mid-2020s node, as an estimate
    spec.generated = true;

    const auto has = [&](const char* f) { return info.flags.count(f) > 0; };
    const bool arm = info.architecture == "aarch64";
    ComputeCluster cores;
    cores.name = "core";
    cores.units = std::max(1, info.physicalCores);
    cores.boostClockMhz = info.maxMhz > 0 ? info.maxMhz : 2000;
    cores.simdBits = arm ? (has("sve") ? 256 : 128) : has("avx512f") ? 512 : has("avx2") ? 256 : has("avx") ? 256 : 128;
    // Two FMA pipes per core is the common case on current x86 server and desktop cores and on Cortex-A7x/Neoverse.
    const double fmaPipes = (has("fma") || arm) ? 2 : 1;
    const double fp32 = cores.simdBits / 32.0 * 2.0 * fmaPipes;
    cores.vectorOpsPerClock[Precision::FP32] = fp32;
    cores.vectorOpsPerClock[Precision::FP64] = fp32 / 2;
    if (has("avx512_bf16") || has("bf16"))
        cores.vectorOpsPerClock[Precision::BF16] = fp32 * 2;
    if (has("avx512_fp16") || has("asimdhp") || has("fphp"))
        cores.vectorOpsPerClock[Precision::FP16] = fp32 * 2;
    if (has("avx512_vnni") || has("avx_vnni") || has("asimddp"))
        cores.vectorOpsPerClock[Precision::INT8] = fp32 * 4;
    if (has("amx_tile") && has("amx_bf16"))
        cores.matrixOpsPerClock[Precision::BF16] = 1024; // TDPBF16PS: 16×16×32 MACs per 16 cycles
    if (has("amx_tile") && has("amx_int8"))
        cores.matrixOpsPerClock[Precision::INT8] = 2048;
    spec.clusters.push_back(cores);

    const double clockHz = cores.boostClockMhz * 1e6;
    const double simdBytes = cores.simdBits / 8.0;
    std::map<int, CpuInfo::Cache> byLevel;
    for (const auto& c : info.caches)
        byLevel[c.level] = c;
    for (const auto& [level, c] : byLevel) {
        MemoryLevel m;
        m.name = "L" + std::to_string(level);
        m.instances = std::max(1, info.logicalCpus / std::max(1, c.sharedByCpus));
        m.capacityBytes = static_cast<double>(c.bytes);
        // Bytes per clock per core: two vector loads from L1, a 64-byte line from L2, half that from L3.
        const double perClock = level == 1 ? 2 * simdBytes : level == 2 ? 64 : 32;
        m.bandwidthBytesPerSecond = perClock * clockHz * cores.units;
        if (!spec.memory.empty())
            m.bandwidthBytesPerSecond = std::min(m.bandwidthBytesPerSecond, spec.memory.back().bandwidthBytesPerSecond);
        spec.memory.push_back(m);
    }
    MemoryLevel dram;
    dram.name = "DRAM";
    dram.technology = "DDR (type not readable)";
    dram.capacityBytes = info.memoryBytes > 0 ? static_cast<double>(info.memoryBytes) : 8.0 * (1LL << 30);
    dram.bandwidthBytesPerSecond = std::min(12.8e9 * cores.units, 200e9); // about one DDR channel per core, capped
    if (!spec.memory.empty())
        dram.bandwidthBytesPerSecond = std::min(dram.bandwidthBytesPerSecond, spec.memory.back().bandwidthBytesPerSecond);
    spec.memory.push_back(dram);

    spec.tdpWatts = 10.0 * cores.units;
    spec.idleWatts = 0.15 * spec.tdpWatts; // rule P1
    spec.launchOverheadUs = 2.0;
    energy::deriveEnergy(spec); // rules E3-E5 and P2 of docs/hardware/energy.md at 10 nm

    SourceReference detected;
    detected.title = "Detected at run time from /proc/cpuinfo, /proc/meminfo and sysfs (cores, clock, SIMD flags, "
                     "caches, memory size)";
    detected.publisher = "Linux";
    detected.covers = { "compute.core.units", "compute.core.clock_mhz", "compute.core.vector.simd_bits" };
    for (const auto& m : spec.memory) {
        detected.covers.push_back("memory." + m.name + ".instances");
        detected.covers.push_back("memory." + m.name + ".capacity_kib");
    }
    SourceReference estimated;
    estimated.title = "Estimated from the detected figures: 2 FMA pipes per core; L1 2 vector loads, L2 64 B, "
                      "L3 32 B per clock per core; DRAM 12.8 GB/s per core; 10 W TDP per core, idle 15% of it; energy per "
                      "operation and byte by rules E3-E5 of docs/hardware/energy.md at 10 nm. THEORETICAL until "
                      "calibrated";
    estimated.publisher = "graphs";
    estimated.estimate = true;
    estimated.covers = { "process_nm", "compute.core.vector.ops_per_clock", "compute.core.matrix", "memory", "power",
        "overheads" };
    spec.sources = { detected, estimated };
    return spec;
}

} // namespace graphs
