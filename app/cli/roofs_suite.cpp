#include "cli/roofs_suite.h"

#include "benchmarks/benchmark_result.h"
#include "benchmarks/roofs.h"
#include "cli/cli_common.h"
#include "reporting/number_format.h"

#include <nlohmann/json.hpp>

#include <cstdio>
#include <filesystem>
#include <iostream>
#include <memory>
#include <sstream>
#include <thread>
#include <unistd.h>

namespace graphs::cli {

namespace {

namespace fs = std::filesystem;

/// The GEMM probe for this processor's x86-64 level, next to the executable (build tree) or in libexec.
std::string gemmProbe(VectorIsa isa)
{
    std::error_code ec;
    const fs::path exe = fs::read_symlink("/proc/self/exe", ec);
    const std::string name = isa == VectorIsa::Avx512 ? "graphs-gemm-probe-v4" : "graphs-gemm-probe-v3";
    for (const fs::path& dir : { exe.parent_path(), exe.parent_path().parent_path() / "libexec/graphs" }) {
        if (fs::exists(dir / name, ec))
            return (dir / name).string();
    }
    return {};
}

/// FLOP/s of an n×n×n SGEMM, or a negative number when the probe is unavailable.
double runGemmProbe(const std::string& probe, int n, int threads)
{
    if (probe.empty())
        return -1;
    const std::string command = probe + " " + std::to_string(n) + " " + std::to_string(threads) + " 1.0";
    std::unique_ptr<FILE, int (*)(FILE*)> pipe(::popen(command.c_str(), "r"), ::pclose);
    if (!pipe)
        return -1;
    std::string text;
    char buffer[512];
    while (std::fgets(buffer, sizeof buffer, pipe.get()))
        text += buffer;
    try {
        return nlohmann::json::parse(text).at("flops_per_s").get<double>();
    } catch (const std::exception&) {
        return -1;
    }
}

} // namespace

int runRoofsSuite(int threads, const std::string& format, const std::string& output)
{
    if (format != "text" && format != "json") {
        printError("unknown --format '" + format + "' (text or json)");
        return ExitUsage;
    }
    const int all = threads > 0 ? threads : static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
    const VectorIsa isa = detectVectorIsa();
    const bool tty = isatty(STDERR_FILENO);
    auto step = [&](const char* what) {
        if (tty)
            std::cerr << "\r\033[K" << what << std::flush;
    };

    struct Row
    {
        std::string name;
        int threads;
        double value;
        std::string unit;
    };
    std::vector<Row> rows;
    step("fp32 FMA peak…");
    rows.push_back({ std::string("fp32 FMA peak (") + vectorIsaName(isa) + ")", 1, measureFp32FmaPeak(1, isa), "FLOP/s" });
    rows.push_back({ std::string("fp32 FMA peak (") + vectorIsaName(isa) + ")", all, measureFp32FmaPeak(all, isa), "FLOP/s" });
    if (isa == VectorIsa::Avx512)
        rows.push_back({ "fp32 FMA peak (avx2)", all, measureFp32FmaPeak(all, VectorIsa::Avx2Fma), "FLOP/s" });
    rows.push_back({ std::string("fp64 FMA peak (") + vectorIsaName(isa) + ")", all, measureFp64FmaPeak(all, isa), "FLOP/s" });
    step("memory bandwidth…");
    const int64_t streamBytes = int64_t { 3 } * 80'000'000 * 8; // STREAM's 80M-element arrays
    rows.push_back({ "STREAM triad (3 × 80M doubles)", 1, measureTriadBandwidth(streamBytes, 1, 0.5), "B/s" });
    rows.push_back({ "STREAM triad (3 × 80M doubles)", all, measureTriadBandwidth(streamBytes, all, 0.5), "B/s" });
    step("GEMM…");
    const std::string probe = gemmProbe(isa);
    for (int n : { 1024, 2048 }) {
        const double rate = runGemmProbe(probe, n, all);
        if (rate > 0)
            rows.push_back({ "SGEMM " + std::to_string(n) + "³ (Eigen)", all, rate, "FLOP/s" });
    }
    step("bandwidth sweep…");
    const auto sweep = bandwidthSweep(all, int64_t { 1 } << 30);
    step("");

    const EnvironmentFingerprint env = currentEnvironment(GRAPHS_VERSION);
    std::ostringstream out;
    if (format == "json") {
        nlohmann::json roofs = nlohmann::json::array();
        for (const Row& r : rows)
            roofs.push_back({ { "name", r.name }, { "threads", r.threads }, { "value", r.value }, { "unit", r.unit } });
        nlohmann::json points = nlohmann::json::array();
        for (const BandwidthPoint& p : sweep)
            points.push_back({ { "working_set_bytes", p.workingSetBytes }, { "bytes_per_s", p.bytesPerSecond } });
        nlohmann::json doc = { { "environment",
                                   { { "cpu_model", env.cpuModel }, { "cores", env.cores }, { "date", env.date },
                                       { "governor", env.governor }, { "tool_version", env.toolVersion } } },
            { "roofs", roofs }, { "bandwidth_sweep", { { "threads", all }, { "points", points } } } };
        out << doc.dump(2) << '\n';
    } else {
        out << "roofs of " << env.cpuModel << " (" << env.cores << " cores), " << env.date << "\n\n";
        for (const Row& r : rows) {
            std::string name = r.name;
            name.resize(std::max<size_t>(name.size(), 36), ' ');
            out << "  " << name << r.threads << (r.threads == 1 ? " thread   " : " threads  ")
                << (r.unit == "B/s" ? humanBytes(r.value) + "/s" : humanCount(r.value) + r.unit) << '\n';
        }
        out << "\ntriad bandwidth by working set (" << all << " threads)\n";
        for (const BandwidthPoint& p : sweep)
            out << "  " << humanBytes(static_cast<double>(p.workingSetBytes)) << "\t" << humanBytes(p.bytesPerSecond)
                << "/s\n";
    }
    return emit(out.str(), output);
}

} // namespace graphs::cli
