#include "validation/published_generation.h"

#include "core/csv_reader.h"
#include "reporting/number_format.h"
#include "transform/fusion_rules.h"
#include "workflows/generation.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <sstream>

namespace graphs {

namespace {

const std::vector<std::string> kColumns = { "model", "hardware_id", "device", "framework", "precision", "weights",
    "batch", "prompt_tokens", "generated_tokens", "metric", "value", "unit", "source", "notes" };

struct MetricInfo
{
    GenerationMetric metric;
    const char* name;
    const char* unit;
};

constexpr MetricInfo kMetrics[] = {
    { GenerationMetric::DecodeTokensPerSecond, "decode_tokens_per_s", "tokens/s" },
    { GenerationMetric::ThroughputTokensPerSecond, "throughput_tokens_per_s", "tokens/s" },
    { GenerationMetric::TimeToFirstTokenMs, "ttft_ms", "ms" },
    { GenerationMetric::PrefillTokensPerSecond, "prefill_tokens_per_s", "tokens/s" },
};

const MetricInfo& info(GenerationMetric m)
{
    for (const MetricInfo& i : kMetrics) {
        if (i.metric == m)
            return i;
    }
    return kMetrics[0];
}

Error bad(const std::string& file, int line, const std::string& column, const std::string& what)
{
    return Error { ErrorCode::InvalidData, "column '" + column + "': " + what, file + ":" + std::to_string(line) };
}

std::string modelFile(const std::vector<std::string>& dirs, const std::string& model)
{
    std::error_code ec;
    for (const std::string& dir : dirs) {
        for (const std::string& name : { model + ".structure.onnx", model + ".onnx" }) {
            // --models may name the files themselves.
            if (std::filesystem::path(dir).filename() == name && std::filesystem::is_regular_file(dir, ec))
                return dir;
            const std::filesystem::path p = std::filesystem::path(dir) / name;
            if (std::filesystem::is_regular_file(p, ec))
                return p.string();
        }
    }
    return {};
}

double median(std::vector<double> v)
{
    if (v.empty())
        return 0;
    std::sort(v.begin(), v.end());
    const size_t n = v.size();
    return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

PublishedGenerationMetricSummary summarise(
    const std::string& metric, const std::vector<const PublishedGenerationEstimate*>& rows)
{
    PublishedGenerationMetricSummary s;
    s.metric = metric;
    s.rows = rows.size();
    std::vector<double> abs;
    size_t within = 0;
    for (const PublishedGenerationEstimate* e : rows) {
        abs.push_back(std::abs(e->errorPct));
        s.mapePct += std::abs(e->errorPct);
        s.biasPct += e->errorPct;
        within += std::abs(e->errorPct) <= 30.0 ? 1 : 0;
    }
    if (s.rows > 0) {
        s.mapePct /= static_cast<double>(s.rows);
        s.biasPct /= static_cast<double>(s.rows);
        s.within30Share = static_cast<double>(within) / static_cast<double>(s.rows);
    }
    s.medianAbsPct = median(abs);
    return s;
}

std::string signedPct(double pct)
{
    return (pct > 0 ? "+" : "") + fixed(pct, 1) + "%";
}

std::string valueText(double v, const std::string& unit)
{
    return fixed(v, v >= 100 ? 0 : 1) + " " + unit;
}

} // namespace

std::string_view generationMetricName(GenerationMetric m)
{
    return info(m).name;
}

std::string PublishedGenerationRow::label() const
{
    return model + " on " + hardwareId + ", " + std::string(generationMetricName(metric)) + ", prompt "
        + std::to_string(promptTokens) + " + " + std::to_string(generatedTokens) + " tokens, batch "
        + std::to_string(batch);
}

bool isPublishedGenerationFile(const std::string& path)
{
    std::ifstream in(path);
    std::string header;
    if (!std::getline(in, header))
        return false;
    header = std::string(withoutByteOrderMark(header));
    return header.rfind("model,", 0) == 0;
}

Result<std::vector<PublishedGenerationRow>> parsePublishedGeneration(
    const std::string& text, const std::string& displayName)
{
    std::istringstream in { std::string(withoutByteOrderMark(text)) };
    std::string line;
    if (!std::getline(in, line))
        return Error { ErrorCode::EmptyInput, "the file is empty", displayName };
    const std::vector<std::string> header = splitCsvLine(line);
    if (header != kColumns) {
        std::string expected;
        for (const std::string& c : kColumns)
            expected += (expected.empty() ? "" : ",") + c;
        return Error { ErrorCode::InvalidData, "the header must be: " + expected, displayName + ":1" };
    }
    std::vector<PublishedGenerationRow> rows;
    int number = 1;
    while (std::getline(in, line)) {
        ++number;
        if (line.empty() || line == "\r")
            continue;
        const std::vector<std::string> f = splitCsvLine(line);
        if (f.size() != kColumns.size())
            return Error { ErrorCode::InvalidData,
                std::to_string(f.size()) + " fields, the header has " + std::to_string(kColumns.size()),
                displayName + ":" + std::to_string(number) };
        PublishedGenerationRow r;
        r.line = number;
        r.model = f[0];
        r.hardwareId = f[1];
        r.device = f[2];
        r.framework = f[3];
        r.precision = f[4];
        r.weights = f[5];
        auto integer = [&](size_t i, int64_t& out) -> Status {
            const std::string& s = f[i];
            auto [end, err] = std::from_chars(s.data(), s.data() + s.size(), out);
            if (err != std::errc() || end != s.data() + s.size() || out < 1)
                return bad(displayName, number, kColumns[i], "'" + s + "' is not a positive integer");
            return Ok {};
        };
        for (auto [i, out] :
            { std::pair<size_t, int64_t*> { 6, &r.batch }, { 7, &r.promptTokens }, { 8, &r.generatedTokens } }) {
            if (auto s = integer(i, *out); !s)
                return s.error();
        }
        for (size_t i : { size_t(0), size_t(1), size_t(12) }) {
            if (f[i].empty())
                return bad(displayName, number, kColumns[i], "must not be empty");
        }
        if (!parsePrecision(r.precision))
            return bad(displayName, number, "precision", "unknown precision '" + r.precision + "'");
        if (!r.weights.empty() && r.weights != "int4" && r.weights != "int8")
            return bad(displayName, number, "weights", "'" + r.weights + "' is neither int4, int8 nor empty");
        const MetricInfo* metric = nullptr;
        for (const MetricInfo& m : kMetrics)
            metric = f[9] == m.name ? &m : metric;
        if (!metric)
            return bad(displayName, number, "metric",
                "unknown metric '" + f[9]
                    + "' (decode_tokens_per_s, throughput_tokens_per_s, ttft_ms or prefill_tokens_per_s)");
        r.metric = metric->metric;
        r.unit = f[11];
        if (r.unit != metric->unit)
            return bad(
                displayName, number, "unit", "'" + r.unit + "' for " + metric->name + ", which is in " + metric->unit);
        char* end = nullptr;
        r.value = std::strtod(f[10].c_str(), &end);
        if (f[10].empty() || *end != '\0' || !std::isfinite(r.value) || r.value <= 0)
            return bad(displayName, number, "value", "'" + f[10] + "' is not a positive number");
        r.source = f[12];
        r.notes = f[13];
        rows.push_back(std::move(r));
    }
    return rows;
}

Result<std::vector<PublishedGenerationRow>> loadPublishedGeneration(const std::string& path)
{
    std::ifstream in(path, std::ios::binary);
    if (!in)
        return Error { ErrorCode::Io, "cannot read the file", path };
    std::ostringstream text;
    text << in.rdbuf();
    return parsePublishedGeneration(text.str(), path);
}

Result<PublishedGenerationValidation> validatePublishedGeneration(
    const PublishedGenerationRequest& request, const ProgressCallback& progress)
{
    if (!request.registry)
        return Error { ErrorCode::InvalidArgument, "no hardware registry", {} };
    PublishedGenerationValidation v;
    // One generation estimate per configuration: a source's decode and prefill figures of one run share it.
    std::map<std::string, Result<GenerationResult>> cache;
    size_t done = 0;
    for (const PublishedGenerationRow& row : request.rows) {
        if (progress && !progress(static_cast<double>(done) / static_cast<double>(request.rows.size())))
            return Error { ErrorCode::Cancelled, "published validation cancelled", {} };
        ++done;
        PublishedGenerationEstimate e;
        e.row = row;
        const auto spec = request.registry->find(row.hardwareId);
        const std::string model = modelFile(request.modelDirs, row.model);
        if (!spec) {
            e.skipped = "no registry entry '" + row.hardwareId + "'";
        } else if (model.empty()) {
            e.skipped = "no model " + row.model + ".structure.onnx or " + row.model + ".onnx";
        }
        if (!e.skipped.empty()) {
            ++v.skipped;
            v.estimates.push_back(std::move(e));
            continue;
        }
        e.runtime = spec->vendor == "NVIDIA" && spec->mapper == MapperKind::Gpu ? "tensorrt" : "onnxruntime";
        const std::string key = model + "|" + row.hardwareId + "|" + row.precision + "|" + row.weights + "|"
            + std::to_string(row.batch) + "|" + std::to_string(row.promptTokens) + "|"
            + std::to_string(row.generatedTokens);
        auto it = cache.find(key);
        if (it == cache.end()) {
            auto fusion = findFusionRules(request.registryDirs, e.runtime);
            if (!fusion)
                return fusion.error();
            GenerationRequest g;
            g.modelPath = model;
            g.hardware = spec;
            g.fusion = std::move(*fusion);
            g.precision = *parsePrecision(row.precision);
            g.weights.format = *parseWeightFormat(row.weights);
            g.batch = row.batch;
            g.promptTokens = row.promptTokens;
            g.generatedTokens = row.generatedTokens;
            it = cache.emplace(key, runGeneration(g)).first;
        }
        if (!it->second) {
            e.skipped = it->second.error().toString();
            ++v.skipped;
            v.estimates.push_back(std::move(e));
            continue;
        }
        const GenerationResult& r = *it->second;
        const EstimationResult* basis = &r.tokensPerSecond;
        switch (row.metric) {
        case GenerationMetric::DecodeTokensPerSecond:
            e.estimate = r.tokensPerSecond.value;
            break;
        case GenerationMetric::ThroughputTokensPerSecond:
            basis = &r.totalTime;
            e.estimate = static_cast<double>(r.batch * r.generatedTokens) / (r.totalTime.value / 1e3);
            break;
        case GenerationMetric::TimeToFirstTokenMs:
            basis = &r.timeToFirstToken;
            e.estimate = r.timeToFirstToken.value;
            break;
        case GenerationMetric::PrefillTokensPerSecond:
            basis = &r.timeToFirstToken;
            e.estimate = static_cast<double>(r.batch * r.promptTokens) / (r.timeToFirstToken.value / 1e3);
            break;
        }
        e.boundPct = basis->errorBoundPct;
        e.confidence = basis->confidence;
        e.fits = r.memory.fits;
        e.errorPct = (e.estimate / row.value - 1) * 100;
        e.estimated = true;
        v.estimates.push_back(std::move(e));
    }
    std::vector<const PublishedGenerationEstimate*> all;
    for (const MetricInfo& m : kMetrics) {
        std::vector<const PublishedGenerationEstimate*> rows;
        for (const PublishedGenerationEstimate& e : v.estimates) {
            if (e.estimated && e.row.metric == m.metric)
                rows.push_back(&e);
        }
        if (!rows.empty())
            v.metrics.push_back(summarise(m.name, rows));
        all.insert(all.end(), rows.begin(), rows.end());
    }
    v.metrics.push_back(summarise("all", all));
    if (progress)
        progress(1.0);
    return v;
}

std::string publishedGenerationMarkdown(const PublishedGenerationValidation& v)
{
    std::ostringstream out;
    out << "## Summary\n\n| metric | rows | MAPE | median | within ±30% | bias |\n|---|---:|---:|---:|---:|---:|\n";
    for (const PublishedGenerationMetricSummary& s : v.metrics)
        out << "| " << s.metric << " | " << s.rows << " | " << fixed(s.mapePct, 1) << "% | " << fixed(s.medianAbsPct, 1)
            << "% | " << fixed(100 * s.within30Share, 0) << "% | " << signedPct(s.biasPct) << " |\n";
    out << "\nrows not estimated: " << v.skipped << "\n\n## Rows\n\n"
        << "| model | hardware | framework | precision | weights | batch | prompt | tokens | metric | published | "
           "estimate | error |\n|---|---|---|---|---|---:|---:|---:|---|---:|---:|---:|\n";
    for (const PublishedGenerationEstimate& e : v.estimates) {
        if (!e.estimated)
            continue;
        const PublishedGenerationRow& r = e.row;
        out << "| " << r.model << " | " << r.hardwareId << " | " << r.framework << " | " << r.precision << " | "
            << (r.weights.empty() ? "-" : r.weights) << " | " << r.batch << " | " << r.promptTokens << " | "
            << r.generatedTokens << " | " << generationMetricName(r.metric) << " | " << valueText(r.value, r.unit)
            << " | " << valueText(e.estimate, r.unit) << " ±" << fixed(e.boundPct, 0) << "%"
            << (e.fits ? "" : " (does not fit)") << " | " << signedPct(e.errorPct) << " |\n";
    }
    bool header = false;
    for (const PublishedGenerationEstimate& e : v.estimates) {
        if (e.estimated)
            continue;
        if (!header)
            out << "\n## Not estimated\n\n";
        header = true;
        out << "- line " << e.row.line << ", " << e.row.label() << ": " << e.skipped << "\n";
    }
    return out.str();
}

std::string publishedGenerationCsv(const PublishedGenerationValidation& v)
{
    std::ostringstream out;
    out << "line,model,hardware_id,framework,runtime,precision,weights,batch,prompt_tokens,generated_tokens,metric,"
           "published,estimate,unit,error_pct,error_bound_pct,confidence,fits,skipped\n";
    for (const PublishedGenerationEstimate& e : v.estimates) {
        const PublishedGenerationRow& r = e.row;
        out << r.line << ',' << csvField(r.model) << ',' << csvField(r.hardwareId) << ',' << csvField(r.framework)
            << ',' << e.runtime << ',' << r.precision << ',' << r.weights << ',' << r.batch << ',' << r.promptTokens
            << ',' << r.generatedTokens << ',' << generationMetricName(r.metric) << ',' << fixed(r.value, 3) << ','
            << (e.estimated ? fixed(e.estimate, 3) : std::string()) << ',' << r.unit << ','
            << (e.estimated ? fixed(e.errorPct, 2) : std::string()) << ','
            << (e.estimated ? fixed(e.boundPct, 1) : std::string()) << ','
            << (e.estimated ? std::string(confidenceName(e.confidence)) : std::string()) << ','
            << (e.estimated ? (e.fits ? "yes" : "no") : "") << ',' << csvField(e.skipped) << '\n';
    }
    return out.str();
}

std::string publishedGenerationJson(const PublishedGenerationValidation& v)
{
    nlohmann::json rows = nlohmann::json::array();
    for (const PublishedGenerationEstimate& e : v.estimates) {
        const PublishedGenerationRow& r = e.row;
        nlohmann::json row = { { "line", r.line }, { "model", r.model }, { "hardware_id", r.hardwareId },
            { "device", r.device }, { "framework", r.framework }, { "precision", r.precision },
            { "weights", r.weights }, { "batch", r.batch }, { "prompt_tokens", r.promptTokens },
            { "generated_tokens", r.generatedTokens }, { "metric", std::string(generationMetricName(r.metric)) },
            { "published", r.value }, { "unit", r.unit }, { "source", r.source }, { "estimated", e.estimated } };
        if (e.estimated) {
            row["runtime"] = e.runtime;
            row["estimate"] = e.estimate;
            row["error_pct"] = e.errorPct;
            row["error_bound_pct"] = e.boundPct;
            row["confidence"] = std::string(confidenceName(e.confidence));
            row["fits"] = e.fits;
        } else {
            row["skipped"] = e.skipped;
        }
        rows.push_back(std::move(row));
    }
    nlohmann::json summary = nlohmann::json::array();
    for (const PublishedGenerationMetricSummary& s : v.metrics)
        summary.push_back({ { "metric", s.metric }, { "rows", s.rows }, { "mape_pct", s.mapePct },
            { "median_abs_pct", s.medianAbsPct }, { "within_30_share", s.within30Share }, { "bias_pct", s.biasPct } });
    return nlohmann::json {
        { "kind", "generation" }, { "summary", summary }, { "skipped", v.skipped }, { "rows", rows }
    }.dump(2)
        + "\n";
}

} // namespace graphs
