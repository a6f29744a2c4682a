#pragma once

#include "estimation/estimator.h"
#include "transform/partition.h"

#include <QString>
#include <memory>

namespace graphs {
struct GraphAnalysis;
}

namespace graphs::ui {

/// One estimate with everything the pages draw from: the analysis it was made for, the partition into kernels
/// and the per-subgraph estimate (aligned with the partition).
struct EstimatedModel
{
    std::shared_ptr<const GraphAnalysis> analysis;
    Partition partition;
    ModelEstimate estimate;
    QString runtimeName;
    QString calibration; ///< the profile the latencies (or energy) were calibrated with; empty when none was

    const HardwareSpec& hardware() const { return *estimate.hardware; }
};

} // namespace graphs::ui
