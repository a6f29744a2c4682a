// Upstream v4 operator baselines: hardware,op,shape,dtype,latency_s,energy_j,trial_count,notes — one record per
// row. latency_s is the median of trial_count timed runs (the upstream Measurer contract), in seconds; it is the
// only statistic given, so min and mean repeat it and std, p90 and the interval are unknown (said in `detail`).
// energy_j is the mean energy of one run; 0.0 means the sensor did not resolve the window and is stored as absent,
// never as zero energy.
//
// Shapes follow the upstream workload factories: matmul "MxKxN" ((M,K) @ (K,N)), linear "BxINxOUT" (input (B,IN),
// weight (OUT,IN), bias (OUT)), vector_add "N". Work is counted as the operator catalog does: 2 FLOPs per
// multiply-accumulate, one per bias or element add; bytes are each operand read once and the result written once.

#include "benchmarks/measurement_import_formats.h"
#include "core/csv_reader.h"

#include <cmath>
#include <map>
#include <sstream>

namespace graphs::importing {

namespace {

const char* const kRequired[] = { "hardware", "op", "shape", "dtype", "latency_s", "trial_count" };

double bytesPerElement(const std::string& dtype)
{
    static const std::map<std::string, double> sizes = { { "fp64", 8 }, { "fp32", 4 }, { "tf32", 4 }, { "fp16", 2 },
        { "bf16", 2 }, { "int32", 4 }, { "int16", 2 }, { "int8", 1 }, { "fp8", 1 } };
    const auto it = sizes.find(dtype);
    return it == sizes.end() ? -1 : it->second;
}

/// "64x96x128" → {64, 96, 128}; empty when a part is not a positive whole number.
std::vector<double> parseShape(const std::string& shape)
{
    std::vector<double> dims;
    std::istringstream in(shape);
    for (std::string part; std::getline(in, part, 'x');) {
        if (part.empty() || part.find_first_not_of("0123456789") != std::string::npos || part.size() > 12)
            return {};
        dims.push_back(std::stod(part));
        if (dims.back() <= 0)
            return {};
    }
    return dims;
}

struct OperatorWork
{
    std::string parameters; ///< the shape column, with names: "M=64,K=96,N=128"
    int64_t batch = 1;
    double flops = -1;
    double bytes = -1;
};

/// The work of a known operator; nullopt (with `error` set) when its shape is malformed, nullopt alone when the
/// operator is not known.
std::optional<OperatorWork> operatorWork(
    const std::string& op, const std::string& shape, const std::string& dtype, std::string& error)
{
    const std::vector<double> d = parseShape(shape);
    const double e = bytesPerElement(dtype);
    auto bytes = [&](double elements) { return e > 0 ? elements * e : -1.0; };
    auto need = [&](size_t n, const char* layout) {
        if (d.size() == n)
            return true;
        error = "shape '" + shape + "' of " + op + " must be " + layout + " (positive whole numbers)";
        return false;
    };
    auto dim = [](double v) { return std::to_string(static_cast<int64_t>(v)); };
    OperatorWork w;
    if (op == "matmul") {
        if (!need(3, "MxKxN"))
            return std::nullopt;
        const double m = d[0], k = d[1], n = d[2];
        w.parameters = "M=" + dim(m) + ",K=" + dim(k) + ",N=" + dim(n);
        w.flops = 2 * m * k * n;
        w.bytes = bytes(m * k + k * n + m * n);
    } else if (op == "linear") {
        if (!need(3, "BxINxOUT"))
            return std::nullopt;
        const double b = d[0], in = d[1], out = d[2];
        w.parameters = "B=" + dim(b) + ",IN=" + dim(in) + ",OUT=" + dim(out);
        w.batch = static_cast<int64_t>(b);
        w.flops = 2 * b * in * out + b * out;
        w.bytes = bytes(b * in + out * in + out + b * out);
    } else if (op == "vector_add") {
        if (!need(1, "N"))
            return std::nullopt;
        w.parameters = "N=" + dim(d[0]);
        w.flops = d[0];
        w.bytes = bytes(3 * d[0]);
    } else {
        return std::nullopt;
    }
    return w;
}

/// The sensor named in the notes; the Jetson rail names mean the INA3221 monitor; else the upstream default.
std::string sensorFromNotes(const std::string& notes, const UpstreamHardware* hardware)
{
    const std::string lower = lowerCase(notes);
    if (lower.find("ina3221") != std::string::npos || lower.find("vdd_in") != std::string::npos)
        return "ina3221";
    if (lower.find("rapl") != std::string::npos)
        return "rapl";
    if (lower.find("nvml") != std::string::npos)
        return "nvml";
    return hardware ? hardware->energySensor : "unknown";
}

struct FileTally
{
    size_t unresolvedEnergy = 0;
    size_t noisyWindow = 0;
    bool summedRails = false;
    std::map<std::string, size_t> unknownOps;
};

void addWarnings(ImportedMeasurements& imported, const FileTally& t, const std::string& path)
{
    auto warn = [&](const std::string& m) { imported.warnings.push_back({ Diagnostic::Severity::Warning, m, path }); };
    const std::string rows = " of " + std::to_string(imported.records.size()) + " rows";
    warn("latency_s is the median of trial_count runs and the only statistic given: min and mean repeat it; std, "
         "p90 and the interval are unknown");
    if (t.unresolvedEnergy > 0)
        warn("energy_j is 0.0 in " + std::to_string(t.unresolvedEnergy) + rows
            + ": the sensor did not resolve those runs, so their energy is absent (not zero)");
    if (t.noisyWindow > 0)
        warn("the notes of " + std::to_string(t.noisyWindow) + rows
            + " say the timed window was shorter than the sensor's averaging period: energy noisy");
    if (t.summedRails)
        warn("energy sums the rails VDD_IN and VDD_SOC; VDD_IN (the board input) already includes VDD_SOC, so "
             "these energies overstate the board's");
    for (const auto& [op, n] : t.unknownOps)
        warn("operator '" + op + "' (" + std::to_string(n) + " rows) is not one this program counts: its flops and "
            + "bytes are left unknown");
}

} // namespace

Result<ImportedMeasurements> importV4Baseline(
    const std::string& path, const std::string& text, const MeasurementImportOptions& options)
{
    std::istringstream in(text);
    std::string line;
    std::getline(in, line);
    std::vector<std::string> names = splitCsvLine(line);
    std::map<std::string, size_t> column;
    for (size_t i = 0; i < names.size(); ++i)
        column[lowerCase(oneLine(names[i]))] = i;
    for (const char* c : kRequired) {
        if (!column.count(c))
            return Error { ErrorCode::InvalidData, "column '" + std::string(c) + "' is missing", path + ":1" };
    }

    ImportedMeasurements imported;
    imported.format = MeasurementFormat::V4BaselineCsv;
    imported.runtime = "pytorch";
    const UpstreamHardware* upstream = nullptr;
    FileTally tally;
    for (int lineNo = 2; std::getline(in, line); ++lineNo) {
        if (oneLine(line).empty())
            continue;
        const std::string where = path + ":" + std::to_string(lineNo);
        const std::vector<std::string> fields = splitCsvLine(line);
        if (fields.size() != names.size())
            return Error { ErrorCode::InvalidData,
                std::to_string(fields.size()) + " fields, the header has " + std::to_string(names.size()), where };
        auto cell = [&](const char* c) { return column.count(c) ? oneLine(fields[column.at(c)]) : std::string(); };
        auto bad = [&](const char* c, const std::string& why) {
            return Error { ErrorCode::InvalidData, "column '" + std::string(c) + "': " + why, where };
        };

        const std::string hardware = cell("hardware");
        if (imported.records.empty()) {
            imported.provenance.upstreamHardware = hardware;
            upstream = findUpstreamHardware(hardware);
            imported.provenance.device = upstream ? upstream->defaultDevice : "";
            auto id = resolveHardware(options, hardware, imported.provenance.device, where);
            if (!id)
                return id.error();
            imported.hardwareId = *id;
        } else if (hardware != imported.provenance.upstreamHardware) {
            return bad("hardware",
                "'" + hardware + "' differs from '" + imported.provenance.upstreamHardware
                    + "' above; one file holds one hardware");
        }
        const std::string op = cell("op");
        const std::string shape = cell("shape");
        const std::string dtype = lowerCase(cell("dtype"));
        if (op.empty() || shape.empty() || dtype.empty())
            return bad(op.empty() ? "op" : shape.empty() ? "shape" : "dtype", "is empty");
        const std::string latencyText = cell("latency_s");
        const auto latency = parseFinite(latencyText);
        if (!latency)
            return bad("latency_s", "'" + latencyText + "' is not a finite number");
        if (*latency <= 0)
            return bad("latency_s", "must be positive, got " + latencyText);
        const auto trials = parseFinite(cell("trial_count"));
        if (!trials || *trials < 1 || *trials != std::floor(*trials))
            return bad("trial_count", "'" + cell("trial_count") + "' is not a whole number of at least 1");
        if (*trials > 1e9) // and int64_t holds it: a larger count is a corrupt cell, not a measurement
            return bad("trial_count", "'" + cell("trial_count") + "' is implausibly large (at most 1e9 runs)");

        MeasurementRecord r;
        r.benchmark = op + "/" + shape;
        r.kind = MeasurementKind::Operator;
        r.precision = dtype;
        r.samples = static_cast<int64_t>(*trials);
        r.minMs = r.medianMs = r.meanMs = *latency * 1e3;
        std::string error;
        if (const auto work = operatorWork(op, shape, dtype, error)) {
            r.shape = work->parameters;
            r.batch = work->batch;
            r.flops = work->flops;
            r.bytes = work->bytes;
        } else if (!error.empty()) {
            return bad("shape", error);
        } else {
            r.shape = shape;
            ++tally.unknownOps[op];
        }

        const std::string notes = cell("notes");
        const std::string energyText = cell("energy_j");
        if (!energyText.empty() && lowerCase(energyText) != "none") {
            const auto energy = parseFinite(energyText);
            if (!energy)
                return bad("energy_j", "'" + energyText + "' is not a finite number");
            if (*energy < 0)
                return bad("energy_j", "must not be negative, got " + energyText);
            if (*energy == 0) {
                ++tally.unresolvedEnergy;
            } else {
                r.energyJ = *energy;
                r.powerSensor = sensorFromNotes(notes, upstream);
            }
        }
        const std::string lowerNotes = lowerCase(notes);
        tally.noisyWindow += lowerNotes.find("energy noisy") != std::string::npos;
        tally.summedRails = tally.summedRails
            || (lowerNotes.find("'vdd_in'") != std::string::npos && lowerNotes.find("'vdd_soc'") != std::string::npos);
        r.detail = op + ", median of " + std::to_string(r.samples) + " runs"
            + (notes.empty() ? std::string() : "; " + notes);
        imported.records.push_back(std::move(r));
    }
    if (!imported.records.empty())
        addWarnings(imported, tally, path);
    return imported;
}

} // namespace graphs::importing
