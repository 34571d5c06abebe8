import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { CONTENT_SECURITY_POLICY } from '../../../src-main/transport/static-files.js';
import { createAppRequestHandler, type AppRequestHandler } from '../../../src-main/desktop/app-request-handler.js';

let base: string;
let handler: AppRequestHandler;

beforeAll(() => {
  base = mkdtempSync(join(tmpdir(), 'desk-app-'));
  const renderer = join(base, 'renderer');
  mkdirSync(join(renderer, 'assets'), { recursive: true });
  writeFileSync(join(renderer, 'index.html'), '<!doctype html><title>desk</title>');
  writeFileSync(join(renderer, 'assets', 'main.js'), 'console.log(1)');
  writeFileSync(join(base, 'secret.txt'), 'do not serve');
  symlinkSync(join(base, 'secret.txt'), join(renderer, 'assets', 'link.txt'));
  handler = createAppRequestHandler({ rendererDir: renderer, logger: { info: vi.fn(), warn: vi.fn(), error: vi.fn() } });
});

afterAll(() => rmSync(base, { recursive: true, force: true }));

describe('app:// request handler', () => {
  it('serves index.html with its type and the CSP', async () => {
    const response = await handler(new Request('app://desk/'));
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(response.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await response.text()).toContain('<title>desk</title>');
  });

  it('serves scripts as JavaScript', async () => {
    const response = await handler(new Request('app://desk/assets/main.js'));
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
  });

  it('answers 404 for traversal, a missing file, a directory, and a symlink out of the folder', async () => {
    for (const url of [
      'app://desk/..%2fsecret.txt',
      'app://desk/missing.js',
      'app://desk/assets',
      'app://desk/assets/link.txt',
    ]) {
      const response = await handler(new Request(url));
      expect(response.status, url).toBe(404);
      expect(await response.text()).not.toContain('do not serve');
    }
  });

  it('answers HEAD without a body and refuses other methods', async () => {
    const head = await handler(new Request('app://desk/index.html', { method: 'HEAD' }));
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
    const post = await handler(new Request('app://desk/index.html', { method: 'POST', body: 'x' }));
    expect(post.status).toBe(405);
  });
});
