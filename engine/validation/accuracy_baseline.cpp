#include "validation/accuracy_baseline.h"

#include "core/atomic_file.h"
#include "core/yaml_reader.h"
#include "reporting/number_format.h"

#include <yaml-cpp/yaml.h>

#include <charconv>

namespace graphs {

namespace {

using yamlio::YamlReader;

/// The shortest text that reads back to the same double.
std::string roundTrip(double v)
{
    char buffer[32];
    const auto [end, ec] = std::to_chars(buffer, buffer + sizeof buffer, v);
    return ec == std::errc() ? std::string(buffer, end) : fixed(v, 6);
}

double percent(YamlReader& reader, const YAML::Node& node, const std::string& path, double max)
{
    const double v = reader.number(node, path);
    if (v < 0 || v > max)
        reader.fail(node, path, "must be between 0 and " + roundTrip(max) + ", got " + node.Scalar());
    return v;
}

AccuracyBaseline readBaseline(YamlReader& reader, const YAML::Node& root)
{
    reader.checkMap(root, "", { "version", "suites" }, { "suites" });
    if (root["version"] && reader.integer(root["version"], "version", 1, 1000) != 1)
        reader.fail(root["version"], "version", "this program reads version 1 baselines");
    const YAML::Node suites = root["suites"];
    if (!suites.IsMap())
        reader.fail(suites, "suites", "expected a mapping of suite names to accepted figures");
    AccuracyBaseline baseline;
    for (auto it = suites.begin(); it != suites.end(); ++it) {
        const std::string name = reader.string(it->first, "suites");
        const std::string path = "suites." + name;
        if (baseline.suites.count(name))
            reader.fail(it->first, path, "appears twice");
        const YAML::Node s = it->second;
        reader.checkMap(s, path, { "mape_pct", "worst_pct", "coverage_pct" }, { "mape_pct", "worst_pct" });
        BaselineEntry e;
        // Percentage errors are unbounded above (an estimate 30× too high is 2900 %); 1e9 only refuses garbage.
        e.mapePct = percent(reader, s["mape_pct"], path + ".mape_pct", 1e9);
        e.worstAbsPct = percent(reader, s["worst_pct"], path + ".worst_pct", 1e9);
        if (s["coverage_pct"])
            e.coveragePct = percent(reader, s["coverage_pct"], path + ".coverage_pct", 100);
        baseline.suites[name] = e;
    }
    return baseline;
}

std::string pct(double v, int decimals = 1)
{
    return fixed(v, decimals) + " %";
}

/// Enough decimals that two different figures do not print the same ("10.62 % exceeds 10.58 %", not 10.6 and 10.6).
int decimalsToTell(double a, double b)
{
    int decimals = 1;
    while (decimals < 4 && fixed(a, decimals) == fixed(b, decimals))
        ++decimals;
    return decimals;
}

} // namespace

BaselineEntry baselineEntryOf(const AccuracySummary& summary)
{
    BaselineEntry e;
    e.mapePct = summary.mapePct;
    e.worstAbsPct = summary.worstAbsPct;
    if (summary.boundCoverage)
        e.coveragePct = *summary.boundCoverage * 100;
    return e;
}

std::vector<AccuracyRegression> checkAgainstBaseline(const AccuracySummary& summary, const BaselineEntry& baseline,
    double tolerancePct)
{
    const double tolerance = tolerancePct > 0 ? tolerancePct : 0.0; // also turns NaN into 0
    const std::string by = tolerance > 0 ? " by more than " + fixed(tolerance, 1) + " points" : std::string();
    std::vector<AccuracyRegression> out;
    auto higherIsWorse = [&](const char* metric, double accepted, double now) {
        if (now > accepted + tolerance)
            out.push_back({ "", metric, accepted, now,
                std::string(metric) + " " + pct(now, decimalsToTell(now, accepted)) + " exceeds the baseline "
                    + pct(accepted, decimalsToTell(now, accepted)) + by });
    };
    higherIsWorse("MAPE", baseline.mapePct, summary.mapePct);
    higherIsWorse("worst error", baseline.worstAbsPct, summary.worstAbsPct);
    if (baseline.coveragePct) {
        const double accepted = *baseline.coveragePct;
        if (!summary.boundCoverage) {
            out.push_back({ "", "bound coverage", accepted, std::nullopt,
                "bound coverage was " + pct(accepted) + " in the baseline; now no point states a bound" });
        } else if (const double now = *summary.boundCoverage * 100; now < accepted - tolerance) {
            out.push_back({ "", "bound coverage", accepted, now,
                "bound coverage " + pct(now, decimalsToTell(now, accepted)) + " is below the baseline "
                    + pct(accepted, decimalsToTell(now, accepted)) + by });
        }
    }
    return out;
}

std::vector<AccuracyRegression> checkAgainstBaseline(const std::map<std::string, AccuracySummary>& now,
    const AccuracyBaseline& baseline, double tolerancePct)
{
    std::vector<AccuracyRegression> out;
    for (const auto& [suite, accepted] : baseline.suites) {
        const auto it = now.find(suite);
        if (it == now.end()) {
            out.push_back({ suite, "suite", accepted.mapePct, std::nullopt,
                suite + ": in the baseline but not measured now" });
            continue;
        }
        for (AccuracyRegression& r : checkAgainstBaseline(it->second, accepted, tolerancePct)) {
            r.suite = suite;
            r.text = suite + ": " + r.text;
            out.push_back(std::move(r));
        }
    }
    return out;
}

Result<AccuracyBaseline> parseAccuracyBaseline(const std::string& text, const std::string& displayName)
{
    return yamlio::parseDocument<AccuracyBaseline>(text, displayName, readBaseline);
}

Result<AccuracyBaseline> loadAccuracyBaseline(const std::string& path)
{
    auto text = yamlio::readTextFile(path);
    if (!text)
        return text.error();
    return parseAccuracyBaseline(*text, path);
}

std::string accuracyBaselineYaml(const AccuracyBaseline& baseline)
{
    YAML::Emitter out;
    out << YAML::BeginMap << YAML::Key << "version" << YAML::Value << 1 << YAML::Key << "suites" << YAML::Value;
    if (baseline.suites.empty()) {
        out << YAML::Flow << YAML::BeginMap << YAML::EndMap;
    } else {
        out << YAML::BeginMap;
        for (const auto& [name, e] : baseline.suites) {
            out << YAML::Key << YAML::DoubleQuoted << name << YAML::Value << YAML::BeginMap;
            out << YAML::Key << "mape_pct" << YAML::Value << roundTrip(e.mapePct);
            out << YAML::Key << "worst_pct" << YAML::Value << roundTrip(e.worstAbsPct);
            if (e.coveragePct)
                out << YAML::Key << "coverage_pct" << YAML::Value << roundTrip(*e.coveragePct);
            out << YAML::EndMap;
        }
        out << YAML::EndMap;
    }
    out << YAML::EndMap;
    return "# Accepted accuracy of the estimates, in percent; a worse figure is a regression.\n"
        + std::string(out.c_str()) + "\n";
}

Status saveAccuracyBaseline(const std::string& path, const AccuracyBaseline& baseline)
{
    return writeFileAtomically(path, accuracyBaselineYaml(baseline));
}

} // namespace graphs
