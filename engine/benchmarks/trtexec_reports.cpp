#include "benchmarks/trtexec_reports.h"

#include <nlohmann/json.hpp>

#include <cmath>
#include <cstdio>
#include <fstream>
#include <sstream>

namespace graphs {

using nlohmann::json;

namespace {

Error fileError(const std::string& file, const std::string& message)
{
    return Error { ErrorCode::InvalidData, message, file };
}

/// trtexec writes layer names into the profile without JSON escaping, and TensorRT joins fused names with the
/// control characters \x1E and \x1F: escaped here so that such a file still parses.
std::string escapeControlCharacters(const std::string& text)
{
    std::string out;
    out.reserve(text.size());
    for (const char c : text) {
        const auto u = static_cast<unsigned char>(c);
        if (u < 0x20 && c != '\n' && c != '\r' && c != '\t') {
            char escaped[8];
            std::snprintf(escaped, sizeof escaped, "\\u%04x", u);
            out += escaped;
        } else {
            out += c;
        }
    }
    return out;
}

Result<json> parseJson(const std::string& text, const std::string& file, const char* what)
{
    try {
        return json::parse(escapeControlCharacters(text));
    } catch (const json::parse_error& e) {
        return fileError(file, std::string("not JSON (") + e.what() + "); expected trtexec's " + what);
    }
}

/// A number member of `entry`; nullopt when absent, an error when present but not a finite number.
Result<std::optional<double>> number(const json& entry, const char* key, const std::string& file,
    const std::string& where)
{
    const auto it = entry.find(key);
    if (it == entry.end())
        return std::optional<double> {};
    if (!it->is_number() || !std::isfinite(it->get<double>()))
        return fileError(file, where + ": \"" + key + "\" is not a finite number");
    return std::optional<double>(it->get<double>());
}

} // namespace

Result<std::string> readTrtexecFile(const std::string& file)
{
    std::ifstream in(file, std::ios::binary);
    if (!in)
        return Error { ErrorCode::Io, "cannot read the file trtexec should have written", file };
    std::stringstream text;
    text << in.rdbuf();
    if (text.str().find_first_not_of(" \r\n\t") == std::string::npos)
        return Error { ErrorCode::EmptyInput, "trtexec left this file empty", file };
    return text.str();
}

Result<std::vector<TrtexecIteration>> parseTrtexecTimes(const std::string& text, const std::string& file)
{
    auto doc = parseJson(text, file, "--exportTimes array");
    if (!doc)
        return doc.error();
    if (!doc->is_array())
        return fileError(file, "not an --exportTimes file: expected a JSON array of iterations");
    std::vector<TrtexecIteration> iterations;
    for (size_t i = 0; i < doc->size(); ++i) {
        const json& entry = (*doc)[i];
        const std::string where = "iteration " + std::to_string(i);
        if (!entry.is_object())
            return fileError(file, where + " is not a JSON object");
        TrtexecIteration it;
        struct Field
        {
            const char* key;
            const char* older; // TensorRT 7 spelling
            double* into;
            bool required;
        };
        for (const Field& f : { Field { "computeMs", nullptr, &it.computeMs, true },
                 Field { "latencyMs", nullptr, &it.latencyMs, true }, Field { "h2dMs", "inMs", &it.h2dMs, false },
                 Field { "d2hMs", "outMs", &it.d2hMs, false } }) {
            auto value = number(entry, f.key, file, where);
            if (value && !*value && f.older)
                value = number(entry, f.older, file, where);
            if (!value)
                return value.error();
            if (!*value && f.required)
                return fileError(file, where + " has no \"" + f.key + "\"");
            *f.into = value->value_or(0);
        }
        if (!(it.computeMs > 0))
            return fileError(file, where + ": \"computeMs\" is not a positive number");
        if (it.latencyMs < 0 || it.h2dMs < 0 || it.d2hMs < 0)
            return fileError(file, where + " holds a negative time");
        auto start = number(entry, "startEnqMs", file, where);
        auto end = number(entry, "endEnqMs", file, where);
        if (start && end && *start && *end)
            it.enqueueMs = std::max(0.0, **end - **start);
        iterations.push_back(it);
    }
    if (iterations.empty())
        return fileError(file, "holds no timed iteration");
    return iterations;
}

Result<TrtexecProfile> parseTrtexecProfile(const std::string& text, const std::string& file)
{
    auto doc = parseJson(text, file, "--exportProfile array");
    if (!doc)
        return doc.error();
    if (!doc->is_array() || doc->empty() || !(*doc)[0].is_object() || !(*doc)[0].contains("count"))
        return fileError(file, "not an --exportProfile file: expected a JSON array starting with {\"count\": N}");
    TrtexecProfile profile;
    const json& count = (*doc)[0]["count"];
    if (!count.is_number_integer() || count.get<int64_t>() <= 0)
        return fileError(file, "\"count\" (the profiled iterations) is not a positive integer");
    profile.iterations = count.get<int>();
    for (size_t i = 1; i < doc->size(); ++i) {
        const json& entry = (*doc)[i];
        const std::string where = "layer " + std::to_string(i);
        if (!entry.is_object() || !entry.contains("name") || !entry["name"].is_string())
            return fileError(file, where + " has no \"name\"");
        TrtexecLayerTime layer;
        layer.name = entry["name"].get<std::string>();
        const std::string named = where + " ('" + layer.name + "')";
        auto average = number(entry, "averageMs", file, named);
        auto total = number(entry, "timeMs", file, named);
        auto median = number(entry, "medianMs", file, named);
        auto percentage = number(entry, "percentage", file, named);
        for (const auto* r : { &average, &total, &median, &percentage })
            if (!*r)
                return r->error();
        if (!*average)
            return fileError(file, named + " has no \"averageMs\"");
        layer.averageMs = **average;
        layer.totalMs = total->value_or(layer.averageMs * profile.iterations);
        layer.medianMs = median->value_or(layer.averageMs);
        layer.percentage = percentage->value_or(0);
        if (layer.averageMs < 0 || layer.totalMs < 0 || layer.medianMs < 0)
            return fileError(file, named + " holds a negative time");
        profile.layers.push_back(std::move(layer));
    }
    return profile;
}

std::vector<std::string> onnxNodesFromMetadata(const std::string& metadata)
{
    static const std::string open = "[ONNX Layer: ";
    std::vector<std::string> names;
    for (size_t at = metadata.find(open); at != std::string::npos; at = metadata.find(open, at)) {
        at += open.size();
        // The entry ends at "]" before a separator, the next entry or the end; " | " starts its properties.
        size_t end = at;
        while (end < metadata.size()) {
            end = metadata.find(']', end);
            if (end == std::string::npos) {
                end = metadata.size();
                break;
            }
            const char next = end + 1 < metadata.size() ? metadata[end + 1] : '\x1f';
            if (next == '\x1f' || next == '\x1e' || next == '[')
                break;
            ++end;
        }
        std::string name = metadata.substr(at, end - at);
        if (const auto bar = name.find(" | "); bar != std::string::npos)
            name.resize(bar);
        if (!name.empty())
            names.push_back(std::move(name));
        at = end;
    }
    return names;
}

Result<std::vector<TrtexecLayer>> parseTrtexecLayerInfo(const std::string& text, const std::string& file)
{
    auto doc = parseJson(text, file, "--exportLayerInfo object");
    if (!doc)
        return doc.error();
    if (!doc->is_object() || !doc->contains("Layers") || !(*doc)["Layers"].is_array())
        return fileError(file, "not an --exportLayerInfo file: expected an object with a \"Layers\" array");
    std::vector<TrtexecLayer> layers;
    const json& list = (*doc)["Layers"];
    for (size_t i = 0; i < list.size(); ++i) {
        const json& entry = list[i];
        TrtexecLayer layer;
        if (entry.is_string()) { // --profilingVerbosity=layer_names_only
            layer.name = entry.get<std::string>();
        } else if (entry.is_object() && entry.contains("Name") && entry["Name"].is_string()) {
            layer.name = entry["Name"].get<std::string>();
            if (entry.contains("LayerType") && entry["LayerType"].is_string())
                layer.type = entry["LayerType"].get<std::string>();
            if (entry.contains("Metadata") && entry["Metadata"].is_string())
                layer.onnxNodes = onnxNodesFromMetadata(entry["Metadata"].get<std::string>());
        } else {
            return fileError(file, "layer " + std::to_string(i) + " has no \"Name\"");
        }
        layers.push_back(std::move(layer));
    }
    return layers;
}

} // namespace graphs
