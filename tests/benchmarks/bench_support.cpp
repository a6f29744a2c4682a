#include "bench_support.h"

#include "core/data_paths.h"
#include "hardware/local_hardware.h"

#include <cstdio>
#include <cstdlib>

#include <fstream>
#include <sys/resource.h>
#include <unistd.h>

namespace graphs::bench {

double peakRssMib()
{
    rusage usage {};
    getrusage(RUSAGE_SELF, &usage);
    return static_cast<double>(usage.ru_maxrss) / 1024.0; // KiB on Linux
}

double currentRssMib()
{
    std::ifstream statm("/proc/self/statm");
    long pages = 0;
    long resident = 0;
    statm >> pages >> resident;
    return static_cast<double>(resident) * static_cast<double>(::sysconf(_SC_PAGESIZE)) / (1024.0 * 1024.0);
}

std::string sharedModel(const std::string& file)
{
    return std::string(GRAPHS_SHARED_DIR) + "/models/" + file;
}

namespace {

/// A benchmark run on a registry it could not read would time something else (no fusion, no entries): stop.
[[noreturn]] void unreadable(const Error& error)
{
    std::fprintf(stderr, "benchmark: cannot read the bundled registry %s: %s\n", bundledRegistryDir().c_str(),
        error.toString().c_str());
    std::exit(1);
}

} // namespace

HardwareRegistry bundledRegistry()
{
    auto loaded = HardwareRegistry::load({ bundledRegistryDir() });
    if (!loaded)
        unreadable(loaded.error());
    HardwareRegistry registry = std::move(*loaded);
    if (auto cpu = readCpuInfo())
        (void)registry.add(localHardwareSpec(*cpu));
    return registry;
}

FusionRules onnxruntimeRules()
{
    auto rules = findFusionRules({ bundledRegistryDir() }, "onnxruntime");
    if (!rules)
        unreadable(rules.error());
    return *rules;
}

} // namespace graphs::bench
