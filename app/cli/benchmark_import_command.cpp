#include "cli/benchmark_import_command.h"

#include "benchmarks/measurement_importers.h"
#include "cli/cli_common.h"
#include "cli/hardware_lookup.h"

#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <sstream>

namespace graphs::cli {

namespace {

// Energies implying more than this multiple of the hardware's TDP over their run are not one run's energy.
constexpr double kPlausiblePowerOverTdp = 2.0;
// Two measurements of one benchmark on one device further apart than this are not run-to-run variation.
constexpr double kPlausibleRepeatRatio = 100.0;

struct ImportSettings
{
    std::vector<std::string> files;
    std::string hardware;
    std::string runtime;
    std::string registry;
    std::string suite;
    bool dryRun = false;
    std::string format = "text";
};

struct FileOutcome
{
    std::string file;
    ImportedMeasurements imported;
    SavedImport saved;
};

std::map<std::string, size_t> countKinds(const std::vector<MeasurementRecord>& records)
{
    std::map<std::string, size_t> kinds;
    for (const MeasurementRecord& r : records)
        ++kinds[std::string(measurementKindName(r.kind))];
    return kinds;
}

std::string summaryText(const std::vector<FileOutcome>& outcomes, bool dryRun)
{
    std::ostringstream out;
    for (const FileOutcome& o : outcomes) {
        const ImportedMeasurements& m = o.imported;
        const ImportProvenance& p = m.provenance;
        out << o.file << ": " << measurementFormatName(m.format) << ", hardware " << m.hardwareId << ", runtime "
            << m.runtime << ", suite " << m.suite << '\n';
        const std::pair<const char*, const std::string*> facts[]
            = { { "file's hardware ", &p.upstreamHardware }, { "device ", &p.device },
                  { "power mode ", &p.thermalProfile }, { "measured ", &p.date }, { "by ", &p.toolVersion } };
        std::string origin;
        for (const auto& [label, value] : facts) {
            if (!value->empty())
                origin += (origin.empty() ? "" : ", ") + std::string(label) + *value;
        }
        if (!origin.empty())
            out << "  " << origin << '\n';
        std::string kinds;
        for (const auto& [kind, n] : countKinds(m.records))
            kinds += (kinds.empty() ? "" : ", ") + std::to_string(n) + " " + kind;
        out << "  " << m.records.size() << " records (" << kinds << "): " << o.saved.appended
            << (dryRun ? " to append" : " appended") << ", " << o.saved.alreadyPresent << " already present\n";
        out << "  " << (dryRun ? "would save to " : "saved to ") << o.saved.path << '\n';
        for (const Diagnostic& d : m.warnings)
            out << "  " << (d.severity == Diagnostic::Severity::Warning ? "warning: " : "note: ") << d.message << '\n';
    }
    if (dryRun)
        out << "dry run: nothing was written\n";
    return out.str();
}

std::string summaryJson(const std::vector<FileOutcome>& outcomes, bool dryRun)
{
    nlohmann::json files = nlohmann::json::array();
    for (const FileOutcome& o : outcomes) {
        const ImportedMeasurements& m = o.imported;
        nlohmann::json warnings = nlohmann::json::array();
        for (const Diagnostic& d : m.warnings)
            warnings.push_back({ { "severity", d.severity == Diagnostic::Severity::Warning ? "warning" : "note" },
                { "message", d.message } });
        files.push_back(
            { { "file", o.file }, { "format", measurementFormatName(m.format) }, { "hardware_id", m.hardwareId },
                { "runtime", m.runtime }, { "suite", m.suite }, { "provenance", m.provenance.toMap(m.format) },
                { "records", m.records.size() }, { "kinds", countKinds(m.records) }, { "appended", o.saved.appended },
                { "already_present", o.saved.alreadyPresent }, { "results_file", o.saved.path },
                { "warnings", warnings } });
    }
    return nlohmann::json { { "dry_run", dryRun }, { "files", files } }.dump(2) + "\n";
}

/// Usage errors (an option's value) exit 2; everything wrong with a file exits 1.
int exitCodeFor(const Error& error)
{
    return error.code == ErrorCode::InvalidArgument ? ExitUsage : ExitFailure;
}

int runImport(const ImportSettings& s)
{
    if (s.format != "text" && s.format != "json") {
        printError("unknown --format '" + s.format + "' (text or json)");
        return ExitUsage;
    }
    const std::string registryDir = userRegistryDir(s.registry);
    if (registryDir.empty()) {
        printError("no user registry: give --registry DIR or set HOME");
        return ExitUsage;
    }
    auto hardware = loadHardwareRegistry(s.registry);
    if (!hardware) {
        printError(hardware.error());
        return ExitFailure;
    }
    if (!s.hardware.empty() && !hardware->find(s.hardware)) {
        printUnknownHardware(*hardware, s.hardware);
        return ExitUsage;
    }

    // Every file is read and validated before anything is written: one bad file leaves the registry untouched.
    const MeasurementImportOptions options { s.hardware, s.runtime, s.suite };
    std::vector<FileOutcome> outcomes;
    int status = ExitOk;
    for (const std::string& file : s.files) {
        auto imported = importMeasurements(file, options);
        if (!imported) {
            printError(imported.error());
            status = std::max(status, exitCodeFor(imported.error()));
            continue;
        }
        const auto spec = hardware->find(imported->hardwareId);
        if (!spec) {
            printError(file + ": hardware '" + imported->hardwareId + "' (from the file's '"
                + imported->provenance.upstreamHardware + "') is not in the hardware registry");
            status = std::max(status, static_cast<int>(ExitFailure));
            continue;
        }
        if (spec->tdpWatts > 0)
            dropImplausibleEnergies(*imported, kPlausiblePowerOverTdp * spec->tdpWatts);
        outcomes.push_back({ file, std::move(*imported), {} });
    }
    if (status != ExitOk) {
        printError("nothing imported: fix the file(s) above and run again");
        return status;
    }
    // The same benchmark measured in two files, three orders of magnitude apart: one of them is wrong.
    std::vector<ImportedFile> files;
    for (FileOutcome& o : outcomes)
        files.push_back({ o.file, &o.imported });
    flagInconsistentRepeats(files, kPlausibleRepeatRatio);
    for (FileOutcome& o : outcomes) {
        auto saved = saveImportedMeasurements(o.imported, registryDir, s.dryRun);
        if (!saved) {
            printError(saved.error());
            return ExitFailure;
        }
        o.saved = *saved;
    }
    return emit(s.format == "json" ? summaryJson(outcomes, s.dryRun) : summaryText(outcomes, s.dryRun), {});
}

} // namespace

std::function<int()> addBenchmarkImportCommand(CLI::App& benchmark)
{
    auto s = std::make_shared<ImportSettings>();
    CLI::App* cmd = benchmark.add_subcommand("import",
        "Import measurements taken elsewhere: results CSVs of this program, upstream schema-2.0 JSON and v4 "
        "baseline CSVs");
    cmd->add_option("files", s->files, "Measurement files (the format is read from the content)")
        ->required()
        ->check(CLI::ExistingFile);
    cmd->add_option("--hardware", s->hardware,
        "Registry hardware id to file the measurements under (default: mapped from the file)");
    cmd->add_option("-r,--runtime", s->runtime, "Runtime name (default: pytorch for upstream files, else the rows')");
    cmd->add_option("--registry", s->registry, "User registry receiving the results (default: $XDG_DATA_HOME/graphs)");
    cmd->add_option("-s,--suite", s->suite, "Results file name (default: imported-<file stem>)");
    cmd->add_flag("--dry-run", s->dryRun, "Read and validate, report what would be saved, write nothing");
    cmd->add_option("-f,--format", s->format, "Summary format: text or json")->capture_default_str();
    return [s] { return runImport(*s); };
}

} // namespace graphs::cli
