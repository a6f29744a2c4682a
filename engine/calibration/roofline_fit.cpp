#include "calibration/roofline_fit.h"

#include "hardware/mapper.h"

#include <algorithm>
#include <cmath>
#include <map>

namespace graphs {

namespace {

bool startsWith(const std::string& text, const std::string& prefix)
{
    return text.rfind(prefix, 0) == 0;
}

double rate(double work, const MeasurementRecord& r)
{
    return r.medianMs > 0 && work > 0 ? work / (r.medianMs / 1000) : 0;
}

/// "working_set=16384" → 16384; 0 when absent.
double workingSetOf(const MeasurementRecord& r)
{
    const std::string key = "working_set=";
    const auto at = r.shape.find(key);
    if (at == std::string::npos)
        return r.bytes > 0 ? r.bytes : 0;
    try {
        return std::stod(r.shape.substr(at + key.size()));
    } catch (...) {
        return 0;
    }
}

std::string sizeText(double bytes)
{
    const char* units[] = { "B", "KiB", "MiB", "GiB" };
    int u = 0;
    while (bytes >= 1024 && u < 3) {
        bytes /= 1024;
        ++u;
    }
    return std::to_string(static_cast<int64_t>(std::llround(bytes))) + " " + units[u];
}

} // namespace

double RooflineFit::bandwidthAt(double workingSetBytes) const
{
    if (bandwidth.empty())
        return 0;
    if (bandwidth.size() == 1 || workingSetBytes <= bandwidth.front().workingSetBytes)
        return bandwidth.front().bytesPerSecond;
    if (workingSetBytes >= bandwidth.back().workingSetBytes)
        return bandwidth.back().bytesPerSecond;
    if (bandwidthByLevel) {
        // The specification's points are its levels at their capacities: a working set one level cannot hold is
        // served by the next at that level's bandwidth (a step, not a slope from one capacity to the next, which
        // would give anything a little over a 4 MB L2 most of the L2's bandwidth from DRAM).
        for (const BandwidthPoint& p : bandwidth)
            if (workingSetBytes <= p.workingSetBytes)
                return p.bytesPerSecond;
    }
    const double x = std::log(workingSetBytes);
    for (size_t i = 1; i < bandwidth.size(); ++i) {
        if (workingSetBytes <= bandwidth[i].workingSetBytes) {
            const double x0 = std::log(bandwidth[i - 1].workingSetBytes);
            const double x1 = std::log(bandwidth[i].workingSetBytes);
            const double t = x1 > x0 ? (x - x0) / (x1 - x0) : 1.0;
            return bandwidth[i - 1].bytesPerSecond + t * (bandwidth[i].bytesPerSecond - bandwidth[i - 1].bytesPerSecond);
        }
    }
    return bandwidth.back().bytesPerSecond;
}

RooflineFit specRoofline(const HardwareSpec& spec, Precision precision)
{
    RooflineFit fit;
    fit.vectorPeak = mapping::vectorPeak(spec, precision);
    fit.matrixPeak = mapping::matrixPeak(spec, precision);
    for (const MemoryLevel& level : spec.memory) {
        if (level.bandwidthBytesPerSecond > 0 && level.totalCapacityBytes() > 0)
            fit.bandwidth.push_back({ level.totalCapacityBytes(), level.bandwidthBytesPerSecond });
    }
    std::sort(fit.bandwidth.begin(), fit.bandwidth.end(),
        [](const BandwidthPoint& a, const BandwidthPoint& b) { return a.workingSetBytes < b.workingSetBytes; });
    fit.bandwidthByLevel = true;
    fit.source = spec.id + " specification";
    return fit;
}

RooflineFit fitRoofline(const std::vector<MeasurementRecord>& records, const HardwareSpec& spec, Precision precision)
{
    RooflineFit fit = specRoofline(spec, precision);
    const std::string fmaPrefix = "fma/" + std::string(precisionName(precision)) + "/";
    // Per roof family, only the rows at the most threads: the estimate is for the whole machine.
    auto mostThreads = [&](auto&& accept) {
        int threads = -1;
        for (const MeasurementRecord& r : records)
            if (r.kind == MeasurementKind::Roof && accept(r))
                threads = std::max(threads, r.threads);
        return threads;
    };
    auto isFma = [&](const MeasurementRecord& r) { return startsWith(r.benchmark, fmaPrefix) && r.flops > 0; };
    auto isGemm = [&](const MeasurementRecord& r) {
        return precision == Precision::FP32 && startsWith(r.benchmark, "sgemm/") && r.flops > 0;
    };
    auto isTriad = [&](const MeasurementRecord& r) {
        return (startsWith(r.benchmark, "triad/") || startsWith(r.benchmark, "stream-triad/")) && r.bytes > 0;
    };
    std::vector<std::string> parts;

    const int fmaThreads = mostThreads(isFma);
    double fma = 0;
    for (const MeasurementRecord& r : records)
        if (r.kind == MeasurementKind::Roof && isFma(r) && r.threads == fmaThreads)
            fma = std::max(fma, rate(r.flops, r));
    if (fma > 0) {
        fit.vectorPeak = fma;
        fit.measuredCompute = true;
        parts.push_back(fmaPrefix + "* at " + std::to_string(fmaThreads) + " threads");
    }
    const int gemmThreads = mostThreads(isGemm);
    double gemm = 0;
    for (const MeasurementRecord& r : records)
        if (r.kind == MeasurementKind::Roof && isGemm(r) && r.threads == gemmThreads)
            gemm = std::max(gemm, rate(r.flops, r));
    if (gemm > 0) {
        fit.matrixPeak = gemm;
        fit.measuredCompute = true;
        parts.push_back("sgemm/* at " + std::to_string(gemmThreads) + " threads");
    } else if (fma > 0) {
        // No GEMM measured: matrix work is held to the measured vector roof where the spec has no matrix datapath.
        if (spec.peakOpsPerSecond(precision, Datapath::Matrix) <= 0)
            fit.matrixPeak = fma;
    }

    const int triadThreads = mostThreads(isTriad);
    std::map<double, double> curve; // working set → best rate
    for (const MeasurementRecord& r : records) {
        if (r.kind != MeasurementKind::Roof || !isTriad(r) || r.threads != triadThreads)
            continue;
        const double ws = workingSetOf(r);
        const double bw = rate(r.bytes, r);
        if (ws > 0 && bw > 0)
            curve[ws] = std::max(curve[ws], bw);
    }
    if (curve.size() >= 2) {
        fit.bandwidth.clear();
        for (const auto& [ws, bw] : curve)
            fit.bandwidth.push_back({ ws, bw });
        fit.measuredBandwidth = true;
        fit.bandwidthByLevel = false;
        parts.push_back("triad sweep " + sizeText(curve.begin()->first) + "–" + sizeText(curve.rbegin()->first)
            + " at " + std::to_string(triadThreads) + " threads");
    }
    if (!parts.empty()) {
        fit.source = "measured: ";
        for (size_t i = 0; i < parts.size(); ++i)
            fit.source += (i ? ", " : "") + parts[i];
        if (!fit.measuredBandwidth)
            fit.source += "; bandwidth from the specification";
        if (!fit.measuredCompute)
            fit.source += "; peaks from the specification";
    }
    return fit;
}

} // namespace graphs
