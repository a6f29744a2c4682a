#pragma once

// Internal to the engine: one parser per measurement format, and what they share. The public entry point is
// importMeasurements() in measurement_importers.h.

#include "benchmarks/measurement_importers.h"

#include <optional>
#include <string>

namespace graphs::importing {

Result<ImportedMeasurements> importResultsCsv(const std::string& path, const MeasurementImportOptions& options);
Result<ImportedMeasurements> importSchema2Json(
    const std::string& path, const std::string& text, const MeasurementImportOptions& options);
Result<ImportedMeasurements> importV4Baseline(
    const std::string& path, const std::string& text, const MeasurementImportOptions& options);

/// An upstream hardware id and what this program knows about the measurements filed under it.
struct UpstreamHardware
{
    const char* id; ///< normalised: lower case, '_' for '-'
    const char* defaultDevice; ///< the device of files that do not say (the v4 baselines)
    const char* gpuId; ///< registry id for device "cuda"; nullptr: none
    const char* cpuId; ///< registry id for device "cpu"; nullptr: none
    const char* energySensor; ///< the sensor the upstream measurer reads on this hardware
};

const UpstreamHardware* findUpstreamHardware(const std::string& upstreamId);

/// The registry id for the file's hardware: the override when given, else the mapping; an unknown id is an error
/// at `location` that names it and asks for --hardware.
Result<std::string> resolveHardware(const MeasurementImportOptions& options, const std::string& upstreamId,
    const std::string& device, const std::string& location);

/// A strictly parsed real number: the whole text, finite. nullopt for "", "1.5ms", "nan", "inf".
std::optional<double> parseFinite(const std::string& text);

/// `text` on one line (CSV rows cannot hold line breaks) and without surrounding blanks.
std::string oneLine(const std::string& text);

std::string lowerCase(std::string text);

/// The file name of `path`, without folders.
std::string fileName(const std::string& path);

/// Fills what every format shares: source file, suite (default "imported-<stem>"), runtime override, each record's
/// `source` where it has none; checks that hardware, runtime and suite can name a results file.
Status finishImport(ImportedMeasurements& imported, const std::string& path, const MeasurementImportOptions& options);

} // namespace graphs::importing
