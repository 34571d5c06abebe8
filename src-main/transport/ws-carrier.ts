/**
 * Browser mode's carrier: the contract over a WebSocket at /desk. Each socket is one desk
 * connection in the hub; each frame from the page is dispatched by the shared dispatcher. To the
 * page go replies {id, result}, pushes {event, payload}, and batches of pushes
 * [{event, payload}, …]. A ping every few seconds notices a page that died without closing its
 * socket.
 */
import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import type { Logger } from '../engine/ports/logger.js';
import type { DeskHub } from './desk-hub.js';
import type { Dispatch } from './dispatcher.js';
import type { LoopbackGuard } from './loopback-guard.js';

/** Largest frame we accept from a page; nothing in the contract comes close. */
const MAX_FRAME_BYTES = 256 * 1024;
const PING_INTERVAL_MS = 5000;

export interface WebSocketCarrier {
  handleUpgrade(request: IncomingMessage, socket: Duplex, head: Buffer): void;
  close(): void;
}

export function createWebSocketCarrier(options: {
  hub: DeskHub;
  dispatch: Dispatch;
  guard: LoopbackGuard;
  logger: Logger;
}): WebSocketCarrier {
  const { hub, dispatch, guard, logger } = options;
  const server = new WebSocketServer({ noServer: true, maxPayload: MAX_FRAME_BYTES });
  const alive = new WeakMap<WebSocket, boolean>();

  const pinger = setInterval(() => {
    for (const socket of server.clients) {
      if (alive.get(socket) === false) {
        socket.terminate();
        continue;
      }
      alive.set(socket, false);
      socket.ping();
    }
  }, PING_INTERVAL_MS);
  pinger.unref();

  server.on('connection', (socket: WebSocket) => {
    const id = randomUUID();
    alive.set(socket, true);
    socket.on('pong', () => alive.set(socket, true));
    hub.attach({
      id,
      send: (event, payload) => {
        if (socket.readyState === socket.OPEN) socket.send(JSON.stringify({ event, payload }));
      },
      // A batch travels as one frame: a JSON array of pushes.
      sendBatch: (messages) => {
        if (socket.readyState === socket.OPEN) socket.send(JSON.stringify(messages));
      },
    });
    socket.on('message', async (data) => {
      const frame = parseFrame(String(data));
      if (!frame) {
        logger.warn('malformed desk frame dropped', { connection: id });
        return;
      }
      const result = await dispatch(frame.method, frame.params, { connectionId: id, isActiveDesk: hub.isActive(id) });
      if (socket.readyState === socket.OPEN) socket.send(JSON.stringify({ id: frame.id, result }));
    });
    socket.on('close', () => hub.detach(id));
  });

  return {
    handleUpgrade(request, socket, head) {
      if (!guard.hostAllowed(request.headers.host) || !guard.originAllowed(request.headers.origin)) {
        logger.warn('desk connection refused', { host: request.headers.host, origin: request.headers.origin });
        socket.end('HTTP/1.1 403 Forbidden\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
        return;
      }
      server.handleUpgrade(request, socket, head, (ws) => server.emit('connection', ws, request));
    },
    close() {
      clearInterval(pinger);
      for (const socket of server.clients) socket.terminate();
      server.close();
    },
  };
}

function parseFrame(text: string): { id: number; method: unknown; params: unknown } | undefined {
  try {
    const frame: unknown = JSON.parse(text);
    if (typeof frame !== 'object' || frame === null) return undefined;
    const { id, method, params } = frame as Record<string, unknown>;
    if (typeof id !== 'number' || !Number.isSafeInteger(id)) return undefined;
    return { id, method, params };
  } catch {
    return undefined;
  }
}
