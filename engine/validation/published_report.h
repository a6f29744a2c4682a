#pragma once

// Reports of a published-results validation: Markdown (for people and docs), CSV (spreadsheets), JSON (programs).

#include "validation/published_results.h"

#include <string>

namespace graphs {

/// A summary block (rows, MAPE, share within ±25 %, bias per scenario, energy), then one table row per published
/// result with its estimate, error and the rules applied; skipped rows are listed with their reason.
std::string publishedMarkdown(const PublishedValidation& v);

/// One line per row: round, submitter, system, accelerator, accelerators, benchmark, scenario, hardware_id,
/// runtime, precision, batch, batch_rule, published, estimate, unit, error_pct, error_bound_pct, power_limited,
/// estimated_w, measured_energy_j, estimated_energy_j, energy_error_pct, skipped, source. Unknown values are empty.
std::string publishedCsv(const PublishedValidation& v);

/// {"summary": {...}, "rows": [...]} with the CSV's fields; unknown values are null.
std::string publishedJson(const PublishedValidation& v);

} // namespace graphs
