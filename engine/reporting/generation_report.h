#pragma once

#include "reporting/analysis_report.h"
#include "workflows/generation.h"

#include <string>

namespace graphs {

/// The report of `graphs generate`:
///  - text and Markdown: settings, decoder structure, time to first token, decode time per token and tokens per
///    second with their bounds and confidence, energy per token, memory against the device's, and the decode steps
///    estimated (latency against context);
///  - JSON: all of it, every estimated pass included;
///  - CSV: one summary row under a header, so that runs on several devices concatenate into one table.
std::string renderGeneration(const GenerationResult& result, ReportFormat format);

} // namespace graphs
