#pragma once

// The accepted accuracy of the estimates, per named suite or key, kept in a small YAML file so that a change
// which makes the estimates worse shows up as a regression:
//
//     version: 1
//     suites:
//       resnet50-cpu:
//         mape_pct: 12.5       # mean absolute percentage error
//         worst_pct: 40        # worst absolute percentage error
//         coverage_pct: 85     # optional: share of points inside their stated bound, in percent

#include "core/error.h"
#include "validation/accuracy.h"

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace graphs {

/// The accepted figures of one suite; percentages in percent.
struct BaselineEntry
{
    double mapePct = 0;
    double worstAbsPct = 0;
    std::optional<double> coveragePct; ///< absent when the suite's points state no bounds
};

struct AccuracyBaseline
{
    std::map<std::string, BaselineEntry> suites;
};

/// The figures of `summary` as a baseline entry (to accept the current accuracy).
BaselineEntry baselineEntryOf(const AccuracySummary& summary);

/// One metric worse than accepted.
struct AccuracyRegression
{
    std::string suite;                ///< "" when checking a single summary
    std::string metric;               ///< "MAPE", "worst error", "bound coverage", "suite"
    double baselineValue = 0;
    std::optional<double> nowValue;   ///< absent when the metric cannot be computed now
    std::string text;                 ///< "MAPE 14.2 % exceeds the baseline 12.5 % by more than 1.0 points"
};

/// The metrics of `summary` that are worse than `baseline` by more than `tolerancePct` percentage points (a
/// negative tolerance counts as zero). Higher MAPE and worst error, and lower bound coverage, are worse; an
/// improvement is never a regression. A baseline coverage with no bounds stated now is a regression.
std::vector<AccuracyRegression> checkAgainstBaseline(const AccuracySummary& summary, const BaselineEntry& baseline,
    double tolerancePct);

/// Every suite of `baseline` checked against `now`; a suite in the baseline that is missing from `now` is a
/// regression too, a suite new in `now` is not.
std::vector<AccuracyRegression> checkAgainstBaseline(const std::map<std::string, AccuracySummary>& now,
    const AccuracyBaseline& baseline, double tolerancePct);

/// Parses baseline YAML; errors are InvalidData naming displayName:line.
Result<AccuracyBaseline> parseAccuracyBaseline(const std::string& text, const std::string& displayName);
/// Reads and parses a baseline file; Io naming the file when it cannot be read.
Result<AccuracyBaseline> loadAccuracyBaseline(const std::string& path);
/// The YAML text of a baseline, which parseAccuracyBaseline reads back to the same figures.
std::string accuracyBaselineYaml(const AccuracyBaseline& baseline);
/// Writes the baseline atomically (the old file stays whole if writing fails).
Status saveAccuracyBaseline(const std::string& path, const AccuracyBaseline& baseline);

} // namespace graphs
