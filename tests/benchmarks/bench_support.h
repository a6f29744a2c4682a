#pragma once

// What the benchmark executables share: the process's peak memory, the bundled registry and runtime profile.

#include "hardware/hardware_registry.h"
#include "transform/fusion_rules.h"

#include <string>

namespace graphs::bench {

/// Peak resident memory of this process so far (getrusage ru_maxrss), MiB. It never goes down: a benchmark's
/// figure holds for the benchmark alone only when it is the only one the process ran (--benchmark_filter).
double peakRssMib();

/// Resident memory now (/proc/self/statm), MiB.
double currentRssMib();

/// `../shared/models/<file>`.
std::string sharedModel(const std::string& file);

/// The bundled registry (registries/, or $GRAPHS_DATA_DIR as for graphs) plus the generated `local` entry, as
/// `graphs compare` sees it. Exits with a message when it cannot be read, as does onnxruntimeRules().
HardwareRegistry bundledRegistry();

/// The onnxruntime runtime profile, which partitions graphs for estimates.
FusionRules onnxruntimeRules();

} // namespace graphs::bench
