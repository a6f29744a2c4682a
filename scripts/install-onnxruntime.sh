#!/usr/bin/env bash
# Installs ONNX Runtime for the `onnxruntime` benchmark runner: the npm package onnxruntime-node (its bundled
# libonnxruntime.so), into third_party/onnxruntime-node/, at the version runners/onnxruntime/package.json pins. Its
# install script is skipped: it only downloads extras that this offline machine cannot reach. The Debian package
# carries what the runner needs from this folder (packaging/CMakeLists.txt), so reconfigure after running it.
set -euo pipefail
cd "$(dirname "$0")/.."
version=$(sed -n 's/^ *"onnxruntime-node": *"\([^"]*\)".*/\1/p' runners/onnxruntime/package.json)
[ -n "$version" ] || { echo "install-onnxruntime: no onnxruntime-node version in runners/onnxruntime/package.json" >&2; exit 1; }
target=third_party/onnxruntime-node
if [ -f "$target/node_modules/onnxruntime-node/package.json" ] \
    && grep -q "\"version\": \"$version\"" "$target/node_modules/onnxruntime-node/package.json"; then
    exit 0
fi
if ! command -v npm >/dev/null 2>&1; then
    echo "install-onnxruntime: npm is missing (apt-get install nodejs npm)" >&2
    exit 1
fi
mkdir -p "$target"
npm install --prefix "$target" --ignore-scripts --no-audit --no-fund --loglevel=error "onnxruntime-node@$version"
