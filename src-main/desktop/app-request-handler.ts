/**
 * Answers `app://desk/...` requests from the built renderer folder. No Electron import: the
 * handler takes a fetch `Request` and returns a `Response`, which is exactly what
 * `protocol.handle` wants, and which Node 22 can run in unit tests.
 *
 * Every response carries the same CSP as browser mode, `nosniff` and `no-store`. Only GET and
 * HEAD are answered. A file that resolves (through a symlink) outside the folder is refused.
 */
import { readFile, realpath } from 'node:fs/promises';
import { resolve, sep } from 'node:path';
import type { Logger } from '../engine/ports/logger.js';
import { CONTENT_SECURITY_POLICY } from '../transport/static-files.js';
import { resolveAppFile } from './app-files.js';

export interface AppRequestHandlerOptions {
  /** The built renderer (out/renderer). */
  readonly rendererDir: string;
  readonly logger: Logger;
}

export type AppRequestHandler = (request: Request) => Promise<Response>;

export function createAppRequestHandler({ rendererDir, logger }: AppRequestHandlerOptions): AppRequestHandler {
  const root = resolve(rendererDir);
  let realRoot: Promise<string> | undefined;

  return async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      return plain(405, 'Method not allowed', { Allow: 'GET, HEAD' });
    }
    const resolution = resolveAppFile(request.url, root);
    if (!resolution.ok) {
      if (resolution.status === 403) logger.warn('app:// request refused', { url: request.url, reason: resolution.reason });
      return plain(resolution.status === 403 ? 404 : resolution.status, 'Not found');
    }
    try {
      realRoot ??= realpath(root);
      const [real, base] = await Promise.all([realpath(resolution.path), realRoot]);
      if (!real.startsWith(base + sep)) {
        logger.warn('app:// request refused', { url: request.url, reason: 'resolves outside the renderer folder' });
        return plain(404, 'Not found');
      }
      const body = await readFile(real);
      return new Response(request.method === 'HEAD' ? null : body, {
        status: 200,
        headers: { ...SECURITY_HEADERS, 'Content-Type': resolution.mimeType, 'Content-Length': String(body.length) },
      });
    } catch {
      // Missing file, a directory, or unreadable: all the same to the page.
      return plain(404, 'Not found');
    }
  };
}

const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cache-Control': 'no-store',
};

function plain(status: number, text: string, extra: Record<string, string> = {}): Response {
  return new Response(text, {
    status,
    headers: { ...SECURITY_HEADERS, 'Content-Type': 'text/plain; charset=utf-8', ...extra },
  });
}
