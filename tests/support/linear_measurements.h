#pragma once

// Measurements whose times follow one known linear law, for tests of what a calibration does with them.

#include "benchmarks/results_registry.h"

#include <string>

namespace graphs::testing {

/// Appends imported per-subgraph rows of five models × four subgraph classes (conv2d_batchnorm, linear, activation,
/// unfused) to `registry` for `hardware` × pytorch, each taking FLOPs / 400 GFLOP/s + bytes / 30 GB/s + 20 µs.
/// False when the results file cannot be written.
inline bool writeLinearSubgraphMeasurements(const std::string& registry, const std::string& hardware)
{
    auto file = ResultsFile::open(registry, hardware, "pytorch", "imported", {});
    if (!file)
        return false;
    const char* details[] = { "Conv2d_BatchNorm2d_ReLU (conv2d_batchnorm): conv1, bn1, relu", "Linear (linear): fc",
        "add_ReLU (activation): add, relu", "Unfused (unfused): maxpool" };
    for (int m = 0; m < 5; ++m) {
        for (int c = 0; c < 4; ++c) {
            MeasurementRecord r;
            r.date = "2026-01-01T00:00:00Z";
            r.kind = MeasurementKind::Subgraph;
            r.runtime = "pytorch";
            r.source = "model.json";
            r.samples = 50;
            r.benchmark = "net" + std::to_string(m) + "/sg" + std::to_string(c);
            r.detail = details[c];
            r.flops = c == 3 ? 0 : 1e8 * (1 + (2 * m + c) % 5);
            r.bytes = 1e6 * (1 + (3 * m + 2 * c) % 4);
            r.minMs = r.medianMs = r.meanMs = 1e3 * (r.flops / 4e11 + r.bytes / 3e10 + 2e-5);
            if (!file->append(r))
                return false;
        }
    }
    return true;
}

} // namespace graphs::testing
