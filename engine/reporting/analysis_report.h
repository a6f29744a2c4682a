#pragma once

#include "estimation/graph_analysis.h"

#include <optional>
#include <string>
#include <string_view>

namespace graphs {

enum class ReportFormat { Text, Json, Csv, Markdown };

/// "text", "json", "csv", "markdown" (also "md").
std::optional<ReportFormat> parseReportFormat(std::string_view name);

struct ReportOptions
{
    int topNodes = 15; ///< nodes listed in text/Markdown, by FLOPs; 0 lists all
    bool nodeTable = true; ///< text: list the heaviest nodes after the summary
};

/// The JSON document of `graphs analyze`: {"model": {...}, "nodes": [...], "warnings": [...]}.
std::string analysisToJson(const GraphAnalysis& analysis);
/// A human summary for a terminal.
std::string analysisToText(const GraphAnalysis& analysis, const ReportOptions& options);
/// One row per node, with a header row.
std::string analysisToCsv(const GraphAnalysis& analysis);
/// Summary, op histogram and the heaviest nodes, for design-review documents.
std::string analysisToMarkdown(const GraphAnalysis& analysis, const ReportOptions& options);

/// The model's file name without ".onnx", or the graph name when it came from no file.
std::string modelDisplayName(const ComputeGraph& graph);

std::string renderAnalysis(const GraphAnalysis& analysis, ReportFormat format, const ReportOptions& options);

} // namespace graphs
