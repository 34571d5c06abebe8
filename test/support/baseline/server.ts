/**
 * Serves the baseline page from a tiny HTTP server on 127.0.0.1 (a random
 * port). The page script is bundled from page.ts + sip.js with esbuild, in
 * memory, once per process: no dev server, nothing written to disk, offline.
 *
 * An http:// origin on 127.0.0.1 is a secure context, so getUserMedia works.
 */
import { build } from 'esbuild';
import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));

let bundle: Promise<string> | undefined;

/** Bundle page.ts (with sip.js) into one browser script. Memoised. */
export function buildBaselineBundle(): Promise<string> {
  bundle ??= build({
    entryPoints: [join(here, 'page.ts')],
    bundle: true,
    write: false,
    format: 'iife',
    platform: 'browser',
    target: 'chrome120',
    sourcemap: 'inline',
    logLevel: 'silent',
    // Do not pick up the app's tsconfig files: this page stands alone.
    tsconfigRaw: { compilerOptions: { target: 'ES2022', useDefineForClassFields: true } },
  }).then((result) => {
    const file = result.outputFiles[0];
    if (!file) throw new Error('esbuild produced no output');
    return file.text;
  });
  bundle.catch(() => {
    bundle = undefined; // let a later call retry after a failed build
  });
  return bundle;
}

export interface BaselineServer {
  /** http://127.0.0.1:PORT — the page is at `${origin}/`. */
  origin: string;
  url: string;
  close(): Promise<void>;
}

export async function startBaselineServer(): Promise<BaselineServer> {
  const [js, html] = await Promise.all([buildBaselineBundle(), readFile(join(here, 'index.html'), 'utf8')]);
  const server: Server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    if (path === '/' || path === '/index.html') {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
      res.end(html);
    } else if (path === '/baseline.js') {
      res.writeHead(200, { 'content-type': 'text/javascript; charset=utf-8', 'cache-control': 'no-store' });
      res.end(js);
    } else {
      res.writeHead(404, { 'content-type': 'text/plain' });
      res.end('not found');
    }
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('no server address');
  const origin = `http://127.0.0.1:${address.port}`;
  return {
    origin,
    url: `${origin}/`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
