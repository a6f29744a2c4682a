#include "calibration/calibration_transfer.h"

#include "calibration/roofline_fit.h"
#include "calibration/training_data.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <map>

namespace graphs {

namespace {

std::string lower(std::string s)
{
    for (char& c : s)
        c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return s;
}

/// "Ampere (GA10B)" → "Ampere"; surrounding blanks dropped.
std::string architectureName(const std::string& architecture)
{
    std::string name = architecture.substr(0, architecture.find('('));
    while (!name.empty() && std::isspace(static_cast<unsigned char>(name.back())))
        name.pop_back();
    return name;
}

double ratio(double achieved, double specified)
{
    return achieved > 0 && specified > 0 ? achieved / specified : 1.0;
}

} // namespace

std::string hardwareFamily(const HardwareSpec& spec)
{
    const std::string mapper(mapperName(spec.mapper));
    if (spec.mapper == MapperKind::Cpu) {
        const std::string arch = lower(spec.architecture);
        const bool arm = arch.find("arm") != std::string::npos || arch.find("aarch64") != std::string::npos
            || arch.find("neoverse") != std::string::npos || arch.find("cortex") != std::string::npos;
        return mapper + "/" + (arm ? "arm64" : "x86-64");
    }
    return mapper + "/" + spec.vendor + "/" + architectureName(spec.architecture)
        + (spec.module.empty() ? "" : "/module");
}

Result<Calibration> transferCalibration(const Calibration& source, const HardwareSpec& sourceSpec,
    const std::shared_ptr<const HardwareSpec>& target)
{
    if (!target)
        return Error { ErrorCode::InvalidArgument, "no target hardware to carry the calibration to", {} };
    if (!source.hasLatency())
        return Error { ErrorCode::InvalidData,
            "the calibration of " + sourceSpec.id + " has no latency fit (no whole model measured) to carry over",
            source.profile.file };
    if (hardwareFamily(sourceSpec) != hardwareFamily(*target))
        return Error { ErrorCode::InvalidArgument,
            sourceSpec.id + " (" + hardwareFamily(sourceSpec) + ") and " + target->id + " ("
                + hardwareFamily(*target) + ") are not of one family: a calibration does not carry between them",
            target->id };

    const Precision p = source.profile.precision;
    const RooflineFit specSource = specRoofline(sourceSpec, p);
    const RooflineFit specTarget = specRoofline(*target, p);

    Calibration out = source;
    out.transferredFrom = sourceSpec.id;

    RooflineFit& roofs = out.roofs;
    roofs.vectorPeak = specTarget.vectorPeak * ratio(source.roofs.vectorPeak, specSource.vectorPeak);
    roofs.matrixPeak = specTarget.matrixPeak * ratio(source.roofs.matrixPeak, specSource.matrixPeak);
    roofs.bandwidth.clear();
    const bool levelByLevel = specSource.bandwidth.size() == specTarget.bandwidth.size();
    for (size_t i = 0; i < specTarget.bandwidth.size(); ++i) {
        const BandwidthPoint& at = levelByLevel ? specSource.bandwidth[i] : specSource.bandwidth.back();
        const double achieved = ratio(source.roofs.bandwidthAt(at.workingSetBytes), at.bytesPerSecond);
        roofs.bandwidth.push_back({ specTarget.bandwidth[i].workingSetBytes,
            specTarget.bandwidth[i].bytesPerSecond * achieved });
    }
    // The curve is the target's levels at their capacities, each at the share the source achieved: a step per level.
    roofs.bandwidthByLevel = true;
    roofs.source = source.roofs.source + ", scaled from " + sourceSpec.id + " to " + target->id
        + " by their specifications";

    const double launch = sourceSpec.launchOverheadUs > 0 && target->launchOverheadUs > 0
        ? target->launchOverheadUs / sourceSpec.launchOverheadUs
        : 1.0;
    const double vector = ratio(source.roofs.vectorPeak, roofs.vectorPeak);
    const double io = ratio(sourceSpec.offChipMemory().bandwidthBytesPerSecond,
        target->offChipMemory().bandwidthBytesPerSecond);
    for (auto& [key, value] : out.model.coefficients) {
        if (key.ends_with(":compute") || key.ends_with(":memory") || key.ends_with(":host"))
            continue;
        if (key.ends_with(":kernels"))
            value *= launch;
        else if (key == "run:io")
            value *= io;
        else
            value *= vector;
    }

    out.errorBoundPct = source.errorBoundPct * kTransferBoundFactor;
    out.energy.reset();
    out.energyFits.clear();
    out.energyBoundPct = 0;
    out.heldOut.clear();
    return out;
}

Result<TransferCheck> checkTransfer(const Calibration& source, const HardwareSpec& sourceSpec,
    const std::shared_ptr<const HardwareSpec>& target, const CalibrationProfile& targetProfile,
    const FusionRules& fusion, const std::string& registryDir)
{
    auto transferred = transferCalibration(source, sourceSpec, target);
    if (!transferred)
        return transferred.error();
    auto records = loadProfileRecords(targetProfile, registryDir);
    if (!records)
        return records.error();
    Diagnostics skipped;
    const TrainingDataOptions options { target, fusion, targetProfile.precision, targetProfile.modelDirs,
        transferred->roofs };
    auto points = trainingPoints(records->records, options, skipped);
    if (!points)
        return points.error();
    if (points->empty())
        return Error { ErrorCode::InvalidData,
            "no measurement of " + target->id + " × " + targetProfile.runtime + " "
                + std::string(precisionName(targetProfile.precision)) + " to check the transfer against",
            target->id };

    TransferCheck check;
    check.boundPct = transferred->errorBoundPct;
    struct Sum
    {
        double measured = 0;
        double predicted = 0;
        double roofline = 0;
    };
    std::map<std::string, Sum> models; // a model's kernels sum to its time, as the harness measured them
    const LatencyModel roofline; // no coefficients: every term at its prior
    for (const TrainingPoint& p : *points) {
        const double predicted = transferred->model.predictSeconds(p.features);
        const double roof = roofline.predictSeconds(p.features);
        if (!p.group.empty()) {
            models[p.group].measured += p.measuredSeconds;
            models[p.group].predicted += predicted;
            models[p.group].roofline += roof;
            continue;
        }
        const std::string kind = p.features.subgraphs.empty() ? "operator" : p.features.subgraphs.front().opClass;
        check.items.push_back({ p.name, kind, p.measuredSeconds, predicted, 0, false, roof });
    }
    for (const auto& [group, sum] : models)
        check.items.push_back({ group, "model", sum.measured, sum.predicted, 0, false, sum.roofline });
    for (TransferItem& item : check.items) {
        item.errorPct = (item.predictedSeconds - item.measuredSeconds) / item.measuredSeconds * 100;
        item.insideBound = std::abs(item.errorPct) <= check.boundPct;
    }
    check.transferred = std::move(*transferred);
    return check;
}

std::vector<TransferKindErrors> transferErrorsByKind(const TransferCheck& check)
{
    std::map<std::string, TransferKindErrors> byKind;
    for (const TransferItem& item : check.items) {
        TransferKindErrors& k = byKind[item.kind];
        k.kind = item.kind;
        k.count += 1;
        k.mapePct += std::abs(item.errorPct);
        k.rooflineMapePct += std::abs(item.rooflineSeconds / item.measuredSeconds - 1) * 100;
    }
    std::vector<TransferKindErrors> kinds;
    for (auto& [name, k] : byKind) {
        k.mapePct /= static_cast<double>(k.count);
        k.rooflineMapePct /= static_cast<double>(k.count);
        kinds.push_back(std::move(k));
    }
    return kinds;
}

size_t transferItemsInsideBound(const TransferCheck& check)
{
    return static_cast<size_t>(
        std::count_if(check.items.begin(), check.items.end(), [](const TransferItem& i) { return i.insideBound; }));
}

} // namespace graphs
