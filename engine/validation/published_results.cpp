#include "validation/published_results.h"

#include "core/csv_reader.h"
#include "core/yaml_reader.h"
#include "estimation/analysis_pipeline.h"
#include "transform/fusion_rules.h"

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

namespace graphs {

namespace {

const std::vector<std::string> kColumns = { "round", "submitter", "system", "accelerator", "accelerators", "host_cpu",
    "benchmark", "scenario", "precision", "batch", "value", "unit", "power_w", "energy_per_sample_j", "hardware_id",
    "source", "power_limit_w", "settings" };

class RowReader
{
public:
    RowReader(const std::string& file, int line, const std::vector<std::string>& fields)
        : m_file(file), m_line(line), m_fields(fields) { }

    const std::string& text(size_t column) const { return m_fields[column]; }

    Error error(size_t column, const std::string& message) const
    {
        return Error { ErrorCode::InvalidData, "column '" + kColumns[column] + "': " + message,
            m_file + ":" + std::to_string(m_line) };
    }

    Result<std::optional<double>> number(size_t column, bool required, double min, double max) const
    {
        const std::string& t = m_fields[column];
        if (t.empty()) {
            if (required)
                return error(column, "is empty");
            return std::optional<double> {};
        }
        size_t used = 0;
        double v = 0;
        try {
            v = std::stod(t, &used);
        } catch (const std::exception&) {
            used = 0;
        }
        if (used != t.size() || !std::isfinite(v))
            return error(column, "'" + t + "' is not a number");
        if (v < min || v > max)
            return error(column, "'" + t + "' is out of range");
        return std::optional<double>(v);
    }

private:
    std::string m_file;
    int m_line;
    const std::vector<std::string>& m_fields;
};

Result<std::vector<PublishedPart>> parseParts(const RowReader& r, size_t column)
{
    std::vector<PublishedPart> parts;
    const std::string& text = r.text(column);
    if (text.empty())
        return parts;
    std::stringstream ss(text);
    std::string item;
    while (std::getline(ss, item, '+')) {
        PublishedPart part;
        const size_t star = item.find('*');
        if (star != std::string::npos) {
            const std::string count = item.substr(0, star);
            if (count.empty() || count.find_first_not_of("0123456789") != std::string::npos || count.size() > 4)
                return r.error(column, "'" + item + "': the count before '*' must be a positive integer");
            part.count = std::stoi(count);
            item = item.substr(star + 1);
        }
        if (item.empty() || part.count < 1 || item.find_first_not_of("abcdefghijklmnopqrstuvwxyz0123456789-") != std::string::npos)
            return r.error(column, "'" + text + "' is not a registry id or a sum of them (id+2*id)");
        part.hardwareId = item;
        parts.push_back(part);
    }
    return parts;
}

Result<PublishedRow> parseRow(const std::string& file, int line, const std::vector<std::string>& fields)
{
    const RowReader r(file, line, fields);
    PublishedRow row;
    row.line = line;
    row.round = r.text(0);
    row.submitter = r.text(1);
    row.system = r.text(2);
    row.accelerator = r.text(3);
    auto accelerators = r.number(4, true, 1, 100000);
    if (!accelerators)
        return accelerators.error();
    if (std::floor(**accelerators) != **accelerators)
        return r.error(4, "'" + r.text(4) + "' is not a whole number");
    row.accelerators = static_cast<int>(**accelerators);
    row.hostCpu = r.text(5);
    row.benchmark = r.text(6);
    if (row.benchmark.empty())
        return r.error(6, "is empty");
    row.scenario = r.text(7);
    if (row.scenario != "Offline" && row.scenario != "SingleStream")
        return r.error(7, "'" + row.scenario + "' is not a scenario this program estimates (Offline, SingleStream)");
    row.precision = r.text(8);
    auto batch = r.number(9, false, 1, 1e7);
    if (!batch)
        return batch.error();
    if (*batch) {
        if (std::floor(**batch) != **batch)
            return r.error(9, "'" + r.text(9) + "' is not a whole number");
        row.batch = static_cast<int64_t>(**batch);
    }
    auto value = r.number(10, true, 1e-12, 1e15);
    if (!value)
        return value.error();
    row.value = **value;
    row.unit = r.text(11);
    const std::string expected = row.offline() ? "samples/s" : "ms";
    if (row.unit != expected)
        return r.error(11, "'" + row.unit + "': a " + row.scenario + " result is in " + expected);
    auto power = r.number(12, false, 1e-6, 1e7);
    if (!power)
        return power.error();
    row.powerWatts = *power;
    auto energy = r.number(13, false, 1e-12, 1e6);
    if (!energy)
        return energy.error();
    row.energyPerSampleJoules = *energy;
    auto parts = parseParts(r, 14);
    if (!parts)
        return parts.error();
    row.hardware = std::move(*parts);
    row.source = r.text(15);
    auto limit = r.number(16, false, 1e-3, 1e7);
    if (!limit)
        return limit.error();
    row.powerLimitWatts = *limit;
    std::stringstream settings(r.text(17));
    std::string item;
    while (settings >> item) {
        const size_t eq = item.find('=');
        const std::string key = item.substr(0, eq);
        if (eq == std::string::npos || (key != "gpu_mhz" && key != "dla_mhz" && key != "memory_share"))
            return r.error(17, "'" + item + "' is not gpu_mhz=, dla_mhz= or memory_share= with a value");
        double value = 0;
        size_t used = 0;
        try {
            value = std::stod(item.substr(eq + 1), &used);
        } catch (const std::exception&) {
            used = 0;
        }
        if (used == 0 || used != item.size() - eq - 1 || !(value > 0) || (key == "memory_share" && value > 1))
            return r.error(17, "'" + item + "': the value must be a positive number (memory_share at most 1)");
        row.settings[key] = value;
    }
    return row;
}

std::optional<Precision> executionPrecision(const std::string& stated)
{
    // No stated precision: int8, as every ResNet-50 and BERT-99 submission of rounds up to v3.1 with a stated one.
    // A stated mix ("mixed int8/fp16"): the accuracy target keeps part of the work in the wider precision, so the
    // estimate takes the widest one listed (the slower bound).
    if (stated.empty())
        return Precision::INT8;
    if (stated.find("fp32") != std::string::npos)
        return Precision::FP32;
    if (stated.find("fp16") != std::string::npos)
        return Precision::FP16;
    if (stated.find("bf16") != std::string::npos)
        return Precision::BF16;
    if (stated.find("int8") != std::string::npos)
        return Precision::INT8;
    if (stated.find("fp8") != std::string::npos)
        return Precision::FP8;
    return parsePrecision(stated);
}

/// The runtime profile a submission on this hardware is estimated with.
std::string runtimeFor(const HardwareSpec& spec)
{
    return spec.vendor == "NVIDIA" && spec.mapper == MapperKind::Gpu ? "tensorrt" : "onnxruntime";
}

struct PartEstimate
{
    double samplesPerSecond = 0;
    double latencyMs = 0;
    double watts = 0;
    double staticWatts = 0;
    double energyPerSampleJ = 0;
    double boundPct = 0;
    bool powerLimited = false;
    int64_t batch = 1;
};

class RowEstimator
{
public:
    RowEstimator(const PublishedRequest& request) : m_request(request) { }

    Result<PublishedEstimate> estimate(const PublishedRow& row)
    {
        m_row = &row;
        PublishedEstimate e;
        e.row = row;
        e.measured = row.offline() ? row.value / row.accelerators : row.value;
        const PublishedBenchmark* bench = nullptr;
        for (const PublishedBenchmark& b : m_request.benchmarks) {
            if (b.benchmark == row.benchmark)
                bench = &b;
        }
        if (!bench || bench->modelPath.empty())
            return skip(e, "no model for benchmark '" + row.benchmark + "'");
        if (row.hardware.empty())
            return skip(e, "no registry entry named");
        const auto precision = executionPrecision(row.precision);
        if (!precision)
            return skip(e, "precision '" + row.precision + "' is not one this program models");
        e.precision = *precision;
        e.batchRule = !row.offline() ? "single stream" : row.batch ? "published" : "throughput-optimal";

        // Parts of one module (a Jetson's GPU and DLAs) share its power envelope: they are estimated at full clock
        // and the clock of all of them drops together until the module's static power and their summed dynamic power
        // meet its limit (dynamic power ∝ clock³, throughput ∝ clock).
        std::vector<std::shared_ptr<const HardwareSpec>> specs;
        for (const PublishedPart& part : row.hardware) {
            const auto spec = m_request.registry ? m_request.registry->find(part.hardwareId) : nullptr;
            if (!spec)
                return skip(e, "no registry entry '" + part.hardwareId + "'");
            if (spec->peakOpsPerSecond(*precision) <= 0)
                return skip(e, part.hardwareId + " has no " + std::string(precisionName(*precision)) + " throughput");
            specs.push_back(spec);
        }
        if (row.hardware.size() > 1 && !row.offline())
            return skip(e, "a SingleStream result runs on one engine; name one entry");
        bool shared = specs.size() > 1 && !specs.front()->module.empty();
        for (const auto& spec : specs)
            shared = shared && spec->module == specs.front()->module;

        double samples = 0;
        double dynamicWatts = 0;
        double staticWatts = 0;
        double latency = 0;
        double bound = 0;
        for (size_t i = 0; i < specs.size(); ++i) {
            // The published batch is the first part's (the GPU's, beside DLAs); the others run at the batch that
            // maximises their own throughput.
            auto p = estimatePart(row, *bench, specs[i], *precision, i == 0, !shared);
            if (!p)
                return p.error();
            if (i == 0) {
                e.runtime = runtimeFor(*specs[i]);
                e.batch = p->batch;
                staticWatts = p->staticWatts;
            } else if (!shared) {
                staticWatts += p->staticWatts * row.hardware[i].count;
            }
            const int count = row.hardware[i].count;
            samples += p->samplesPerSecond * count;
            dynamicWatts += (p->watts - p->staticWatts) * count;
            latency = p->latencyMs;
            bound = std::max(bound, p->boundPct);
            e.powerLimited = e.powerLimited || p->powerLimited;
        }
        double watts = staticWatts + dynamicWatts;
        if (shared && watts > specs.front()->tdpWatts && dynamicWatts > 0) {
            const double f = std::clamp(
                std::cbrt(std::max(specs.front()->tdpWatts - staticWatts, 0.0) / dynamicWatts), 0.3, 1.0);
            samples *= f;
            watts = staticWatts + dynamicWatts * f * f * f;
            e.powerLimited = true;
        }
        e.estimated = true;
        e.estimate = row.offline() ? samples : latency;
        e.errorPct = (e.estimate / e.measured - 1) * 100;
        e.boundPct = bound;
        e.estimatedWatts = watts;
        if (row.energyPerSampleJoules) {
            e.measuredEnergyJoules = row.energyPerSampleJoules;
            e.estimatedEnergyJoules = row.offline() ? (samples > 0 ? watts / samples : 0) : watts * latency / 1e3;
            if (moduleHost(row)) {
                e.energyErrorPct = (*e.estimatedEnergyJoules / *e.measuredEnergyJoules - 1) * 100;
                e.energyNote = "module: the host CPU shares the module's power envelope";
            } else {
                e.energyNote = "not compared: the system's power includes a separate host (" + row.hostCpu
                    + ") that the estimate does not model";
            }
        }
        return e;
    }

private:
    static Result<PublishedEstimate> skip(PublishedEstimate& e, const std::string& why)
    {
        e.skipped = why;
        return e;
    }

    /// Jetson modules carry their host CPU on the module whose power the entry's TDP covers.
    static bool moduleHost(const PublishedRow& row)
    {
        for (const PublishedPart& part : row.hardware) {
            if (part.hardwareId.find("jetson") == std::string::npos)
                return false;
        }
        return !row.hardware.empty();
    }

    Result<FusionRules> rules(const std::string& runtime)
    {
        auto it = m_rules.find(runtime);
        if (it != m_rules.end())
            return it->second;
        auto loaded = findFusionRules(m_request.registryDirs, runtime);
        if (!loaded)
            return loaded.error();
        m_rules.emplace(runtime, *loaded);
        return *loaded;
    }

    Result<std::shared_ptr<const GraphAnalysis>> analysis(const PublishedBenchmark& bench, int64_t batch)
    {
        const std::string key = bench.modelPath + "#" + std::to_string(batch);
        auto it = m_analyses.find(key);
        if (it != m_analyses.end())
            return it->second;
        ImportOptions import;
        import.batch = batch;
        if (bench.sequenceLength > 0) {
            for (const char* input : { "input_ids", "attention_mask", "token_type_ids" })
                import.inputShapes[input] = { batch, bench.sequenceLength };
        }
        auto imported = importOnnxFile(bench.modelPath, import);
        if (!imported)
            return imported.error();
        auto analysed = analyzeGraph(imported->graph);
        if (!analysed)
            return analysed.error();
        auto shared = std::make_shared<const GraphAnalysis>(std::move(*analysed));
        m_analyses.emplace(key, shared);
        return shared;
    }

    Result<PartEstimate> estimateAt(const PublishedBenchmark& bench, std::shared_ptr<const HardwareSpec> spec,
        Precision precision, int64_t batch, bool powerLimit)
    {
        auto a = analysis(bench, batch);
        if (!a)
            return a.error();
        auto fusion = rules(runtimeFor(*spec));
        if (!fusion)
            return fusion.error();
        auto partition = partitionGraph(**a, *fusion);
        if (!partition)
            return partition.error();
        EstimateOptions options = runtimeOptions(*fusion, *spec);
        options.precision = precision;
        options.batch = batch;
        options.powerLimit = powerLimit;
        applySettings(*m_row, *spec, options);
        auto estimated = estimateModel(**a, *partition, spec, options, fusion->runtimeId);
        if (!estimated)
            return estimated.error();
        const ModelEstimate& m = *estimated;
        PartEstimate p;
        p.batch = batch;
        p.latencyMs = m.summary.latency.value;
        p.samplesPerSecond = m.summary.throughput.value;
        p.watts = m.power.averageWatts;
        p.staticWatts = m.power.staticWatts;
        p.boundPct = m.summary.latency.errorBoundPct;
        p.powerLimited = m.power.capped;
        p.energyPerSampleJ = m.summary.energy.value / 1e3 / static_cast<double>(batch);
        const double memory = m.memory.peakBytes();
        if (memory > spec->offChipMemory().totalCapacityBytes())
            p.samplesPerSecond = 0; // does not fit: never the throughput-optimal choice
        return p;
    }

    Result<PartEstimate> estimatePart(const PublishedRow& row, const PublishedBenchmark& bench,
        std::shared_ptr<const HardwareSpec> spec, Precision precision, bool first, bool powerLimit)
    {
        if (!row.offline())
            return estimateAt(bench, spec, precision, 1, powerLimit);
        if (row.batch && first)
            return estimateAt(bench, spec, precision, *row.batch, powerLimit);
        PartEstimate best;
        for (int64_t b : m_request.offlineBatches) {
            auto p = estimateAt(bench, spec, precision, b, powerLimit);
            if (!p)
                return p.error();
            if (p->samplesPerSecond > best.samplesPerSecond)
                best = *p;
        }
        return best;
    }

    /// The row's configured limits as estimate options for one of its parts.
    static void applySettings(const PublishedRow& row, const HardwareSpec& spec, EstimateOptions& options)
    {
        if (row.powerLimitWatts)
            options.powerLimitWatts = std::min(*row.powerLimitWatts, spec.tdpWatts);
        const char* key = spec.category == HardwareCategory::Gpu ? "gpu_mhz"
            : spec.category == HardwareCategory::Accelerator      ? "dla_mhz"
                                                                  : nullptr;
        double boost = 0;
        for (const ComputeCluster& c : spec.clusters)
            boost = std::max(boost, c.boostClockMhz);
        if (key && row.settings.count(key) && boost > 0)
            options.clockLimitShare = std::min(1.0, row.settings.at(key) / boost);
        if (row.settings.count("memory_share"))
            options.offChipBandwidthShare = row.settings.at("memory_share");
    }

    const PublishedRequest& m_request;
    const PublishedRow* m_row = nullptr;
    std::map<std::string, FusionRules> m_rules;
    std::map<std::string, std::shared_ptr<const GraphAnalysis>> m_analyses;
};

double median(std::vector<double> v)
{
    if (v.empty())
        return 0;
    std::sort(v.begin(), v.end());
    const size_t n = v.size();
    return n % 2 ? v[n / 2] : 0.5 * (v[n / 2 - 1] + v[n / 2]);
}

PublishedSummary summarize(const std::vector<PublishedEstimate>& estimates)
{
    PublishedSummary s;
    std::vector<double> abs;
    std::map<std::string, std::pair<double, int>> bias;
    std::map<std::string, std::pair<double, int>> byBenchmark;
    double energySum = 0;
    size_t energyWithin = 0;
    for (const PublishedEstimate& e : estimates) {
        if (!e.estimated) {
            ++s.skipped;
            continue;
        }
        ++s.rows;
        abs.push_back(std::fabs(e.errorPct));
        bias[e.row.scenario].first += e.errorPct;
        ++bias[e.row.scenario].second;
        byBenchmark[e.row.benchmark].first += std::fabs(e.errorPct);
        ++byBenchmark[e.row.benchmark].second;
        if (e.energyErrorPct) {
            ++s.energyRows;
            energySum += std::fabs(*e.energyErrorPct);
            energyWithin += std::fabs(*e.energyErrorPct) <= 25 ? 1 : 0;
        }
    }
    if (s.rows > 0) {
        double sum = 0;
        size_t within25 = 0;
        size_t within15 = 0;
        for (double a : abs) {
            sum += a;
            within25 += a <= 25 ? 1 : 0;
            within15 += a <= 15 ? 1 : 0;
        }
        s.mapePct = sum / static_cast<double>(s.rows);
        s.medianAbsPct = median(abs);
        s.within25Share = static_cast<double>(within25) / static_cast<double>(s.rows);
        s.within15Share = static_cast<double>(within15) / static_cast<double>(s.rows);
    }
    for (const auto& [scenario, v] : bias)
        s.biasByScenario.emplace_back(scenario, v.first / v.second);
    for (const auto& [benchmark, v] : byBenchmark)
        s.mapeByBenchmark.emplace_back(benchmark, v.first / v.second);
    if (s.energyRows > 0) {
        s.energyMapePct = energySum / static_cast<double>(s.energyRows);
        s.energyWithin25Share = static_cast<double>(energyWithin) / static_cast<double>(s.energyRows);
    }
    return s;
}

} // namespace

std::vector<PublishedBenchmark> findPublishedBenchmarks(const std::vector<std::string>& modelDirs,
    int64_t bertSequence)
{
    namespace fs = std::filesystem;
    auto find = [&](const std::vector<std::string>& prefixes) -> std::string {
        for (const std::string& prefix : prefixes) {
            for (const std::string& dir : modelDirs) {
                std::error_code ec;
                if (fs::is_regular_file(dir, ec) && fs::path(dir).filename().string().rfind(prefix, 0) == 0)
                    return dir;
                std::vector<std::string> matches;
                for (const auto& entry : fs::directory_iterator(dir, ec)) {
                    const std::string name = entry.path().filename().string();
                    if (entry.path().extension() == ".onnx" && name.rfind(prefix, 0) == 0)
                        matches.push_back(entry.path().string());
                }
                std::sort(matches.begin(), matches.end());
                if (!matches.empty())
                    return matches.front();
            }
        }
        return {};
    };
    std::vector<PublishedBenchmark> out;
    if (std::string resnet = find({ "resnet50_v1.5", "resnet50" }); !resnet.empty())
        out.push_back({ "resnet50", resnet, 0 });
    if (std::string bert = find({ "bert_large" }); !bert.empty())
        out.push_back({ "bert-99", bert, bertSequence });
    return out;
}

std::string PublishedRow::label() const
{
    return round + " " + submitter + " " + system + " " + benchmark + " " + scenario;
}

Result<std::vector<PublishedRow>> parsePublishedResults(const std::string& text, const std::string& displayName)
{
    std::vector<PublishedRow> rows;
    std::istringstream in { std::string(withoutByteOrderMark(text)) };
    std::string line;
    int number = 0;
    bool header = true;
    while (std::getline(in, line)) {
        ++number;
        if (!line.empty() && line.back() == '\r')
            line.pop_back();
        if (line.empty() || line.front() == '#')
            continue;
        const auto fields = splitCsvLine(line);
        if (header) {
            if (fields != kColumns) {
                std::string expected;
                for (const std::string& c : kColumns)
                    expected += (expected.empty() ? "" : ",") + c;
                return Error { ErrorCode::InvalidData, "the header must be: " + expected,
                    displayName + ":" + std::to_string(number) };
            }
            header = false;
            continue;
        }
        if (fields.size() != kColumns.size())
            return Error { ErrorCode::InvalidData,
                std::to_string(fields.size()) + " fields, the header has " + std::to_string(kColumns.size()),
                displayName + ":" + std::to_string(number) };
        auto row = parseRow(displayName, number, fields);
        if (!row)
            return row.error();
        rows.push_back(std::move(*row));
    }
    if (header)
        return Error { ErrorCode::InvalidData, "no header line", displayName };
    return rows;
}

Result<std::vector<PublishedRow>> loadPublishedResults(const std::string& path)
{
    auto text = yamlio::readTextFile(path);
    if (!text)
        return text.error();
    return parsePublishedResults(*text, path);
}

Result<PublishedValidation> validatePublished(const PublishedRequest& request, const ProgressCallback& progress)
{
    PublishedValidation out;
    RowEstimator estimator(request);
    for (size_t i = 0; i < request.rows.size(); ++i) {
        if (progress && !progress(static_cast<double>(i) / static_cast<double>(request.rows.size())))
            return Error { ErrorCode::Cancelled, "validation cancelled", {} };
        auto e = estimator.estimate(request.rows[i]);
        if (!e) {
            Error err = e.error();
            err.message = request.rows[i].label() + ": " + err.message;
            return err;
        }
        out.estimates.push_back(std::move(*e));
    }
    out.summary = summarize(out.estimates);
    if (progress)
        progress(1.0);
    return out;
}

} // namespace graphs
