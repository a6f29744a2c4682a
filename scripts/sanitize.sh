#!/usr/bin/env bash
# The fast sanitizer pass that CI runs: the tests that feed untrusted input (ONNX files, hardware and suite YAML,
# measurement files, calibration profiles) through the engine, built with AddressSanitizer and UndefinedBehavior-
# Sanitizer (the `asan` preset, GUI off). A leak, an out-of-bounds access or undefined behaviour fails the run.
# The whole suite under the sanitizers: cmake --preset asan -DGRAPHS_BUILD_GUI=OFF && cmake --build --preset asan
# && ctest --preset asan.
# Usage: ./scripts/sanitize.sh
set -euo pipefail
cd "$(dirname "$0")/.."
tests=(tst_onnx_import tst_import_semantics tst_regressions tst_hardware_registry tst_measurement_importers
    tst_benchmark_suites tst_calibration_profile tst_accuracy tst_energy_fit tst_latency_model tst_node_matching)
cmake --preset asan -DGRAPHS_BUILD_GUI=OFF > /dev/null
cmake --build --preset asan -j"$(nproc)" --target "${tests[@]}"
pattern=$(IFS='|'; echo "^(${tests[*]})\$")
ctest --preset asan -j"$(nproc)" -R "$pattern"
