/**
 * Which file of the built renderer an `app://desk/...` URL names, and its MIME type.
 * Pure: string work only, so traversal refusal is unit-tested without Electron or a disk.
 *
 * Invariant: a resolved path always lies strictly inside `root`. Anything that could climb out
 * (a `..` segment, including percent-encoded slashes that only become one after decoding, a
 * backslash, a NUL) is refused rather than "cleaned up".
 */
import { extname, resolve, sep } from 'node:path';
import { APP_HOST, APP_SCHEME } from './app-origin.js';

export type AppFileResolution =
  | { readonly ok: true; readonly path: string; readonly mimeType: string }
  | { readonly ok: false; readonly status: 400 | 403 | 404; readonly reason: string };

const MIME_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.cjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.map': 'application/json',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.wav': 'audio/wav',
  '.mp3': 'audio/mpeg',
  '.ogg': 'audio/ogg',
  '.opus': 'audio/ogg',
  '.webm': 'audio/webm',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.wasm': 'application/wasm',
};

/** MIME type by extension (case-insensitive); unknown types are served as opaque bytes. */
export function mimeTypeFor(path: string): string {
  return MIME_TYPES[extname(path).toLowerCase()] ?? 'application/octet-stream';
}

/**
 * Maps `app://desk/<path>` to a file under `root` (an absolute directory). `/` means
 * `/index.html`. Query and fragment are ignored.
 */
export function resolveAppFile(url: string, root: string): AppFileResolution {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return refuse(400, 'not a URL');
  }
  if (parsed.protocol !== `${APP_SCHEME}:` || parsed.hostname.toLowerCase() !== APP_HOST) {
    return refuse(403, `not an ${APP_SCHEME}://${APP_HOST} URL`);
  }
  if (parsed.port !== '' || parsed.username !== '' || parsed.password !== '') {
    return refuse(403, 'port or credentials in the URL');
  }

  let path: string;
  try {
    path = decodeURIComponent(parsed.pathname);
  } catch {
    return refuse(400, 'malformed percent-encoding');
  }
  if (path === '' || path === '/') path = '/index.html';
  if (path.includes('\0') || path.includes('\\')) return refuse(403, 'NUL or backslash in the path');
  if (path.split('/').some((segment) => segment === '..' || segment === '.')) {
    return refuse(403, 'path traversal');
  }

  const base = resolve(root);
  const file = resolve(base, `.${path}`);
  if (!file.startsWith(base + sep)) return refuse(403, 'path traversal');
  if (path.endsWith('/')) return refuse(404, 'directory');
  return { ok: true, path: file, mimeType: mimeTypeFor(file) };
}

function refuse(status: 400 | 403 | 404, reason: string): AppFileResolution {
  return { ok: false, status, reason };
}
