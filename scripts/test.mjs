#!/usr/bin/env node
// `npm test`: every check and every test runner, then one closing line "N passed, N failed".
//   1. type-check (node, renderer, tests) and lint;
//   2. build the desktop app and the UI with electron-vite (proves the Electron shell builds);
//   3. vitest: unit and integration tests;
//   4. Playwright: end-to-end tests against real Kamailio and Chromium, in browser mode.
// A failing step counts as one failed check and the rest still run, so one report shows all.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const results = join(root, 'test-results');
rmSync(results, { recursive: true, force: true });
mkdirSync(results, { recursive: true });
const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx';
const only = process.argv.slice(2); // e.g. `npm test -- unit` runs only the named steps

let passed = 0;
let failed = 0;
const lines = [];

function run(name, args, env = {}) {
  if (only.length > 0 && !only.includes(name)) return null;
  process.stdout.write(`\n── ${name}: ${args.join(' ')}\n`);
  const started = Date.now();
  const result = spawnSync(npx, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  lines.push(`${name}: exit ${result.status} in ${seconds} s`);
  return result.status === 0;
}

function check(name, args) {
  const ok = run(name, args);
  if (ok === null) return;
  if (ok) passed += 1;
  else failed += 1;
}

function readJson(file) {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return undefined;
  }
}

check('typecheck', ['tsc', '-p', 'tsconfig.node.json', '--noEmit']);
check('typecheck-tests', ['tsc', '-p', 'tsconfig.test.json', '--noEmit']);
check('typecheck-renderer', ['vue-tsc', '-p', 'tsconfig.web.json', '--noEmit']);
check('lint', ['eslint', '--max-warnings=0', '.']);
check('build', ['electron-vite', 'build']);

const vitestFile = join(results, 'vitest.json');
const vitestOk = run('unit', ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${vitestFile}`]);
if (vitestOk !== null) {
  const report = readJson(vitestFile);
  if (report) {
    passed += report.numPassedTests;
    failed += report.numFailedTests;
  }
  if (!report || (!vitestOk && report.numFailedTests === 0)) failed += 1; // the runner itself broke
}

// End-to-end tests need a real SIP server and a real browser from the system's packages.
const missingSystem = ['/usr/sbin/kamailio', '/usr/bin/chromium'].filter((path) => !existsSync(path));
if (missingSystem.length > 0 && (only.length === 0 || only.includes('e2e'))) {
  process.stdout.write(
    `\nMissing ${missingSystem.join(' and ')}: install with\n  sudo apt-get install -y --no-install-recommends kamailio kamailio-websocket-modules chromium\n`,
  );
}

const playwrightFile = join(results, 'playwright.json');
const e2eOk = run('e2e', ['playwright', 'test'], { PLAYWRIGHT_JSON_OUTPUT_NAME: playwrightFile });
if (e2eOk !== null) {
  const report = readJson(playwrightFile);
  if (report?.stats) {
    passed += report.stats.expected + (report.stats.flaky ?? 0);
    failed += report.stats.unexpected;
  }
  if (!report?.stats || (!e2eOk && report.stats.unexpected === 0)) failed += 1;
}

const summary = `${passed} passed, ${failed} failed`;
writeFileSync(join(results, 'summary.txt'), `${summary}\n`);
process.stdout.write(`\n${lines.join('\n')}\n${summary}\n`);
if (!existsSync(results)) mkdirSync(results);
process.exit(failed === 0 ? 0 : 1);
