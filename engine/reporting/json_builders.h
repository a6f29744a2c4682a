#pragma once

// Internal to reporting: JSON objects shared by the analysis and estimate documents.

#include "estimation/estimator.h"
#include "estimation/graph_analysis.h"
#include "transform/partition.h"

#include <nlohmann/json.hpp>

namespace graphs::reporting {

nlohmann::json analysisJson(const GraphAnalysis& analysis);
nlohmann::json estimationResultJson(const EstimationResult& e);
nlohmann::json hardwareSummaryJson(const HardwareSpec& spec);
/// Adds "hardware", "estimation", "summary", "energy", "memory" and "subgraphs" to an analysis document.
void addEstimate(nlohmann::json& doc, const GraphAnalysis& analysis, const Partition& partition,
    const ModelEstimate& estimate);

} // namespace graphs::reporting
