/**
 * Composition root of browser mode: the same engine and store as the desktop app, in a Node
 * process, serving the same UI at http://127.0.0.1:PORT/ and the desk contract over a WebSocket.
 *
 *   npm run serve -- [--data-dir DIR] [--port PORT]
 *
 * Listens on 127.0.0.1 only. Prints one ready line when it accepts connections.
 */
import { existsSync } from 'node:fs';
import { createServer } from 'node:http';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { createConsoleLogger } from './host/console-logger.js';
import { isApiPath } from './api/api-server.js';
import { createApiHost } from './host/api-host.js';
import { createDeskHost } from './host/desk-host.js';
import { createLoopbackGuard } from './transport/loopback-guard.js';
import { serveStatic } from './transport/static-files.js';
import { createWebSocketCarrier } from './transport/ws-carrier.js';

export const DEFAULT_PORT = 5175;
export const DEFAULT_DATA_DIR = join(homedir(), '.switchboard-desk');

const { values } = parseArgs({
  options: {
    'data-dir': { type: 'string', default: DEFAULT_DATA_DIR },
    port: { type: 'string', default: String(DEFAULT_PORT) },
    'renderer-dir': { type: 'string', default: resolve('out/renderer') },
    // Exposes media streams to the page for end-to-end tone checks. Never for real use.
    'test-hooks': { type: 'boolean', default: false },
  },
});

const logger = createConsoleLogger('serve', true);
const dataDir = resolve(values['data-dir']);
const port = Number(values.port);
const rendererDir = resolve(values['renderer-dir']);

if (!Number.isInteger(port) || port < 0 || port > 65535) fail(`--port must be a port number, got "${values.port}"`);
if (!existsSync(join(rendererDir, 'index.html'))) {
  fail(`The UI is not built: ${rendererDir}/index.html is missing. Run "npm run build" first.`);
}

let host: ReturnType<typeof createDeskHost>;
try {
  host = createDeskHost({ dataDir, logger });
} catch (error) {
  fail(error instanceof Error ? error.message : String(error));
}

const server = createServer();
server.listen(port, '127.0.0.1', () => {
  const address = server.address();
  const actualPort = typeof address === 'object' && address ? address.port : port;
  const guard = createLoopbackGuard(actualPort);
  const carrier = createWebSocketCarrier({ hub: host.hub, dispatch: host.dispatch, guard, logger });
  const headExtra = values['test-hooks'] ? '<meta name="softphone-test-hooks" content="on">' : undefined;

  // The local API shares this port: /v1/… and /apps/api/… (it runs its own Host, Origin and token checks).
  const api = createApiHost(host, {
    port: () => actualPort,
    uiOrigins: [`http://127.0.0.1:${actualPort}`, `http://localhost:${actualPort}`],
    logger,
  });

  server.on('request', (request, response) => {
    if (isApiPath(new URL(request.url ?? '/', 'http://localhost').pathname)) {
      void api.handler(request, response);
      return;
    }
    if (!guard.hostAllowed(request.headers.host)) {
      response.writeHead(421, { 'Content-Type': 'text/plain' }).end('Misdirected request: unknown Host');
      return;
    }
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      response.writeHead(405, { 'Content-Type': 'text/plain', Allow: 'GET' }).end('Method not allowed');
      return;
    }
    const path = new URL(request.url ?? '/', 'http://localhost').pathname;
    void serveStatic(path, response, { root: rendererDir, headExtra });
  });
  server.on('upgrade', (request, socket, head) => {
    if (new URL(request.url ?? '/', 'http://localhost').pathname !== '/desk') {
      socket.end('HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n');
      return;
    }
    carrier.handleUpgrade(request, socket, head);
  });

  const shutdown = (): void => {
    carrier.close();
    server.close();
    host.close();
    process.exit(0);
  };
  process.on('SIGTERM', shutdown);
  process.on('SIGINT', shutdown);

  process.stdout.write(`Switchboard Desk (browser mode) ready at http://127.0.0.1:${actualPort}/ (data: ${dataDir})\n`);
});
server.on('error', (error) => fail(`Cannot listen on 127.0.0.1:${port}: ${error.message}`));

function fail(message: string): never {
  process.stderr.write(`${message}\n`);
  process.exit(1);
}
