#!/usr/bin/env node
// ONNX Runtime runner for graphs: reads one request (protocol graphs-runner/1, docs/reference/runner-protocol.md)
// on standard input, runs the model with onnxruntime-node (CPU execution provider) and writes one JSON reply on
// standard output. Errors are replies too: {"error": "..."} with a non-zero exit status.

import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { existsSync, readFileSync, readdirSync, mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';

const PROTOCOL = 'graphs-runner/1';
const here = dirname(fileURLToPath(import.meta.url));

function fail(message, status = 2) {
  process.stdout.write(JSON.stringify({ protocol: PROTOCOL, error: message }) + '\n');
  process.exit(status);
}

// The onnxruntime-node version this runner is tested with (package.json beside it); install-onnxruntime.sh and the
// Debian package take the same one.
function pinnedOrtVersion() {
  try {
    return JSON.parse(readFileSync(join(here, 'package.json'), 'utf8')).dependencies['onnxruntime-node'];
  } catch {
    return null;
  }
}

// Where the runner looks, and what to tell a user who has none of them: in a source tree the install script; in an
// installed copy (the Debian package carries the module, a plain `cmake --install` may not) the npm command that puts
// it where this copy looks.
function loadOrt() {
  // The source tree, or <prefix>/share/graphs once installed.
  const top = resolve(here, '../..');
  const installScript = join(top, 'scripts/install-onnxruntime.sh');
  const inSourceTree = existsSync(installScript);
  // Installed, the module lives in <prefix>/libexec/graphs/onnxruntime-node beside the other architecture-dependent
  // helpers (its prebuilt library has no place under share/); <prefix>/share/graphs/onnxruntime-node is where the
  // first installation guide told users to put it.
  const installed = resolve(top, '../../libexec/graphs/onnxruntime-node');
  const candidates = [
    process.env.GRAPHS_ORT_NODE_MODULES,
    ...(inSourceTree ? [join(top, 'third_party/onnxruntime-node/node_modules')]
      : [join(installed, 'node_modules'), join(top, 'onnxruntime-node/node_modules')]),
  ].filter(Boolean);
  for (const dir of candidates) {
    const entry = join(dir, 'onnxruntime-node');
    if (existsSync(entry)) {
      const require = createRequire(join(dir, 'noop.js'));
      return { ort: require('onnxruntime-node'), version: require('onnxruntime-node/package.json').version };
    }
  }
  const looked = ' (looked in ' + candidates.join(', ') + ')';
  if (inSourceTree) fail('runtime not installed: run ' + installScript + looked, 3);
  const pinned = pinnedOrtVersion();
  fail('runtime not installed: this copy of graphs was installed without ONNX Runtime for Node.js' + looked
    + '; install it with `npm install --prefix ' + installed + ' --ignore-scripts onnxruntime-node'
    + (pinned ? '@' + pinned : '') + '` (npm: apt-get install npm), or point GRAPHS_ORT_NODE_MODULES at a '
    + 'node_modules folder holding it', 3);
}

// Deterministic pseudo-random inputs (xorshift32), so every runner sees the same data.
function filledTensor(ort, dtype, shape, seed) {
  const count = shape.reduce((a, b) => a * b, 1);
  let state = seed >>> 0 || 1;
  const next = () => { state ^= state << 13; state >>>= 0; state ^= state >>> 17; state ^= state << 5; state >>>= 0; return state; };
  switch (dtype) {
    case 'float32': { const a = new Float32Array(count); for (let i = 0; i < count; ++i) a[i] = next() / 4294967296 - 0.5; return new ort.Tensor('float32', a, shape); }
    case 'int64': { const a = new BigInt64Array(count); for (let i = 0; i < count; ++i) a[i] = BigInt(next() % 1000); return new ort.Tensor('int64', a, shape); }
    case 'int32': { const a = new Int32Array(count); for (let i = 0; i < count; ++i) a[i] = next() % 1000; return new ort.Tensor('int32', a, shape); }
    case 'bool': { const a = new Uint8Array(count); for (let i = 0; i < count; ++i) a[i] = next() & 1; return new ort.Tensor('bool', a, shape); }
    default: fail(`input type ${dtype} is not supported by this runner`);
  }
}

// Writes each output of the last run as raw little-endian data (the protocol's outputs_dir), for numeric comparison
// between runtimes.
function writeOutputs(session, results, dir) {
  mkdirSync(dir, { recursive: true });
  return session.outputNames.map((name, i) => {
    const tensor = results[name];
    const file = resolve(dir, `output_${i}.bin`);
    const data = tensor.data;
    writeFileSync(file, Buffer.from(data.buffer, data.byteOffset, data.byteLength));
    return { name, dtype: tensor.type, shape: tensor.dims.map(Number), file };
  });
}

function profileByNode(file) {
  const events = JSON.parse(readFileSync(file, 'utf8'));
  const byNode = new Map();
  for (const e of events) {
    if (e.cat !== 'Node' || !e.name || !e.name.endsWith('_kernel_time')) continue;
    const name = e.name.slice(0, -'_kernel_time'.length);
    const entry = byNode.get(name) ?? { name, op_type: e.args?.op_name ?? '', total: 0, count: 0 };
    entry.total += e.dur / 1000; // µs → ms
    entry.count += 1;
    byNode.set(name, entry);
  }
  return [...byNode.values()].map((n) => ({ name: n.name, op_type: n.op_type, mean_ms: n.total / n.count }));
}

async function main() {
  let text = '';
  for await (const chunk of process.stdin) text += chunk;
  let request;
  try { request = JSON.parse(text); } catch (e) { fail('the request is not JSON: ' + e.message); }
  if (request.protocol !== PROTOCOL) fail(`the request does not speak ${PROTOCOL}`);
  if (!request.model || !existsSync(request.model)) fail(`model not found: ${request.model}`);
  const precision = request.precision ?? 'fp32';
  if (precision !== 'fp32') fail(`this runner measures fp32 only; precision '${precision}' needs --runtime tensorrt`);

  const { ort, version } = loadOrt();
  const threads = Number(request.threads) || 0;
  const profileDir = request.profile ? mkdtempSync(join(tmpdir(), 'graphs-ort-')) : null;
  const options = {
    executionProviders: ['cpu'],
    graphOptimizationLevel: 'all',
    executionMode: 'sequential',
    interOpNumThreads: 1,
    ...(threads > 0 ? { intraOpNumThreads: threads } : {}),
    ...(profileDir ? { enableProfiling: true, profileFilePrefix: join(profileDir, 'profile') } : {}),
  };
  let session;
  try { session = await ort.InferenceSession.create(request.model, options); } catch (e) { fail('cannot load the model: ' + e.message); }

  const feeds = {};
  const inputs = request.inputs ?? {};
  session.inputNames.forEach((name, i) => {
    const spec = inputs[name];
    if (!spec || !Array.isArray(spec.shape)) fail(`no shape given for input '${name}'`);
    feeds[name] = filledTensor(ort, spec.dtype ?? 'float32', spec.shape, 12345 + i);
  });

  const warmup = Math.max(0, Number(request.warmup ?? 5));
  const repeats = Math.max(1, Number(request.repeats ?? 20));
  try {
    for (let i = 0; i < warmup; ++i) await session.run(feeds);
    const runMs = [];
    let last = null;
    for (let i = 0; i < repeats; ++i) {
      const start = process.hrtime.bigint();
      last = await session.run(feeds);
      runMs.push(Number(process.hrtime.bigint() - start) / 1e6);
    }
    const outputs = request.outputs_dir ? writeOutputs(session, last, request.outputs_dir) : undefined;
    let nodes = [];
    if (profileDir) {
      session.endProfiling();
      // The profile is written as <prefix>_<date>.json inside the temporary folder.
      for (const f of readdirSync(profileDir)) {
        if (f.endsWith('.json')) nodes = profileByNode(join(profileDir, f));
      }
      rmSync(profileDir, { recursive: true, force: true });
    }
    process.stdout.write(JSON.stringify({
      protocol: PROTOCOL, runtime: 'onnxruntime', runtime_version: version, execution_provider: 'cpu',
      threads, run_ms: runMs, nodes, ...(outputs ? { outputs } : {}),
    }) + '\n');
  } catch (e) {
    fail('inference failed: ' + e.message);
  }
}

main();
