#!/usr/bin/env bash
# Installs every system package the project needs (Debian 12) and builds it.
# Usage: ./scripts/setup.sh [build-dir]    (default: build)
set -euo pipefail
cd "$(dirname "$0")/.."
build_dir=${1:-build}

packages=(
    cmake ninja-build g++ pkg-config python3
    qt6-base-dev qt6-charts-dev libqt6opengl6-dev qt6-svg-dev qt6-tools-dev qt6-l10n-tools qt6-translations-l10n
    libyaml-cpp-dev libeigen3-dev libqcustomplot-dev libqcustomplot2.1-qt6 libjemalloc-dev
    libonnx-dev libprotobuf-dev protobuf-compiler libgraphviz-dev
    libcli11-dev nlohmann-json3-dev libbenchmark-dev
    xvfb xauth
    dpkg-dev desktop-file-utils appstream
    openssh-client openssh-server  # the remote-run test (graphs benchmark --host) starts its own sshd on 127.0.0.1
)

missing=()
for p in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
    sudo=""
    [ "$(id -u)" -eq 0 ] || sudo="sudo"
    echo "setup: installing ${missing[*]}"
    $sudo apt-get update -q
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -q --no-install-recommends "${missing[@]}"
fi

# ONNX Runtime for the `onnxruntime` benchmark runner comes from npm (onnxruntime-node), run by Node.js.
if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
    sudo=""
    [ "$(id -u)" -eq 0 ] || sudo="sudo"
    $sudo apt-get update -q
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -q --no-install-recommends nodejs npm
fi
./scripts/install-onnxruntime.sh

cmake -S . -B "$build_dir" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo
cmake --build "$build_dir" -j"$(nproc)"
