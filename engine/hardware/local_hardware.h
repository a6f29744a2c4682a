#pragma once

#include "core/error.h"
#include "hardware/hardware_spec.h"

#include <cstdint>
#include <set>
#include <string>
#include <vector>

namespace graphs {

/// What Linux says about the processor the program runs on.
struct CpuInfo
{
    std::string model;         ///< "Intel(R) Xeon(R) Platinum 8480+", or the ARM part number
    std::string architecture;  ///< "x86_64", "aarch64"
    int logicalCpus = 0;
    int physicalCores = 0;
    double maxMhz = 0;
    std::set<std::string> flags; ///< cpuid flags (x86) or Features (ARM)

    struct Cache
    {
        int level = 0;
        std::string type; ///< Data, Instruction, Unified
        int64_t bytes = 0;
        int sharedByCpus = 1;
    };
    std::vector<Cache> caches;
    int64_t memoryBytes = 0;
};

/// Reads /proc/cpuinfo, /proc/meminfo and /sys/devices/system/cpu under the given roots (tests pass fake ones).
Result<CpuInfo> readCpuInfo(const std::string& procRoot = "/proc", const std::string& sysRoot = "/sys");

/// The `local` registry entry for `info`: vendor-independent estimates from core counts, SIMD width, clock and
/// caches, every figure covered by an `estimate: true` source, so estimates on it are THEORETICAL until calibrated.
HardwareSpec localHardwareSpec(const CpuInfo& info);

} // namespace graphs
