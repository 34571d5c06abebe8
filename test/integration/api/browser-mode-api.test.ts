/**
 * The API in browser mode, through the real composition root (src-main/serve.ts in its own
 * process): it shares the UI's port, listens on 127.0.0.1 only, and generates its token at the
 * first start into settings.json, written owner-only.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { networkInterfaces, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { send } from './api-test-host.js';

const ROOT = resolve(import.meta.dirname, '../../..');
let child: ChildProcess | undefined;
let dataDir: string;
let port: number;

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'api-serve-'));
  const rendererDir = join(dataDir, 'renderer');
  rmSync(rendererDir, { recursive: true, force: true });
  writeFileSync(join(dataDir, 'settings.json'), '{}');
  const { mkdirSync } = await import('node:fs');
  mkdirSync(rendererDir);
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>desk</title>');
  child = spawn(
    process.execPath,
    ['--import', 'tsx', 'src-main/serve.ts', '--data-dir', dataDir, '--port', '0', '--renderer-dir', rendererDir],
    { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  child.stderr?.on('data', (chunk) => (output += String(chunk)));
  port = await new Promise<number>((ready, fail) => {
    child?.stdout?.on('data', (chunk) => {
      output += String(chunk);
      const match = /ready at http:\/\/127\.0\.0\.1:(\d+)\//.exec(output);
      if (match) ready(Number(match[1]));
    });
    child?.on('exit', (code) => fail(new Error(`serve exited with ${code}: ${output}`)));
  });
}, 30_000);

afterAll(async () => {
  const current = child;
  if (current && current.exitCode === null) {
    await new Promise<void>((done) => {
      current.once('exit', () => done());
      current.kill('SIGTERM');
    });
  }
  rmSync(dataDir, { recursive: true, force: true });
});

function token(): string {
  return (JSON.parse(readFileSync(join(dataDir, 'settings.json'), 'utf8')) as { api: { token: string } }).api.token;
}

describe('browser mode', () => {
  it('generated a token at first start and saved it owner-only', () => {
    expect(token()).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(statSync(join(dataDir, 'settings.json')).mode & 0o777).toBe(0o600);
  });

  it('serves the API on the UI port with that token, and the UI next to it', async () => {
    expect((await send(port, 'GET', '/v1/calls', { token: token() })).status).toBe(200);
    expect((await send(port, 'GET', '/v1/calls', { token: 'nope' })).status).toBe(401);
    const page = await send(port, 'GET', '/', { token: null });
    expect(page.text).toContain('<title>desk</title>');
  });

  it('is not reachable on any other interface of this machine', async () => {
    const others = Object.values(networkInterfaces())
      .flat()
      .filter((entry) => entry !== undefined && !entry.internal && entry.family === 'IPv4')
      .map((entry) => entry!.address);
    for (const address of [...others, '::1'].slice(0, 4)) {
      const outcome = await new Promise<string>((done) => {
        const socket = connect({ host: address, port }, () => {
          socket.destroy();
          done('connected');
        });
        socket.on('error', (error: NodeJS.ErrnoException) => done(error.code ?? 'error'));
      });
      expect(outcome, address).not.toBe('connected');
    }
  });
});
