#include "benchmarks/runner_protocol.h"

#include <nlohmann/json.hpp>

#include <cmath>

namespace graphs {

using nlohmann::json;

namespace {

constexpr const char* kProtocol = "graphs-runner/1";

} // namespace

std::string toJson(const RunnerRequest& r)
{
    json inputs = json::object();
    for (const auto& [name, shape] : r.inputShapes)
        inputs[name]["shape"] = shape;
    for (const auto& [name, type] : r.inputTypes)
        inputs[name]["dtype"] = type;
    json doc = { { "protocol", kProtocol }, { "model", r.model }, { "inputs", inputs }, { "warmup", r.warmup },
        { "repeats", r.repeats }, { "threads", r.threads }, { "pin_threads", r.pinThreads }, { "profile", r.profile } };
    if (!r.outputsDir.empty())
        doc["outputs_dir"] = r.outputsDir;
    doc["precision"] = r.precision;
    return doc.dump() + "\n";
}

Result<RunnerRequest> parseRunnerRequest(const std::string& text)
{
    try {
        const json doc = json::parse(text);
        if (doc.value("protocol", std::string()) != kProtocol)
            return Error { ErrorCode::InvalidData, std::string("request is not protocol ") + kProtocol, {} };
        RunnerRequest r;
        r.model = doc.at("model").get<std::string>();
        const json inputs = doc.value("inputs", json::object()); // items() must not iterate a temporary
        for (const auto& [name, spec] : inputs.items()) {
            if (spec.contains("shape"))
                r.inputShapes[name] = spec.at("shape").get<std::vector<int64_t>>();
            if (spec.contains("dtype"))
                r.inputTypes[name] = spec.at("dtype").get<std::string>();
        }
        r.warmup = doc.value("warmup", 5);
        r.repeats = doc.value("repeats", 20);
        r.threads = doc.value("threads", 0);
        r.pinThreads = doc.value("pin_threads", false);
        r.profile = doc.value("profile", false);
        r.outputsDir = doc.value("outputs_dir", std::string());
        r.precision = doc.value("precision", std::string("fp32"));
        return r;
    } catch (const std::exception& e) {
        return Error { ErrorCode::InvalidData, std::string("malformed runner request: ") + e.what(), {} };
    }
}

std::string toJson(const RunnerResponse& r)
{
    json nodes = json::array();
    for (const NodeTiming& n : r.nodes) {
        json node = { { "name", n.name }, { "op_type", n.opType }, { "mean_ms", n.meanMs } };
        if (!n.layer.empty())
            node["layer"] = n.layer;
        nodes.push_back(std::move(node));
    }
    json doc = { { "protocol", kProtocol }, { "runtime", r.runtime }, { "runtime_version", r.runtimeVersion },
        { "execution_provider", r.executionProvider }, { "threads", r.threads }, { "run_ms", r.runMs },
        { "nodes", nodes } };
    if (!r.outputs.empty()) {
        json outputs = json::array();
        for (const OutputFile& o : r.outputs)
            outputs.push_back({ { "name", o.name }, { "dtype", o.dtype }, { "shape", o.shape }, { "file", o.file } });
        doc["outputs"] = outputs;
    }
    if (!r.environment.empty())
        doc["environment"] = r.environment;
    return doc.dump() + "\n";
}

Result<RunnerResponse> parseRunnerResponse(const std::string& text, const std::string& runnerName)
{
    json doc;
    try {
        doc = json::parse(text);
    } catch (const std::exception&) {
        std::string head = text.substr(0, 200);
        return Error { ErrorCode::InvalidData, "the runner's reply is not JSON: '" + head + "'", runnerName };
    }
    try {
        if (doc.contains("error"))
            return Error { ErrorCode::InvalidData, doc.at("error").get<std::string>(), runnerName };
        if (doc.value("protocol", std::string()) != kProtocol)
            return Error { ErrorCode::InvalidData, std::string("the reply does not speak ") + kProtocol, runnerName };
        RunnerResponse r;
        r.runtime = doc.at("runtime").get<std::string>();
        r.runtimeVersion = doc.value("runtime_version", std::string());
        r.executionProvider = doc.value("execution_provider", std::string());
        r.threads = doc.value("threads", 0);
        r.runMs = doc.at("run_ms").get<std::vector<double>>();
        if (r.runMs.empty())
            return Error { ErrorCode::InvalidData, "the reply holds no timed run", runnerName };
        for (double ms : r.runMs) {
            if (!std::isfinite(ms) || ms <= 0)
                return Error { ErrorCode::InvalidData, "the reply holds a run time that is not a positive number",
                    runnerName };
        }
        const json nodes = doc.value("nodes", json::array());
        for (const json& n : nodes) {
            NodeTiming t;
            t.name = n.at("name").get<std::string>();
            t.opType = n.value("op_type", std::string());
            t.meanMs = n.at("mean_ms").get<double>();
            t.layer = n.value("layer", std::string());
            if (!std::isfinite(t.meanMs) || t.meanMs < 0)
                return Error { ErrorCode::InvalidData, "node '" + t.name + "' has an invalid time", runnerName };
            r.nodes.push_back(std::move(t));
        }
        // Replies from runners that predate outputs_dir simply have no "outputs".
        const json outputs = doc.value("outputs", json::array());
        for (const json& o : outputs) {
            OutputFile f;
            f.name = o.at("name").get<std::string>();
            f.dtype = o.at("dtype").get<std::string>();
            f.shape = o.at("shape").get<std::vector<int64_t>>();
            f.file = o.at("file").get<std::string>();
            r.outputs.push_back(std::move(f));
        }
        const json environment = doc.value("environment", json::object());
        for (const auto& [key, value] : environment.items())
            r.environment[key] = value.is_string() ? value.get<std::string>() : value.dump();
        return r;
    } catch (const std::exception& e) {
        return Error { ErrorCode::InvalidData, std::string("malformed runner reply: ") + e.what(), runnerName };
    }
}

} // namespace graphs
