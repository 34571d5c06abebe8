#!/usr/bin/env node
// `npm run bench [-- [NAME…] [--rebuild] [options]]`: the benchmarks.
//   1. builds the UI (out/renderer) if it is missing, or with --rebuild (a stale build is reported);
//   2. runs every test/bench/*.bench.ts in turn with `node --import tsx`, or only those named
//      (e.g. `npm run bench -- call-latency --calls 40`), passing every other argument on.
// Benchmarks never fail on a number: the exit code is non-zero only if one could not run.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx';
const argv = process.argv.slice(2);
const rebuild = argv.includes('--rebuild');

const [major] = process.versions.node.split('.').map(Number);
if (major < 22) {
  process.stderr.write(`The benchmarks need Node 22 or newer (this is ${process.version}).\n`);
  process.exit(1);
}

/** Newest modification time under `dir` (files only). */
function newest(dir) {
  let latest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) latest = Math.max(latest, newest(path));
    else latest = Math.max(latest, statSync(path).mtimeMs);
  }
  return latest;
}

const builtIndex = join(root, 'out/renderer/index.html');
if (rebuild || !existsSync(builtIndex)) {
  process.stdout.write(rebuild ? 'Rebuilding the UI…\n' : 'Building the UI (out/renderer is missing)…\n');
  const build = spawnSync(npx, ['vite', 'build', '--config', 'vite.renderer.config.ts', '--logLevel', 'warn'], {
    cwd: root,
    stdio: 'inherit',
  });
  if (build.status !== 0) {
    process.stderr.write('The UI build failed: the benchmarks cannot run.\n');
    process.exit(build.status ?? 1);
  }
} else {
  const sources = Math.max(newest(join(root, 'src-renderer')), newest(join(root, 'src-main/contract')));
  if (sources > statSync(builtIndex).mtimeMs) {
    process.stdout.write('Note: out/renderer is older than the renderer sources; `npm run bench -- --rebuild` measures the current UI.\n');
  }
}

const benchDir = join(root, 'test/bench');
const available = readdirSync(benchDir)
  .filter((name) => name.endsWith('.bench.ts'))
  .sort();
const nameOf = (file) => file.slice(0, -'.bench.ts'.length);
// A bare argument that names a bench selects it; everything else goes to the benches.
const selected = argv.filter((arg) => available.some((file) => nameOf(file) === arg || file === arg));
const passOn = argv.filter((arg) => arg !== '--rebuild' && !selected.includes(arg));
const benches = available
  .filter((file) => selected.length === 0 || selected.includes(nameOf(file)) || selected.includes(file))
  .map((file) => join(benchDir, file));
if (benches.length === 0) {
  process.stderr.write('No test/bench/*.bench.ts found.\n');
  process.exit(1);
}

let current = null;
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    // The bench cleans up its own processes (Kamailio, hosts, browsers) on these signals.
    if (current) current.kill(signal);
    else process.exit(130);
  });
}

const failed = [];
for (const bench of benches) {
  const name = relative(root, bench);
  process.stdout.write(`\n── ${name}\n`);
  const code = await new Promise((resolve) => {
    current = spawn(process.execPath, ['--import', 'tsx', bench, ...passOn], { cwd: root, stdio: 'inherit' });
    current.on('exit', (status, signal) => resolve(status ?? (signal ? 1 : 0)));
    current.on('error', () => resolve(1));
  });
  current = null;
  if (code !== 0) failed.push(`${name} (exit ${code})`);
}

if (failed.length > 0) {
  process.stderr.write(`\nCould not run: ${failed.join(', ')}\n`);
  process.exit(1);
}
process.stdout.write('\nBenchmarks done.\n');
