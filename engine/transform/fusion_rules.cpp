#include "transform/fusion_rules.h"

#include "core/yaml_reader.h"

#include <algorithm>
#include <filesystem>
#include <sstream>

namespace graphs {

using yamlio::YamlReader;

namespace {

std::set<std::string> readOps(const YamlReader& r, const YAML::Node& node, const std::string& path)
{
    r.checkSequence(node, path, false);
    std::set<std::string> out;
    for (const YAML::Node& op : node)
        out.insert(r.string(op, path));
    return out;
}

FusionRules readRules(const YamlReader& r, const YAML::Node& root, const std::string& expectedId)
{
    r.checkMap(root, "", { "schema", "id", "name", "fusion", "overheads", "memory", "host", "fp32_convolutions",
        "convolution_tiles" },
        { "schema", "id", "name", "fusion" });
    if (r.integer(root["schema"], "schema", 1, 1000) != 1)
        r.fail(root["schema"], "schema", "this program reads schema 1");
    FusionRules rules;
    rules.runtimeId = r.string(root["id"], "id");
    if (!expectedId.empty() && rules.runtimeId != expectedId)
        r.fail(root["id"], "id", "'" + rules.runtimeId + "' differs from the file name ('" + expectedId + "')");
    rules.runtimeName = r.string(root["name"], "name");
    const YAML::Node f = root["fusion"];
    r.checkMap(f, "fusion",
        { "anchors", "epilogue", "max_epilogue", "epilogue_graphs", "elementwise", "max_chain", "patterns" },
        { "anchors", "epilogue", "max_epilogue", "elementwise", "max_chain", "patterns" });
    rules.anchors = readOps(r, f["anchors"], "fusion.anchors");
    rules.epilogue = readOps(r, f["epilogue"], "fusion.epilogue");
    rules.maxEpilogue = static_cast<int>(r.integer(f["max_epilogue"], "fusion.max_epilogue", 0, 64));
    if (f["epilogue_graphs"])
        rules.epilogueGraphs = r.boolean(f["epilogue_graphs"], "fusion.epilogue_graphs");
    rules.elementwise = readOps(r, f["elementwise"], "fusion.elementwise");
    rules.maxChain = static_cast<int>(r.integer(f["max_chain"], "fusion.max_chain", 1, 1024));
    r.checkSequence(f["patterns"], "fusion.patterns", false);
    for (size_t i = 0; i < f["patterns"].size(); ++i) {
        const YAML::Node p = f["patterns"][i];
        const std::string path = "fusion.patterns[" + std::to_string(i) + "]";
        r.checkMap(p, path, { "name", "ops", "operands", "cache_append", "shared_input", "input_not_from" },
            { "name", "ops" });
        FusionPattern pattern;
        pattern.name = r.string(p["name"], path + ".name");
        if (p["operands"])
            pattern.operands = readOps(r, p["operands"], path + ".operands");
        if (p["cache_append"])
            pattern.cacheAppend = r.boolean(p["cache_append"], path + ".cache_append");
        if (p["shared_input"])
            pattern.sharedInput = r.boolean(p["shared_input"], path + ".shared_input");
        if (p["input_not_from"])
            pattern.inputNotFrom = readOps(r, p["input_not_from"], path + ".input_not_from");
        if (pattern.cacheAppend && !pattern.operands.count("Concat"))
            r.fail(p["cache_append"], path + ".cache_append", "needs Concat among the pattern's operands");
        r.checkSequence(p["ops"], path + ".ops");
        for (const YAML::Node& stepNode : p["ops"]) {
            std::string text = r.string(stepNode, path + ".ops");
            PatternStep step;
            if (text.back() == '?') {
                step.optional = true;
                text.pop_back();
            }
            std::stringstream ss(text);
            std::string op;
            while (std::getline(ss, op, '|')) {
                if (op.empty())
                    r.fail(stepNode, path + ".ops", "empty alternative in '" + stepNode.Scalar() + "'");
                step.ops.push_back(op);
            }
            pattern.steps.push_back(step);
        }
        if (pattern.steps.front().optional)
            r.fail(p["ops"], path + ".ops", "the first step of a pattern cannot be optional");
        rules.patterns.push_back(pattern);
    }
    if (const YAML::Node o = root["overheads"]) {
        r.checkMap(o, "overheads", { "kernel_us" }, { "kernel_us" });
        const YAML::Node k = o["kernel_us"];
        r.checkMap(k, "overheads.kernel_us", { "cpu", "gpu", "accelerator" }, {});
        for (auto it = k.begin(); it != k.end(); ++it) {
            const std::string category = it->first.as<std::string>();
            const double us = r.number(it->second, "overheads.kernel_us." + category);
            if (us < 0 || us > 1e6)
                r.fail(it->second, "overheads.kernel_us." + category, "must be between 0 and 1e6 µs");
            rules.kernelOverheadUs[category] = us;
        }
    }
    if (const YAML::Node c = root["fp32_convolutions"]) {
        const std::string math = r.string(c, "fp32_convolutions");
        if (math != "fp32" && math != "tf32")
            r.fail(c, "fp32_convolutions", "must be fp32 or tf32, not '" + math + "'");
        rules.tf32Convolutions = math == "tf32";
    }
    if (const YAML::Node c = root["convolution_tiles"]) {
        const std::string tiles = r.string(c, "convolution_tiles");
        if (tiles != "tuned" && tiles != "fixed")
            r.fail(c, "convolution_tiles", "must be tuned or fixed, not '" + tiles + "'");
        rules.fixedConvolutionTiles = tiles == "fixed";
    }
    if (const YAML::Node h = root["host"]) {
        r.checkMap(h, "host", { "reference", "dispatch_us", "launch_us", "sync_us", "device_call_us" },
            { "reference", "dispatch_us", "launch_us", "sync_us" });
        HostCosts host;
        host.reference = r.string(h["reference"], "host.reference");
        const auto microseconds = [&](const YAML::Node& node, const std::string& path) {
            const double us = r.number(node, path);
            if (us < 0 || us > 1e6)
                r.fail(node, path, "must be between 0 and 1e6 µs");
            return us;
        };
        const YAML::Node d = h["dispatch_us"];
        r.checkMap(d, "host.dispatch_us",
            { "default", "matrix", "convolution", "elementwise", "normalization", "softmax", "pooling", "reduction",
                "data_movement", "view", "control_flow", "unknown" },
            { "default" });
        for (auto it = d.begin(); it != d.end(); ++it) {
            const std::string opClass = it->first.as<std::string>();
            const double us = microseconds(it->second, "host.dispatch_us." + opClass);
            if (opClass == "default")
                host.defaultDispatchUs = us;
            else
                host.dispatchUs[opClass] = us;
        }
        if (const YAML::Node c = h["device_call_us"]) {
            r.checkMap(c, "host.device_call_us",
                { "matrix", "convolution", "elementwise", "normalization", "softmax", "pooling", "reduction",
                    "data_movement", "control_flow", "unknown" },
                {});
            for (auto it = c.begin(); it != c.end(); ++it)
                host.deviceCallUs[it->first.as<std::string>()]
                    = microseconds(it->second, "host.device_call_us." + it->first.as<std::string>());
        }
        host.launchUs = microseconds(h["launch_us"], "host.launch_us");
        host.syncUs = microseconds(h["sync_us"], "host.sync_us");
        rules.host = host;
    }
    if (const YAML::Node m = root["memory"]) {
        r.checkMap(m, "memory", { "workspace_mib" }, { "workspace_mib" });
        const double mib = r.number(m["workspace_mib"], "memory.workspace_mib");
        if (mib < 0 || mib > 1e7)
            r.fail(m["workspace_mib"], "memory.workspace_mib", "must be between 0 and 1e7 MiB");
        rules.workspaceBytes = mib * 1024 * 1024;
    }
    return rules;
}

} // namespace

double HostCosts::dispatch(const std::string& opClass) const
{
    if (opClass == "metadata")
        return 0; // shape arithmetic is folded into constants before the graph runs
    auto it = dispatchUs.find(opClass);
    return it != dispatchUs.end() ? it->second : defaultDispatchUs;
}

Result<FusionRules> calibrationFusionRules(const std::vector<std::string>& registryDirs, const std::string& runtime)
{
    auto rules = findFusionRules(registryDirs, runtime);
    if (rules || rules.error().code != ErrorCode::NotFound)
        return rules;
    return findFusionRules(registryDirs, kUnfusedRuntime);
}

std::vector<FusionRules> loadAllFusionRules(const std::vector<std::string>& registryDirs, Diagnostics& problems)
{
    std::vector<FusionRules> all;
    for (const std::string& dir : registryDirs) {
        std::error_code ec;
        std::vector<std::filesystem::path> files;
        for (const auto& entry : std::filesystem::directory_iterator(std::filesystem::path(dir) / "runtimes", ec))
            if (entry.is_regular_file() && entry.path().extension() == ".yaml")
                files.push_back(entry.path());
        std::sort(files.begin(), files.end());
        for (const auto& file : files) {
            auto rules = loadFusionRules(file.string());
            if (!rules) {
                problems.push_back({ Diagnostic::Severity::Warning, rules.error().toString(), file.string() });
                continue;
            }
            const bool known = std::any_of(
                all.begin(), all.end(), [&](const FusionRules& r) { return r.runtimeId == rules->runtimeId; });
            if (!known)
                all.push_back(std::move(*rules));
        }
    }
    return all;
}

Result<FusionRules> parseFusionRules(const std::string& text, const std::string& displayName)
{
    const std::string stem = std::filesystem::path(displayName).stem().string();
    return yamlio::parseDocument<FusionRules>(text, displayName,
        [&](const YamlReader& reader, const YAML::Node& root) { return readRules(reader, root, stem); });
}

Result<FusionRules> loadFusionRules(const std::string& path)
{
    auto text = yamlio::readTextFile(path);
    if (!text)
        return text.error();
    return parseFusionRules(*text, path);
}

Result<FusionRules> findFusionRules(const std::vector<std::string>& registryDirs, const std::string& runtimeId)
{
    std::string known;
    for (auto it = registryDirs.rbegin(); it != registryDirs.rend(); ++it) {
        const std::filesystem::path file = std::filesystem::path(*it) / "runtimes" / (runtimeId + ".yaml");
        std::error_code ec;
        if (std::filesystem::exists(file, ec))
            return loadFusionRules(file.string());
        for (const auto& entry : std::filesystem::directory_iterator(std::filesystem::path(*it) / "runtimes", ec)) {
            if (entry.path().extension() == ".yaml")
                known += (known.empty() ? "" : ", ") + entry.path().stem().string();
        }
    }
    return Error { ErrorCode::NotFound,
        "no runtime profile '" + runtimeId + "'" + (known.empty() ? "" : " (known: " + known + ")"), runtimeId };
}

} // namespace graphs
