// npm start: builds the app if needed and runs it in Electron, forwarding arguments and the
// exit code:   npm start -- [--data-dir DIR]
//
// Where the Electron binary is missing (installed with ELECTRON_SKIP_BINARY_DOWNLOAD, as on our
// build machines), it says so in one line and exits 1 instead of trying to download it.
// Plain ESM, no dependencies.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const projectDir = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(join(projectDir, 'package.json'));

const BINARY_MISSING =
  'The Electron binary is not installed on this machine (ELECTRON_SKIP_BINARY_DOWNLOAD?). ' +
  'Run the desk in browser mode instead: npm run serve -- --data-dir DIR --port PORT';

const BUILD_OUTPUTS = ['out/main/main.js', 'out/preload/index.cjs', 'out/renderer/index.html'];
const BUILD_INPUTS = ['src-main', 'src-renderer', 'resources', 'electron.vite.config.ts', 'package.json'];

const electronBinary = findElectronBinary();
if (electronBinary === undefined) {
  process.stderr.write(`${BINARY_MISSING}\n`);
  process.exit(1);
}

if (buildIsStale()) {
  const build = spawnSync(process.execPath, [electronViteCli(), 'build'], { cwd: projectDir, stdio: 'inherit' });
  if (build.status !== 0) process.exit(build.status ?? 1);
}

const env = { ...process.env };
// Would make the binary behave as plain Node and ignore the app.
delete env.ELECTRON_RUN_AS_NODE;
const child = spawn(electronBinary, [projectDir, ...process.argv.slice(2)], { cwd: projectDir, stdio: 'inherit', env });
child.on('error', (error) => {
  process.stderr.write(`Could not start Electron (${electronBinary}): ${error.message}\n`);
  process.exit(1);
});
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    if (child.exitCode === null) child.kill(signal);
  });
}
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));

/**
 * The same lookup as the electron package's index.js (path.txt, then dist/), without calling
 * it: when the binary is missing, `require('electron')` starts a download, which cannot reach
 * its host here and is not what "npm start" should do anywhere.
 */
function findElectronBinary() {
  let packageDir;
  try {
    packageDir = dirname(require.resolve('electron/package.json'));
  } catch {
    return undefined;
  }
  const pathFile = join(packageDir, 'path.txt');
  const relative = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : '';
  const override = process.env.ELECTRON_OVERRIDE_DIST_PATH;
  let binary;
  if (override) binary = join(override, relative || 'electron');
  else if (relative) binary = join(packageDir, 'dist', relative);
  return binary !== undefined && existsSync(binary) ? binary : undefined;
}

function electronViteCli() {
  const manifestPath = require.resolve('electron-vite/package.json');
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8'));
  const bin = typeof manifest.bin === 'string' ? manifest.bin : manifest.bin['electron-vite'];
  return join(dirname(manifestPath), bin);
}

/** Missing output, or any source newer than the oldest output. Cheap and good enough for dev. */
function buildIsStale() {
  let oldestOutput = Infinity;
  for (const output of BUILD_OUTPUTS) {
    const file = join(projectDir, output);
    if (!existsSync(file)) return true;
    oldestOutput = Math.min(oldestOutput, statSync(file).mtimeMs);
  }
  return BUILD_INPUTS.some((input) => newestMtime(join(projectDir, input)) > oldestOutput);
}

function newestMtime(path) {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, entry)));
  return newest;
}
