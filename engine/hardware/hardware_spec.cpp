#include "hardware/hardware_spec.h"

#include <algorithm>

namespace graphs {

std::string_view categoryName(HardwareCategory c)
{
    switch (c) {
    case HardwareCategory::Cpu: return "cpu";
    case HardwareCategory::Gpu: return "gpu";
    case HardwareCategory::Accelerator: return "accelerator";
    }
    return "cpu";
}

std::string_view mapperName(MapperKind m)
{
    switch (m) {
    case MapperKind::Cpu: return "cpu";
    case MapperKind::Gpu: return "gpu";
    case MapperKind::Systolic: return "systolic";
    }
    return "cpu";
}

double ComputeCluster::peakOpsPerSecond(Precision p, Datapath d) const
{
    const auto& perClock = d == Datapath::Vector ? vectorOpsPerClock : matrixOpsPerClock;
    auto it = perClock.find(p);
    if (it != perClock.end())
        return static_cast<double>(units) * it->second * boostClockMhz * 1e6;
    // A published whole-cluster peak belongs to the matrix datapath when the cluster has one, else to the vector one.
    auto published = publishedPeakOpsPerSecond.find(p);
    if (published == publishedPeakOpsPerSecond.end())
        return 0;
    const bool hasMatrix = !matrixOpsPerClock.empty() || arrayRows > 0 || publishedPeakIsMatrix;
    return (d == Datapath::Matrix) == hasMatrix ? published->second : 0;
}

double ComputeCluster::peakOpsPerSecond(Precision p) const
{
    return std::max(peakOpsPerSecond(p, Datapath::Vector), peakOpsPerSecond(p, Datapath::Matrix));
}

double HardwareSpec::peakOpsPerSecond(Precision p) const
{
    double total = 0;
    for (const ComputeCluster& c : clusters)
        total += c.peakOpsPerSecond(p);
    return total;
}

double HardwareSpec::peakOpsPerSecond(Precision p, Datapath d) const
{
    double total = 0;
    for (const ComputeCluster& c : clusters)
        total += c.peakOpsPerSecond(p, d);
    return total;
}

std::vector<Precision> HardwareSpec::supportedPrecisions() const
{
    std::vector<Precision> out;
    for (Precision p : kAllPrecisions) {
        if (peakOpsPerSecond(p) > 0)
            out.push_back(p);
    }
    return out;
}

int64_t HardwareSpec::totalUnits() const
{
    int64_t n = 0;
    for (const ComputeCluster& c : clusters)
        n += c.units;
    return n;
}

double HardwareSpec::ridgePoint(Precision p, const MemoryLevel& level) const
{
    if (level.bandwidthBytesPerSecond <= 0)
        return 0;
    return peakOpsPerSecond(p) / level.bandwidthBytesPerSecond;
}

} // namespace graphs
