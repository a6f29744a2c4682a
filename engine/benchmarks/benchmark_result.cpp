#include "benchmarks/benchmark_result.h"

#include "hardware/local_hardware.h"
#include "reporting/number_format.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <ctime>
#include <fstream>
#include <sstream>

namespace graphs {

EnvironmentFingerprint currentEnvironment(const std::string& toolVersion)
{
    EnvironmentFingerprint env;
    env.toolVersion = toolVersion;
    if (auto cpu = readCpuInfo()) {
        env.cpuModel = cpu->model;
        env.cores = cpu->physicalCores;
        env.logicalCpus = cpu->logicalCpus;
        env.maxMhz = cpu->maxMhz;
    }
    std::ifstream governor("/sys/devices/system/cpu/cpu0/cpufreq/scaling_governor");
    std::getline(governor, env.governor);
    const std::time_t now = std::time(nullptr);
    char buffer[32];
    std::strftime(buffer, sizeof buffer, "%Y-%m-%dT%H:%M:%SZ", std::gmtime(&now));
    env.date = buffer;
    return env;
}

std::string benchmarkResultsText(const std::vector<BenchmarkResult>& results)
{
    const auto pad = column;
    size_t modelWidth = 6;
    for (const BenchmarkResult& r : results)
        modelWidth = std::max(modelWidth, r.model.size() + 2);
    std::ostringstream out;
    out << pad("model", modelWidth) << pad("runtime", 19) << pad("threads", 8) << pad("batch", 6) << pad("samples", 8)
        << pad("median ms", 11) << pad("p90 ms", 10) << pad("mean ± std ms", 18) << "95% CI of median\n";
    bool materialized = false;
    for (const BenchmarkResult& r : results) {
        materialized = materialized || r.materializedWeights;
        out << pad(r.model + (r.materializedWeights ? "*" : ""), modelWidth) << pad(r.runtime + " " + r.runtimeVersion, 19)
            << pad(std::to_string(r.threads), 8) << pad(std::to_string(r.batch), 6)
            << pad(std::to_string(r.stats.samples), 8) << pad(fixed(r.stats.median, 3), 11)
            << pad(fixed(r.stats.p90, 3), 10) << pad(fixed(r.stats.mean, 3) + " ± " + fixed(r.stats.stddev, 3), 18)
            << "[" << fixed(r.stats.medianCiLow, 3) << ", " << fixed(r.stats.medianCiHigh, 3) << "]\n";
    }
    if (materialized)
        out << "* weights absent from the model file: measured with deterministic random weights\n";
    return out.str();
}

std::string benchmarkResultsJson(const std::vector<BenchmarkResult>& results, const EnvironmentFingerprint& env)
{
    using nlohmann::json;
    json list = json::array();
    for (const BenchmarkResult& r : results) {
        json nodes = json::array();
        for (const NodeTiming& n : r.nodes) {
            json node = { { "name", n.name }, { "op_type", n.opType }, { "mean_ms", n.meanMs } };
            if (!n.layer.empty())
                node["layer"] = n.layer;
            nodes.push_back(std::move(node));
        }
        list.push_back({ { "model", r.model }, { "model_path", r.modelPath }, { "runtime", r.runtime },
            { "runtime_version", r.runtimeVersion }, { "threads", r.threads }, { "warmup", r.warmup },
            { "pinned", r.pinned }, { "batch", r.batch }, { "materialized_weights", r.materializedWeights },
            { "stats",
                { { "samples", r.stats.samples }, { "min_ms", r.stats.min }, { "median_ms", r.stats.median },
                    { "mean_ms", r.stats.mean }, { "std_ms", r.stats.stddev }, { "p90_ms", r.stats.p90 },
                    { "median_ci95_ms", { r.stats.medianCiLow, r.stats.medianCiHigh } } } },
            { "samples_ms", r.samplesMs }, { "nodes", nodes },
            { "energy_j", r.energyJ ? json(*r.energyJ) : json(nullptr) },
            { "power_sensor", r.powerSensor.empty() ? json(nullptr) : json(r.powerSensor) },
            { "energy_note", r.energyNote }, { "precision", r.precision } });
        if (!r.runtimeEnvironment.empty())
            list.back()["runtime_environment"] = r.runtimeEnvironment;
    }
    json environment = { { "hardware_id", env.hardwareId }, { "cpu_model", env.cpuModel }, { "cores", env.cores },
        { "logical_cpus", env.logicalCpus }, { "governor", env.governor }, { "max_mhz", env.maxMhz },
        { "date", env.date }, { "tool_version", env.toolVersion }, { "energy_sensors", env.energySensors } };
    if (!env.runtime.empty())
        environment["runtime"] = env.runtime;
    return json { { "environment", environment }, { "results", list } }.dump(2) + "\n";
}

} // namespace graphs
