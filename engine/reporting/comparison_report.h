#pragma once

#include "estimation/comparison.h"
#include "reporting/analysis_report.h"

#include <string>
#include <vector>

namespace graphs {

/// The comparison table: latency, throughput, energy per inference, peak memory, bottleneck, Pareto mark.
std::string renderComparison(const std::vector<ComparisonRow>& rows, ReportFormat format);

} // namespace graphs
