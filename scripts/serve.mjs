#!/usr/bin/env node
// `npm run serve -- [--data-dir DIR] [--port PORT]`: browser mode. Builds the UI on first use,
// then runs the host (src-main/serve.ts) with the same engine and store as the desktop app.
import { spawnSync, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx';

if (!existsSync(join(root, 'out/renderer/index.html'))) {
  process.stdout.write('Building the UI (first run)…\n');
  const build = spawnSync(npx, ['vite', 'build', '--config', 'vite.renderer.config.ts', '--logLevel', 'warn'], {
    cwd: root,
    stdio: 'inherit',
  });
  if (build.status !== 0) process.exit(build.status ?? 1);
}

const host = spawn(process.execPath, ['--import', 'tsx', join(root, 'src-main/serve.ts'), ...process.argv.slice(2)], {
  cwd: root,
  stdio: 'inherit',
});
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => host.kill(signal));
host.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
