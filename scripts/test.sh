#!/usr/bin/env bash
# Builds what changed and runs the whole test suite with ctest.
# Usage: ./scripts/test.sh [build-dir] [extra ctest arguments...]    (default build dir: build)
set -euo pipefail
cd "$(dirname "$0")/.."
build_dir=${1:-build}
shift || true

if [ ! -f "$build_dir/CMakeCache.txt" ]; then
    echo "test: $build_dir is not configured; run ./scripts/setup.sh first" >&2
    exit 2
fi
cmake --build "$build_dir" -j"$(nproc)"
export QT_QPA_PLATFORM=offscreen
ctest --test-dir "$build_dir" --output-on-failure -j"$(nproc)" "$@"
