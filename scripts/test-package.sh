#!/usr/bin/env bash
# Builds the Debian package with cpack, extracts it into a scratch root and runs the programs from there: they must
# find their registries, runner and model relative to the executable (<root>/usr/share/graphs), never in the source
# tree. Where user namespaces are available (unshare -rm) the source tree is hidden under an empty tmpfs while they
# run; in every case a marker hardware entry added only to the extracted registry must show up.
# Usage: ./scripts/test-package.sh BUILD_DIR    (exit status 77, ctest's skip, where cpack or dpkg-dev is missing)
set -euo pipefail
if [ $# -ne 1 ] || [ ! -f "$1/CMakeCache.txt" ]; then
    echo "usage: $0 BUILD_DIR (a configured and built build folder)" >&2
    exit 2
fi
for tool in cpack dpkg-deb dpkg-shlibdeps; do
    if ! command -v "$tool" >/dev/null; then
        echo "test-package: SKIP: $tool is missing (apt-get install dpkg-dev)" >&2
        exit 77
    fi
done
build_dir=$(cd "$1" && pwd)
src_dir=$(sed -n 's/^graphs_SOURCE_DIR:STATIC=//p' "$build_dir/CMakeCache.txt")
scratch=$(mktemp -d "${TMPDIR:-/tmp}/graphs-package.XXXXXX")
trap 'rm -rf "$scratch"' EXIT
fail() { echo "test-package: FAIL: $*" >&2; exit 1; }
step() { echo "test-package: $*"; }

step "cpack -G DEB in $build_dir"
(cd "$build_dir" && cpack -G DEB -B "$scratch/out" >"$scratch/cpack.log" 2>&1) \
    || { cat "$scratch/cpack.log" >&2; fail "cpack"; }
deb=$(find "$scratch/out" -maxdepth 1 -name 'graphs_*.deb' | head -n 1)
[ -n "$deb" ] || fail "cpack wrote no graphs_*.deb"
step "$(basename "$deb"): $(du -h "$deb" | cut -f1)"

[ "$(dpkg-deb -f "$deb" Package)" = graphs ] || fail "package name is not 'graphs'"
depends=$(dpkg-deb -f "$deb" Depends)
grep -q 'libc6' <<<"$depends" || fail "Depends lacks the shared libraries (dpkg-shlibdeps): '$depends'"
if [ -n "$(dpkg-deb -c "$deb" | grep '/usr/bin/graphs-studio$')" ]; then
    grep -q 'libqt6widgets6' <<<"$depends" || fail "Depends lacks Qt: '$depends'"
fi
step "Depends: $depends"
dpkg-deb -f "$deb" Suggests | grep -q nodejs || fail "Suggests lacks nodejs"

root="$scratch/root"
dpkg-deb -x "$deb" "$root"
for f in bin/graphs share/graphs/registries/hardware share/graphs/runners/onnxruntime/graphs-ort-runner.mjs \
    share/graphs/models/squeezenet1_1.onnx share/graphs/models/resnet50_v1.5.structure.onnx \
    share/graphs/models/bert_large.structure.onnx share/graphs/registries/published/mlperf.csv \
    share/graphs/registries/runtimes/tensorrt.yaml share/mime/packages/graphs.xml; do
    [ -e "$root/usr/$f" ] || fail "missing /usr/$f in the package"
done
ls "$root"/usr/libexec/graphs/graphs-native-runner* >/dev/null 2>&1 \
    || fail "missing the native runner in /usr/libexec/graphs"
studio="$root/usr/bin/graphs-studio"
if [ -e "$studio" ]; then
    app_id=io.github.graphs.Studio
    for f in "share/applications/$app_id.desktop" "share/metainfo/$app_id.metainfo.xml" \
        "share/icons/hicolor/scalable/apps/$app_id.svg" "share/icons/hicolor/256x256/apps/$app_id.png"; do
        [ -e "$root/usr/$f" ] || fail "missing /usr/$f in the package"
    done
    if command -v desktop-file-validate >/dev/null; then
        desktop-file-validate "$root/usr/share/applications/$app_id.desktop" || fail "desktop-file-validate"
    fi
    if command -v appstreamcli >/dev/null; then
        appstreamcli validate --no-net "$root/usr/share/metainfo/$app_id.metainfo.xml" || fail "appstreamcli validate"
    fi
fi

# The marker entry exists only in the extracted registry: seeing it proves which registry the programs read.
marker=graphs-package-test-marker
sed -e "s/^id: .*/id: $marker/" -e "s/^name: .*/name: Package Test Marker/" \
    "$src_dir/registries/hardware/cpu/amd-epyc-9654.yaml" \
    >"$root/usr/share/graphs/registries/hardware/cpu/$marker.yaml"

# The checks, run in a shell of their own so that they can run with the source tree hidden.
cat >"$scratch/checks.sh" <<'EOF'
set -euo pipefail
root=$1 marker=$2 src_dir=$3 out=$4
unset GRAPHS_DATA_DIR
export XDG_DATA_HOME="$out/xdg" QT_QPA_PLATFORM=offscreen
model="$root/usr/share/graphs/models/squeezenet1_1.onnx"
"$root/usr/bin/graphs" hardware list >"$out/list.txt"
grep -q "$marker" "$out/list.txt" || { echo "hardware list does not show the packaged registry's marker" >&2; exit 1; }
"$root/usr/bin/graphs" analyze "$model" >"$out/analyze.txt"
"$root/usr/bin/graphs" analyze "$model" --hardware "$marker" --format json >"$out/estimate.json"
grep -q '"latency' "$out/estimate.json" || { echo "no latency estimate on the marker entry" >&2; exit 1; }
# The published-results validation finds its models (the generated reference models) next to the executable.
"$root/usr/bin/graphs" validate --published "$root/usr/share/graphs/registries/published/mlperf.csv" --format json \
    >"$out/published.json"
grep -q '"skipped": 0' "$out/published.json" || { echo "published rows were skipped: a model or entry is missing" >&2; exit 1; }
if [ -x "$root/usr/bin/graphs-studio" ]; then
    # It waits for an estimate before saving, so it only finishes when it found the registry.
    timeout 120 "$root/usr/bin/graphs-studio" "$model" --hardware "$marker" --screenshot "$out/shots" \
        >"$out/studio.txt" 2>&1 || { cat "$out/studio.txt" >&2; echo "graphs-studio failed" >&2; exit 1; }
    ls "$out"/shots/*.png >/dev/null || { echo "graphs-studio saved no screenshot" >&2; exit 1; }
fi
EOF
mkdir -p "$scratch/run"
if [ -n "$src_dir" ] && unshare -rm mount -t tmpfs none "$src_dir" 2>/dev/null; then
    step "running the extracted programs with $src_dir hidden"
    unshare -rm bash -c 'mount -t tmpfs none "$4" && [ ! -e "$4/registries" ] && bash "$@"' bash \
        "$scratch/checks.sh" "$root" "$marker" "$src_dir" "$scratch/run" || fail "the extracted programs (see above)"
else
    step "running the extracted programs (no user namespaces: the source tree stays visible; the marker decides)"
    bash "$scratch/checks.sh" "$root" "$marker" "$src_dir" "$scratch/run" || fail "the extracted programs (see above)"
fi
head -n 3 "$scratch/run/analyze.txt"
step "OK"
