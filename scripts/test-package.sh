#!/usr/bin/env bash
# Builds the Debian package with cpack, installs it with `dpkg -i` into a scratch root (dpkg --root; where this machine
# has no dpkg database, it is extracted instead) and runs the programs from there: they must find their registries,
# runners, ONNX Runtime and model relative to the executable (<root>/usr/share/graphs), never in the source tree. Where
# user namespaces are available (unshare -rm) the source tree is hidden under an empty tmpfs while they run; in every
# case a marker hardware entry added only to the installed registry must show up. With Node.js on PATH, a short ONNX
# Runtime benchmark runs from the installed files.
# Usage: ./scripts/test-package.sh BUILD_DIR    (exit status 77, ctest's skip, where cpack or dpkg-dev is missing, and
# after every other check where the ONNX Runtime benchmark could not run: no node, or a build without onnxruntime-node)
set -euo pipefail
if [ $# -ne 1 ] || [ ! -f "$1/CMakeCache.txt" ]; then
    echo "usage: $0 BUILD_DIR (a configured and built build folder)" >&2
    exit 2
fi
for tool in cpack dpkg dpkg-deb dpkg-shlibdeps; do
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
# The listing goes to a file first: `dpkg-deb -c | grep -q` kills dpkg-deb's tar with SIGPIPE at the first match,
# which pipefail turns into a failure.
dpkg-deb -c "$deb" >"$scratch/contents.txt"
if grep -q '/usr/bin/graphs-studio$' "$scratch/contents.txt"; then
    grep -q 'libqt6widgets6' <<<"$depends" || fail "Depends lacks Qt: '$depends'"
fi
step "Depends: $depends"

# ONNX Runtime for Node.js: the package must carry it when the build found it (./scripts/install-onnxruntime.sh), and
# then recommends Node.js; a build without it only suggests Node.js.
ort_modules=$(sed -n 's/^GRAPHS_ORT_NODE_MODULES_DIR:PATH=//p' "$build_dir/CMakeCache.txt")
ort_wanted=no
if grep -q '^GRAPHS_BUNDLE_ONNXRUNTIME:BOOL=ON' "$build_dir/CMakeCache.txt" \
    && [ -f "$ort_modules/onnxruntime-node/package.json" ]; then
    ort_wanted=yes
fi
ort_in_deb=no
grep -q '/usr/libexec/graphs/onnxruntime-node/node_modules/onnxruntime-node/bin/.*/libonnxruntime\.so' \
    "$scratch/contents.txt" && ort_in_deb=yes
if [ "$ort_wanted" = yes ]; then
    [ "$ort_in_deb" = yes ] || fail "the build has $ort_modules, yet the package lacks onnxruntime-node (reconfigure?)"
    grep -q nodejs <<<"$(dpkg-deb -f "$deb" Recommends)" || fail "Recommends lacks nodejs"
else
    grep -q nodejs <<<"$(dpkg-deb -f "$deb" Suggests)" || fail "Suggests lacks nodejs"
fi
step "onnxruntime-node in the package: $ort_in_deb; Recommends: $(dpkg-deb -f "$deb" Recommends);" \
    "Suggests: $(dpkg-deb -f "$deb" Suggests)"

# dpkg -i into a scratch root, as root or not (--force-not-root). Its database starts with this machine's package
# states (not their file lists), so Depends is checked against what is installed here, and no other package's
# maintainer scripts or triggers run.
root="$scratch/root"
admin="$root/var/lib/dpkg"
if [ -f /var/lib/dpkg/status ]; then
    mkdir -p "$admin/info" "$admin/updates"
    cp /var/lib/dpkg/status "$admin/status"
    dpkg-query --admindir="$admin" -W -f='${db:Status-Status} ${binary:Package}\n' \
        | awk -v info="$admin/info" '$1 == "installed" { print info "/" $2 ".list" }' | xargs -r touch
    as_user=()
    [ "$(id -u)" -eq 0 ] || as_user=(--force-not-root)
    step "dpkg --root $root -i $(basename "$deb")"
    PATH="$PATH:/usr/sbin:/sbin" dpkg "${as_user[@]}" --root="$root" --log="$scratch/dpkg-events.log" \
        --force-unsafe-io -i "$deb" \
        >"$scratch/dpkg.log" 2>&1 || { cat "$scratch/dpkg.log" >&2; fail "dpkg -i"; }
    grep -q '^ii' <<<"$(dpkg-query --admindir="$admin" -W -f='${db:Status-Abbrev}' graphs)" \
        || fail "dpkg does not list graphs as installed"
else
    step "no dpkg database on this machine: extracting the package with dpkg-deb -x"
    dpkg-deb -x "$deb" "$root"
fi
for f in bin/graphs share/graphs/registries/hardware share/graphs/runners/onnxruntime/graphs-ort-runner.mjs \
    share/graphs/models/squeezenet1_1.onnx share/graphs/models/resnet50_v1.5.structure.onnx \
    share/graphs/models/bert_large.structure.onnx share/graphs/registries/published/mlperf.csv \
    share/graphs/registries/runtimes/tensorrt.yaml share/mime/packages/graphs.xml share/doc/graphs/copyright; do
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

if [ "$ort_in_deb" = yes ]; then
    grep -q '^License: Expat' "$root/usr/share/doc/graphs/copyright" \
        && grep -q 'Microsoft Corporation' "$root/usr/share/doc/graphs/copyright" \
        || fail "the copyright file lacks ONNX Runtime's licence"
fi

# The marker entry exists only in the installed registry: seeing it proves which registry the programs read.
marker=graphs-package-test-marker
sed -e "s/^id: .*/id: $marker/" -e "s/^name: .*/name: Package Test Marker/" \
    "$src_dir/registries/hardware/cpu/amd-epyc-9654.yaml" \
    >"$root/usr/share/graphs/registries/hardware/cpu/$marker.yaml"

# The checks, run in a shell of their own so that they can run with the source tree hidden.
cat >"$scratch/checks.sh" <<'EOF'
set -euo pipefail
root=$1 marker=$2 src_dir=$3 out=$4 ort=$5 full_model=$6
# The working folder may lie in the hidden source tree (ctest runs in the build folder), where tools that look it up
# by name, such as pyenv's python3, fail.
cd "$out"
unset GRAPHS_DATA_DIR GRAPHS_ORT_NODE_MODULES
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
# Without node the onnxruntime runtime is refused at once, naming what to install.
if PATH=/nonexistent "$root/usr/bin/graphs" benchmark --runtime onnxruntime --models "$model" --no-save \
    >"$out/no-node.txt" 2>&1 || ! grep -q 'apt-get install nodejs' "$out/no-node.txt"; then
    cat "$out/no-node.txt" >&2; echo "graphs benchmark without node does not name the package to install" >&2; exit 1
fi
if [ "$ort" = run ]; then
    # A short ONNX Runtime benchmark from the installed files (the installed runner and the packaged module): the
    # packaged model, whose weights are absent (graphs fills them), and, where ../shared is at hand, the full-weight
    # squeezenet, which ONNX Runtime loads as it is.
    models=("$model")
    [ -z "$full_model" ] || models+=("$full_model")
    "$root/usr/bin/graphs" benchmark --runtime onnxruntime --models "${models[@]}" --threads 1 --warmup 1 --repeats 5 \
        --max-seconds 0 --no-save --format json >"$out/ort.json" 2>"$out/ort.err" \
        || { cat "$out/ort.err" >&2; echo "onnxruntime benchmark failed" >&2; exit 1; }
    python3 - "$out/ort.json" "$root/usr/share/graphs/runners/onnxruntime/package.json" "${models[@]}" <<'PY' \
        || { echo "the onnxruntime benchmark from the package measured wrongly (see above)" >&2; exit 1; }
import json, sys
results = json.load(open(sys.argv[1]))["results"]
pinned = json.load(open(sys.argv[2]))["dependencies"]["onnxruntime-node"]
models = sys.argv[3:]
problems = []
if [r.get("model_path") for r in results] != models:
    problems.append(f"results for {[r.get('model_path') for r in results]}, asked for {models}")
for i, r in enumerate(results):
    where = r.get("model_path")
    if (r.get("runtime"), r.get("runtime_version")) != ("onnxruntime", pinned):
        problems.append(f"{where}: measured by {r.get('runtime')} {r.get('runtime_version')}, not onnxruntime {pinned}")
    samples = r.get("samples_ms") or []
    if len(samples) < 5 or not all(0 < t < 10000 for t in samples):
        problems.append(f"{where}: samples {samples} (want at least 5, each above 0 ms)")
    # The packaged model declares external weights it lacks; the full-weight model must run with its own.
    if r.get("materialized_weights") != (i == 0):
        problems.append(f"{where}: materialized_weights is {r.get('materialized_weights')}")
for p in problems:
    print("onnxruntime from the package:", p, file=sys.stderr)
for r in results:
    print(f"test-package: onnxruntime {r.get('runtime_version')}: {r.get('model_path')}: "
          f"median of {len(r['samples_ms'])} runs {sorted(r['samples_ms'])[len(r['samples_ms']) // 2]:.2f} ms"
          + (" (weights filled by graphs)" if r.get("materialized_weights") else ""))
sys.exit(1 if problems else 0)
PY
    # An installed runner without the module says which command installs it where it looks.
    bare="$out/bare/share/graphs/runners"
    mkdir -p "$bare" && cp -r "$root/usr/share/graphs/runners/onnxruntime" "$bare/"
    echo "{\"protocol\": \"graphs-runner/1\", \"model\": \"$model\"}" \
        | node "$bare/onnxruntime/graphs-ort-runner.mjs" >"$out/bare.json" 2>&1 || true
    grep -qF "npm install --prefix $out/bare/libexec/graphs/onnxruntime-node --ignore-scripts onnxruntime-node@" \
        "$out/bare.json" \
        || { cat "$out/bare.json" >&2; echo "the runner without its module names no install command" >&2; exit 1; }
fi
if [ -x "$root/usr/bin/graphs-studio" ]; then
    # It waits for an estimate before saving, so it only finishes when it found the registry.
    timeout 120 "$root/usr/bin/graphs-studio" "$model" --hardware "$marker" --screenshot "$out/shots" \
        >"$out/studio.txt" 2>&1 || { cat "$out/studio.txt" >&2; echo "graphs-studio failed" >&2; exit 1; }
    ls "$out"/shots/*.png >/dev/null || { echo "graphs-studio saved no screenshot" >&2; exit 1; }
fi
EOF
mkdir -p "$scratch/run"
# The full-weight squeezenet of the shared reference folder, where this checkout has one (CI has not).
shared_dir=$(sed -n 's/^GRAPHS_SHARED_DIR:PATH=//p' "$build_dir/CMakeCache.txt")
full_model=""
[ -z "$shared_dir" ] || [ ! -f "$shared_dir/models/squeezenet1_1.onnx" ] \
    || full_model="$shared_dir/models/squeezenet1_1.onnx"
# (Not when it lies inside the source tree, which the checks hide.)
case "$full_model" in "$src_dir"/*) full_model="" ;; esac
ort=run
if ! command -v node >/dev/null; then
    ort="Node.js (node) is not on PATH (apt-get install nodejs)"
elif [ "$ort_in_deb" = no ]; then
    ort="this build has no onnxruntime-node to package (./scripts/install-onnxruntime.sh, then reconfigure)"
fi
if [ -n "$src_dir" ] && unshare -rm mount -t tmpfs none "$src_dir" 2>/dev/null; then
    step "running the installed programs with $src_dir hidden"
    unshare -rm bash -c 'mount -t tmpfs none "$4" && [ ! -e "$4/registries" ] && bash "$@"' bash \
        "$scratch/checks.sh" "$root" "$marker" "$src_dir" "$scratch/run" "$ort" "$full_model" \
        || fail "the installed programs (see above)"
else
    step "running the installed programs (no user namespaces: the source tree stays visible; the marker decides)"
    bash "$scratch/checks.sh" "$root" "$marker" "$src_dir" "$scratch/run" "$ort" "$full_model" \
        || fail "the installed programs (see above)"
fi
head -n 3 "$scratch/run/analyze.txt"
if [ "$ort" != run ]; then
    echo "test-package: SKIP (every other check passed): no ONNX Runtime benchmark from the package: $ort" >&2
    exit 77
fi
step "OK"
