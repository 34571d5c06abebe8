// Runs the real `npm start` script. ELECTRON_OVERRIDE_DIST_PATH points it at an empty folder,
// so the binary is missing whatever this machine has installed, and nothing gets built.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

describe('npm start without the Electron binary', () => {
  it('prints one line pointing at browser mode and exits 1', () => {
    const empty = mkdtempSync(join(tmpdir(), 'no-electron-'));
    try {
      const result = spawnSync(process.execPath, [resolve('scripts/start.mjs'), '--data-dir', '/tmp/x'], {
        env: { ...process.env, ELECTRON_OVERRIDE_DIST_PATH: empty },
        encoding: 'utf8',
        timeout: 20_000,
      });
      expect(result.status).toBe(1);
      expect(result.stdout).toBe('');
      expect(result.stderr).toBe(
        'The Electron binary is not installed on this machine (ELECTRON_SKIP_BINARY_DOWNLOAD?). ' +
          'Run the desk in browser mode instead: npm run serve -- --data-dir DIR --port PORT\n',
      );
    } finally {
      rmSync(empty, { recursive: true, force: true });
    }
  });
});
