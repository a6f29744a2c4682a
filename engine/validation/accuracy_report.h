#pragma once

// Accuracy reports for people (Markdown), spreadsheets (CSV) and programs (JSON), from an analysed point set.

#include "validation/accuracy.h"

#include <string>

namespace graphs {

/// A Markdown document: a warning at the top when any point was also used in calibration (its error is
/// in-sample), a table of the points, and summary lines for all points, the whole models and the items.
///
///     auto analysis = analyzeAccuracy(points);
///     if (analysis) writeFileAtomically("accuracy.md", accuracyMarkdown(*analysis));
std::string accuracyMarkdown(const AccuracyAnalysis& analysis);

/// One row per point under a header line: model, item, measured_s, estimated_s, abs_error_s, error_pct,
/// error_bound_pct, inside_bound, confidence, used_in_calibration. Text fields are quoted as RFC 4180 asks;
/// unknown values (no bound) are empty cells.
std::string accuracyCsv(const AccuracyAnalysis& analysis);

/// {"used_in_calibration": N, "points": [{model, item, measured_s, estimated_s, abs_error_s, error_pct,
///  error_bound_pct, inside_bound, confidence, used_in_calibration}],
///  "summary": {"all": {...}, "whole_model": {...} | null, "items": {...} | null}}; unknown values are null.
std::string accuracyJson(const AccuracyAnalysis& analysis);

} // namespace graphs
