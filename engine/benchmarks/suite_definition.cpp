#include "benchmarks/suite_definition.h"

#include "core/yaml_reader.h"

#include <algorithm>
#include <filesystem>
#include <set>

namespace graphs {

using yamlio::YamlReader;

namespace fs = std::filesystem;

namespace {

constexpr int64_t kMaxParam = int64_t { 1 } << 28;
constexpr size_t kMaxCases = 2000;

/// Required parameters first, then optional ones with their defaults.
struct OpSchema
{
    std::vector<std::string> required;
    std::map<std::string, int64_t> optional;
    std::vector<std::string> functions; ///< empty: the op takes no `functions`
};

const std::map<std::string, OpSchema>& schemas()
{
    static const std::map<std::string, OpSchema> s = {
        { "matmul", { { "m", "n", "k" }, { { "batch", 1 } }, {} } },
        { "gemm", { { "m", "n", "k" }, {}, {} } },
        { "conv2d",
            { { "channels", "size", "kernel" }, { { "batch", 1 }, { "out_channels", 0 }, { "stride", 1 }, { "groups", 1 } },
                {} } },
        { "elementwise", { { "elements" }, {}, { "add", "mul", "relu", "sigmoid", "gelu" } } },
        { "softmax", { { "rows", "cols" }, {}, {} } },
        { "layernorm", { { "rows", "cols" }, {}, {} } },
        { "pool", { { "channels", "size" }, { { "batch", 1 }, { "kernel", 3 }, { "stride", 2 } }, { "max", "average", "global" } } },
        { "attention", { { "heads", "seq", "head_dim" }, { { "batch", 1 } }, {} } },
    };
    return s;
}

int64_t parseBytes(const YamlReader& r, const YAML::Node& node, const std::string& path)
{
    const std::string text = r.string(node, path);
    size_t used = 0;
    double value = 0;
    try {
        value = std::stod(text, &used);
    } catch (const std::exception&) {
        r.fail(node, path, "expected a size such as 64MiB, got '" + text + "'");
    }
    std::string unit = text.substr(used);
    unit.erase(std::remove(unit.begin(), unit.end(), ' '), unit.end());
    static const std::map<std::string, double> units
        = { { "", 1 }, { "B", 1 }, { "KiB", 1024.0 }, { "MiB", 1024.0 * 1024 }, { "GiB", 1024.0 * 1024 * 1024 } };
    const auto u = units.find(unit);
    if (u == units.end())
        r.fail(node, path, "unknown unit '" + unit + "' (B, KiB, MiB, GiB)");
    const double bytes = value * u->second;
    if (!(bytes >= 64 * 1024) || bytes > 64.0 * 1024 * 1024 * 1024)
        r.fail(node, path, "must be between 64KiB and 64GiB, got '" + text + "'");
    return static_cast<int64_t>(bytes);
}

/// A scalar or a list of scalars, as a list of the scalar nodes.
std::vector<YAML::Node> listOf(const YamlReader& r, const YAML::Node& node, const std::string& path)
{
    if (node.IsScalar())
        return { node };
    r.checkSequence(node, path);
    return std::vector<YAML::Node>(node.begin(), node.end());
}

RoofsDefinition readRoofs(const YamlReader& r, const YAML::Node& node)
{
    r.checkMap(node, "roofs", { "fma", "bandwidth_up_to", "stream", "gemm", "seconds" }, {});
    RoofsDefinition roofs;
    roofs.enabled = true;
    if (node["fma"]) {
        for (const YAML::Node& p : listOf(r, node["fma"], "roofs.fma")) {
            const std::string precision = r.string(p, "roofs.fma");
            if (precision != "fp32" && precision != "fp64")
                r.fail(p, "roofs.fma", "'" + precision + "' is not measured (fp32, fp64)");
            roofs.fmaPrecisions.push_back(precision);
        }
    }
    if (node["bandwidth_up_to"])
        roofs.bandwidthLargestBytes = parseBytes(r, node["bandwidth_up_to"], "roofs.bandwidth_up_to");
    if (node["stream"])
        roofs.stream = r.boolean(node["stream"], "roofs.stream");
    if (node["gemm"]) {
        for (const YAML::Node& n : listOf(r, node["gemm"], "roofs.gemm"))
            roofs.gemmSizes.push_back(r.integer(n, "roofs.gemm", 16, 8192));
    }
    if (node["seconds"])
        roofs.seconds = r.positive(node["seconds"], "roofs.seconds", 10);
    return roofs;
}

/// Checks the combinations that a single parameter's range cannot.
void checkCase(const YamlReader& r, const YAML::Node& at, const std::string& path, const OperatorCase& c)
{
    if (c.op == "conv2d") {
        const int64_t channels = c.param("channels", 1);
        const int64_t out = c.param("out_channels", channels);
        const int64_t groups = c.param("groups", 1);
        if (channels % groups != 0 || out % groups != 0)
            r.fail(at, path, "groups (" + std::to_string(groups) + ") must divide channels (" + std::to_string(channels)
                    + ") and out_channels (" + std::to_string(out) + ")");
        if (c.param("kernel", 1) > c.param("size", 1))
            r.fail(at, path, "kernel is larger than size");
    }
    if (c.op == "pool" && c.function != "global" && c.param("kernel", 1) > c.param("size", 1))
        r.fail(at, path, "kernel is larger than size");
}

void readOperatorEntry(const YamlReader& r, const YAML::Node& e, const std::string& path, SuiteDefinition& suite)
{
    r.checkMap(e, path, { "group", "op", "grid", "cases", "functions" }, { "group", "op" });
    const std::string group = r.string(e["group"], path + ".group");
    const std::string op = r.string(e["op"], path + ".op");
    const auto schema = schemas().find(op);
    if (schema == schemas().end()) {
        std::string known;
        for (const auto& [name, unused] : schemas())
            known += (known.empty() ? "" : ", ") + name;
        r.fail(e["op"], path + ".op", "unknown operator '" + op + "' (" + known + ")");
    }
    const OpSchema& s = schema->second;
    if (!e["grid"] && !e["cases"])
        r.fail(e, path, "give a grid or a list of cases");

    std::vector<std::string> functions;
    if (e["functions"]) {
        if (s.functions.empty())
            r.fail(e["functions"], path + ".functions", "'" + op + "' takes no functions");
        for (const YAML::Node& f : listOf(r, e["functions"], path + ".functions")) {
            const std::string fn = r.string(f, path + ".functions");
            if (std::find(s.functions.begin(), s.functions.end(), fn) == s.functions.end())
                r.fail(f, path + ".functions", "unknown function '" + fn + "' for " + op);
            functions.push_back(fn);
        }
    } else if (!s.functions.empty()) {
        r.fail(e, path + ".functions", "is required for " + op);
    }
    if (functions.empty())
        functions.push_back({});

    // Each parameter set: a map of parameter → list of values (one value for `cases`).
    std::vector<std::pair<YAML::Node, std::map<std::string, std::vector<int64_t>>>> sets;
    auto readParams = [&](const YAML::Node& node, const std::string& where) {
        if (!node.IsMap())
            r.fail(node, where, "expected a mapping of parameters to values");
        std::map<std::string, std::vector<int64_t>> values;
        for (auto it = node.begin(); it != node.end(); ++it) {
            const std::string key = it->first.as<std::string>();
            const std::string keyPath = where + "." + key;
            const bool known = std::find(s.required.begin(), s.required.end(), key) != s.required.end()
                || s.optional.count(key);
            if (!known)
                r.fail(it->first, keyPath, "'" + op + "' takes no parameter '" + key + "'");
            for (const YAML::Node& v : listOf(r, it->second, keyPath)) {
                if (key == "groups" && v.IsScalar() && v.Scalar() == "depthwise")
                    values[key].push_back(0); // resolved to the channel count below
                else
                    values[key].push_back(r.integer(v, keyPath, 1, kMaxParam));
            }
        }
        for (const std::string& req : s.required) {
            if (!values.count(req))
                r.fail(node, where + "." + req, "is required for " + op + " but missing");
        }
        sets.push_back({ node, values });
    };
    if (e["grid"])
        readParams(e["grid"], path + ".grid");
    if (e["cases"]) {
        r.checkSequence(e["cases"], path + ".cases");
        for (size_t i = 0; i < e["cases"].size(); ++i)
            readParams(e["cases"][i], path + ".cases[" + std::to_string(i) + "]");
    }

    for (const auto& [node, values] : sets) {
        // Cartesian product of the value lists, in the order written.
        std::vector<std::map<std::string, int64_t>> combos(1);
        for (const auto& [key, list] : values) {
            std::vector<std::map<std::string, int64_t>> next;
            for (const auto& partial : combos) {
                for (int64_t v : list) {
                    auto c = partial;
                    c[key] = v;
                    next.push_back(std::move(c));
                }
            }
            combos = std::move(next);
            if (combos.size() * functions.size() + suite.operators.size() > kMaxCases)
                r.fail(node, path, "expands to more than " + std::to_string(kMaxCases) + " cases");
        }
        for (const std::string& fn : functions) {
            for (auto params : combos) {
                for (const auto& [key, fallback] : s.optional) {
                    if (!params.count(key) && fallback != 0)
                        params[key] = fallback;
                }
                if (op == "conv2d") {
                    if (params.count("groups") && params["groups"] == 0)
                        params["groups"] = params["channels"];
                    if (!params.count("out_channels"))
                        params["out_channels"] = params["channels"];
                }
                OperatorCase c { group, op, fn, params };
                checkCase(r, node, path, c);
                suite.operators.push_back(std::move(c));
            }
        }
    }
}

WorkloadDefinition readWorkload(const YamlReader& r, const YAML::Node& w, const std::string& path)
{
    r.checkMap(w, path, { "model", "batch", "input_shapes" }, { "model" });
    WorkloadDefinition def;
    def.model = r.string(w["model"], path + ".model");
    if (w["batch"]) {
        def.batches.clear();
        for (const YAML::Node& b : listOf(r, w["batch"], path + ".batch"))
            def.batches.push_back(r.integer(b, path + ".batch", 1, 65536));
    }
    if (w["input_shapes"]) {
        const YAML::Node shapes = w["input_shapes"];
        if (!shapes.IsMap())
            r.fail(shapes, path + ".input_shapes", "expected a mapping of input names to shapes");
        for (auto it = shapes.begin(); it != shapes.end(); ++it) {
            const std::string name = it->first.as<std::string>();
            r.checkSequence(it->second, path + ".input_shapes." + name);
            for (const YAML::Node& d : it->second)
                def.inputShapes[name].push_back(r.integer(d, path + ".input_shapes." + name, 1, kMaxParam));
        }
    }
    return def;
}

SuiteDefinition readSuite(const YamlReader& r, const YAML::Node& root)
{
    r.checkMap(root, "", { "schema", "suite", "description", "settings", "roofs", "operators", "workloads" },
        { "schema", "suite", "description" });
    if (r.integer(root["schema"], "schema", 1, 1000) != 1)
        r.fail(root["schema"], "schema", "this program reads schema 1");
    SuiteDefinition suite;
    suite.name = r.string(root["suite"], "suite");
    suite.description = r.string(root["description"], "description");
    if (const YAML::Node s = root["settings"]) {
        r.checkMap(s, "settings", { "warmup", "min_samples", "target_ci", "max_seconds" }, {});
        if (s["warmup"])
            suite.policy.warmup = static_cast<int>(r.integer(s["warmup"], "settings.warmup", 0, 1000));
        if (s["min_samples"])
            suite.policy.minSamples = static_cast<int>(r.integer(s["min_samples"], "settings.min_samples", 3, 100000));
        if (s["target_ci"])
            suite.policy.targetCi = r.positive(s["target_ci"], "settings.target_ci", 0.5);
        if (s["max_seconds"]) {
            // 0 is allowed: one round of min_samples, whatever the interval.
            suite.policy.maxSeconds = r.number(s["max_seconds"], "settings.max_seconds");
            if (suite.policy.maxSeconds < 0 || suite.policy.maxSeconds > 3600)
                r.fail(s["max_seconds"], "settings.max_seconds", "must be between 0 and 3600");
        }
    }
    if (root["roofs"])
        suite.roofs = readRoofs(r, root["roofs"]);
    if (const YAML::Node ops = root["operators"]) {
        r.checkSequence(ops, "operators");
        for (size_t i = 0; i < ops.size(); ++i)
            readOperatorEntry(r, ops[i], "operators[" + std::to_string(i) + "]", suite);
    }
    std::set<std::string> names;
    for (const OperatorCase& c : suite.operators) {
        if (!names.insert(c.name()).second)
            r.fail(root["operators"], "operators", "the case '" + c.name() + "' appears twice");
    }
    if (const YAML::Node w = root["workloads"]) {
        r.checkMap(w, "workloads", { "batch", "models" }, {});
        if (w["batch"]) {
            suite.workloadBatches.clear();
            for (const YAML::Node& b : listOf(r, w["batch"], "workloads.batch"))
                suite.workloadBatches.push_back(r.integer(b, "workloads.batch", 1, 65536));
        }
        if (w["models"]) {
            r.checkSequence(w["models"], "workloads.models", false);
            for (size_t i = 0; i < w["models"].size(); ++i)
                suite.workloads.push_back(
                    readWorkload(r, w["models"][i], "workloads.models[" + std::to_string(i) + "]"));
        }
    }
    return suite;
}

} // namespace

int64_t OperatorCase::param(const std::string& key, int64_t fallback) const
{
    const auto it = params.find(key);
    return it == params.end() ? fallback : it->second;
}

std::string OperatorCase::shapeText() const
{
    std::string text = function.empty() ? "" : "function=" + function;
    for (const auto& [key, value] : params)
        text += (text.empty() ? "" : ",") + key + "=" + std::to_string(value);
    return text;
}

std::string OperatorCase::name() const
{
    return group + "/" + op + " " + shapeText();
}

Result<OperatorCase> operatorCaseFromText(const std::string& op, const std::string& shapeText)
{
    const auto schema = schemas().find(op);
    if (schema == schemas().end())
        return Error { ErrorCode::InvalidData, "unknown operator '" + op + "'", shapeText };
    OperatorCase c;
    c.op = op;
    c.group = op;
    size_t start = 0;
    while (start < shapeText.size()) {
        const size_t end = std::min(shapeText.find(',', start), shapeText.size());
        const std::string item = shapeText.substr(start, end - start);
        start = end + 1;
        const size_t eq = item.find('=');
        if (eq == std::string::npos)
            return Error { ErrorCode::InvalidData, "'" + item + "' is not key=value", shapeText };
        const std::string key = item.substr(0, eq), value = item.substr(eq + 1);
        if (key == "function") {
            c.function = value;
            continue;
        }
        char* stop = nullptr;
        const long long v = std::strtoll(value.c_str(), &stop, 10);
        if (value.empty() || *stop != '\0' || v <= 0 || v > kMaxParam)
            return Error { ErrorCode::InvalidData, "parameter '" + key + "': '" + value + "' is not a size", shapeText };
        c.params[key] = v;
    }
    for (const std::string& req : schema->second.required) {
        if (!c.params.count(req))
            return Error { ErrorCode::InvalidData, "parameter '" + req + "' is missing", shapeText };
    }
    return c;
}

const std::map<std::string, std::vector<std::string>>& operatorParameters()
{
    static const auto table = [] {
        std::map<std::string, std::vector<std::string>> t;
        for (const auto& [op, s] : schemas()) {
            t[op] = s.required;
            for (const auto& [key, unused] : s.optional)
                t[op].push_back(key);
        }
        return t;
    }();
    return table;
}

Result<SuiteDefinition> parseSuiteDefinition(const std::string& yamlText, const std::string& displayName)
{
    auto suite = yamlio::parseDocument<SuiteDefinition>(yamlText, displayName,
        [](const YamlReader& reader, const YAML::Node& root) { return readSuite(reader, root); });
    if (suite)
        suite->file = displayName;
    return suite;
}

Result<SuiteDefinition> loadSuiteDefinition(const std::string& path)
{
    auto text = yamlio::readTextFile(path);
    if (!text)
        return text.error();
    auto suite = parseSuiteDefinition(*text, path);
    if (!suite)
        return suite;
    // Relative model paths are relative to the suite file, so a suite can travel with its models.
    const fs::path base = fs::path(path).parent_path();
    for (WorkloadDefinition& w : suite->workloads) {
        if (fs::path(w.model).is_relative())
            w.model = (base / w.model).lexically_normal().string();
    }
    return suite;
}

Result<SuiteDefinition> findSuite(const std::string& nameOrPath, const std::vector<std::string>& registryDirs)
{
    std::error_code ec;
    if (nameOrPath.find('/') != std::string::npos || nameOrPath.ends_with(".yaml")) {
        if (!fs::is_regular_file(nameOrPath, ec))
            return Error { ErrorCode::NotFound, "no such suite file", nameOrPath };
        return loadSuiteDefinition(nameOrPath);
    }
    // The user registry overrides the bundled one: search in reverse overlay order.
    for (auto dir = registryDirs.rbegin(); dir != registryDirs.rend(); ++dir) {
        const fs::path file = fs::path(*dir) / "benchmarks" / "definitions" / (nameOrPath + ".yaml");
        if (fs::is_regular_file(file, ec))
            return loadSuiteDefinition(file.string());
    }
    std::string known;
    for (const std::string& n : listSuites(registryDirs))
        known += (known.empty() ? "" : ", ") + n;
    return Error { ErrorCode::NotFound, "unknown suite '" + nameOrPath + "' (known: " + known + ", or a .yaml file)",
        nameOrPath };
}

std::vector<std::string> listSuites(const std::vector<std::string>& registryDirs)
{
    std::set<std::string> names;
    for (const std::string& dir : registryDirs) {
        std::error_code ec;
        for (const auto& entry : fs::directory_iterator(fs::path(dir) / "benchmarks" / "definitions", ec)) {
            if (entry.path().extension() == ".yaml")
                names.insert(entry.path().stem().string());
        }
    }
    return { names.begin(), names.end() };
}

} // namespace graphs
