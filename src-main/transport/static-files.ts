/** Serves the built renderer (out/renderer) for browser mode, with a strict CSP. */
import { readFile } from 'node:fs/promises';
import type { ServerResponse } from 'node:http';
import { extname, join, normalize, sep } from 'node:path';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.wav': 'audio/wav',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
};

export const CONTENT_SECURITY_POLICY =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; " +
  "media-src 'self' blob: mediastream:; connect-src 'self' ws: wss:; object-src 'none'; base-uri 'none'; frame-ancestors 'none'";

export interface StaticFilesOptions {
  readonly root: string;
  /** Extra markup placed before </head> of index.html (e.g. the test-hooks flag). */
  readonly headExtra?: string;
}

export async function serveStatic(urlPath: string, response: ServerResponse, options: StaticFilesOptions): Promise<void> {
  const path = urlPath === '/' ? '/index.html' : decodeURIComponent(urlPath);
  const file = normalize(join(options.root, path));
  if (!file.startsWith(options.root + sep)) return send(response, 404, 'text/plain', 'Not found');
  try {
    let body: Buffer | string = await readFile(file);
    if (path === '/index.html' && options.headExtra) {
      body = body.toString('utf8').replace('</head>', `${options.headExtra}</head>`);
    }
    send(response, 200, TYPES[extname(file)] ?? 'application/octet-stream', body);
  } catch {
    send(response, 404, 'text/plain', 'Not found');
  }
}

function send(response: ServerResponse, status: number, type: string, body: Buffer | string): void {
  response.writeHead(status, {
    'Content-Type': type,
    'Content-Security-Policy': CONTENT_SECURITY_POLICY,
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'Cache-Control': 'no-store',
  });
  response.end(body);
}
