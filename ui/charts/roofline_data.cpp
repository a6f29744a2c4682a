#include "charts/roofline_data.h"

#include "estimated_model.h"
#include "hardware/mapper.h"
#include "qt_strings.h"

#include <QCoreApplication>
#include <algorithm>

namespace graphs::ui {

const RooflinePoint* RooflineData::point(int subgraph) const
{
    for (const RooflinePoint& p : points) {
        if (p.subgraph == subgraph)
            return &p;
    }
    return nullptr;
}

RooflineData makeRooflineData(const EstimatedModel& estimated)
{
    RooflineData data;
    const HardwareSpec& spec = estimated.hardware();
    const Precision p = estimated.estimate.options.precision;
    const QString name = fromStd(precisionName(p));
    data.hardware = QString::fromStdString(spec.name + " (" + spec.id + ")");
    data.precision = p;

    const double matrix = spec.peakOpsPerSecond(p, Datapath::Matrix);
    const double vector = spec.peakOpsPerSecond(p, Datapath::Vector);
    if (matrix > 0 && vector > 0) {
        data.compute.push_back(
            { QCoreApplication::translate("graphs::ui::RooflineData", "%1 matrix").arg(name), matrix });
        data.compute.push_back(
            { QCoreApplication::translate("graphs::ui::RooflineData", "%1 vector").arg(name), vector });
    } else if (matrix > 0) {
        data.compute.push_back(
            { QCoreApplication::translate("graphs::ui::RooflineData", "%1 matrix").arg(name), matrix });
        // Elementwise work of this precision runs elsewhere (int8 models: the fp32 vector path); show that roof too.
        const double assumed = mapping::vectorPeak(spec, p);
        if (assumed > 0 && assumed < matrix)
            data.compute.push_back(
                { QCoreApplication::translate("graphs::ui::RooflineData", "vector (elementwise work)"), assumed });
    } else if (vector > 0) {
        data.compute.push_back(
            { QCoreApplication::translate("graphs::ui::RooflineData", "%1 vector").arg(name), vector });
    }
    // Clusters with different datapaths (P- and E-cores) add up to more than either datapath alone.
    const double peak = spec.peakOpsPerSecond(p);
    if (!data.compute.empty() && peak > data.compute.front().value * 1.01)
        data.compute.insert(data.compute.begin(),
            { QCoreApplication::translate("graphs::ui::RooflineData", "%1 peak").arg(name), peak });
    std::stable_sort(data.compute.begin(), data.compute.end(),
        [](const RooflineCeiling& a, const RooflineCeiling& b) { return a.value > b.value; });

    for (const MemoryLevel& level : spec.memory) {
        if (level.bandwidthBytesPerSecond > 0)
            data.memory.push_back({ QString::fromStdString(level.name), level.bandwidthBytesPerSecond });
    }

    const auto& subgraphs = estimated.partition.subgraphs;
    const ModelEstimate& e = estimated.estimate;
    const double total = e.summary.latency.value;
    for (size_t i = 0; i < subgraphs.size() && i < e.subgraphs.size(); ++i) {
        const Subgraph& s = subgraphs[i];
        const SubgraphEstimate& se = e.subgraphs[i];
        if (s.zeroCost) {
            ++data.zeroCost;
            continue;
        }
        const auto intensity = s.arithmeticIntensity();
        const double seconds = se.latency.value * 1e-3;
        if (s.flops.total() <= 0 || !intensity || *intensity <= 0 || seconds <= 0) {
            ++data.withoutFlops;
            continue;
        }
        RooflinePoint point;
        point.subgraph = static_cast<int>(i);
        point.label = QString::fromStdString(s.label);
        point.opClass = s.opClass;
        point.intensity = *intensity;
        point.flopsPerSecond = static_cast<double>(s.flops.total()) / seconds;
        point.share = total > 0 ? std::clamp(se.latency.value / total, 0.0, 1.0) : 0.0;
        point.latency = se.latency;
        point.bottleneck = se.bottleneck;
        const int level = se.mapped.memoryLevel;
        if (level >= 0 && level < static_cast<int>(spec.memory.size()))
            point.memoryLevel = QString::fromStdString(spec.memory[level].name);
        data.points.push_back(std::move(point));
    }
    return data;
}

} // namespace graphs::ui
