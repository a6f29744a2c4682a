#pragma once

#include "estimation/estimator.h"
#include "reporting/analysis_report.h"
#include "transform/partition.h"

#include <string>
#include <vector>

namespace graphs {

/// The analysis document plus "hardware", "estimation", "summary", "energy", "memory" and "subgraphs".
std::string estimateToJson(const GraphAnalysis& analysis, const Partition& partition, const ModelEstimate& estimate);
/// The analysis summary, then the estimate and the slowest subgraphs.
std::string estimateToText(const GraphAnalysis& analysis, const Partition& partition, const ModelEstimate& estimate,
    const ReportOptions& options);
/// One row per subgraph.
std::string estimateToCsv(const GraphAnalysis& analysis, const Partition& partition, const ModelEstimate& estimate);
std::string estimateToMarkdown(const GraphAnalysis& analysis, const Partition& partition,
    const ModelEstimate& estimate, const ReportOptions& options);
std::string renderEstimate(const GraphAnalysis& analysis, const Partition& partition, const ModelEstimate& estimate,
    ReportFormat format, const ReportOptions& options);

/// "12.3 ms ±35% THEORETICAL"
std::string formatEstimate(const EstimationResult& e, int decimals = 3);

} // namespace graphs
