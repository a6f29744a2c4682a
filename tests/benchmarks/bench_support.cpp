#include "bench_support.h"

#include "hardware/local_hardware.h"

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

HardwareRegistry bundledRegistry()
{
    auto loaded = HardwareRegistry::load({ GRAPHS_SOURCE_DIR "/registries" });
    HardwareRegistry registry = loaded ? *loaded : HardwareRegistry {};
    if (auto cpu = readCpuInfo())
        (void)registry.add(localHardwareSpec(*cpu));
    return registry;
}

FusionRules onnxruntimeRules()
{
    auto rules = findFusionRules({ GRAPHS_SOURCE_DIR "/registries" }, "onnxruntime");
    return rules ? *rules : FusionRules {};
}

} // namespace graphs::bench
