import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { mimeTypeFor, resolveAppFile } from '../../../src-main/desktop/app-files.js';

const root = resolve('/srv/app/out/renderer');

describe('app:// URL to file', () => {
  it('serves index.html for the bare origin', () => {
    expect(resolveAppFile('app://desk/', root)).toEqual({
      ok: true,
      path: join(root, 'index.html'),
      mimeType: 'text/html; charset=utf-8',
    });
    expect(resolveAppFile('app://desk', root)).toMatchObject({ ok: true, path: join(root, 'index.html') });
  });

  it('maps nested assets and ignores query and fragment', () => {
    expect(resolveAppFile('app://desk/assets/index-abc.js?v=1#x', root)).toEqual({
      ok: true,
      path: join(root, 'assets', 'index-abc.js'),
      mimeType: 'text/javascript; charset=utf-8',
    });
    expect(resolveAppFile('app://desk/sounds/ring%20tone.wav', root)).toMatchObject({
      ok: true,
      path: join(root, 'sounds', 'ring tone.wav'),
    });
  });

  it.each([
    'app://desk/..%2f..%2fetc/passwd',
    'app://desk/assets/..%2F..%2F..%2Fetc%2Fpasswd',
    'app://desk/%2e%2e%2fsecret',
    'app://desk/..%5c..%5cwindows%5cwin.ini',
    'app://desk/assets%5c..%5c..%5csecret',
    'app://desk/index.html%00.png',
  ])('refuses traversal in %s', (url) => {
    expect(resolveAppFile(url, root)).toMatchObject({ ok: false, status: 403 });
  });

  it('keeps dot segments that the URL parser resolved inside the root', () => {
    // WHATWG URL parsing already folds literal ../ before we see the path: it cannot climb out.
    const resolved = resolveAppFile('app://desk/../../etc/passwd', root);
    expect(resolved).toMatchObject({ ok: true, path: join(root, 'etc', 'passwd') });
  });

  it('refuses other schemes and hosts, ports and credentials', () => {
    for (const url of [
      'file:///etc/passwd',
      'https://desk/index.html',
      'app://evil/index.html',
      'app://desk:81/index.html',
      'app://user@desk/index.html',
    ]) {
      expect(resolveAppFile(url, root)).toMatchObject({ ok: false, status: 403 });
    }
  });

  it('refuses malformed percent-encoding and non-URLs', () => {
    expect(resolveAppFile('app://desk/%E0%A4%A', root)).toMatchObject({ ok: false, status: 400 });
    expect(resolveAppFile('not a url', root)).toMatchObject({ ok: false, status: 400 });
  });
});

describe('MIME types', () => {
  it.each([
    ['index.html', 'text/html; charset=utf-8'],
    ['app.js', 'text/javascript; charset=utf-8'],
    ['chunk.mjs', 'text/javascript; charset=utf-8'],
    ['style.css', 'text/css; charset=utf-8'],
    ['logo.svg', 'image/svg+xml'],
    ['icon.PNG', 'image/png'],
    ['ring.wav', 'audio/wav'],
    ['ring.mp3', 'audio/mpeg'],
    ['ring.ogg', 'audio/ogg'],
    ['font.woff2', 'font/woff2'],
    ['data.json', 'application/json'],
    ['module.wasm', 'application/wasm'],
    ['mystery.bin', 'application/octet-stream'],
    ['no-extension', 'application/octet-stream'],
  ])('%s is %s', (file, type) => {
    expect(mimeTypeFor(file)).toBe(type);
  });
});
