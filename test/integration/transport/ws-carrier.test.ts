/**
 * Browser mode's desk socket admits only its own page: browsers do not apply the same-origin
 * rule to WebSockets, and DNS rebinding can point a foreign name at 127.0.0.1.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { DeskHub } from '../../../src-main/transport/desk-hub.js';
import type { Dispatch } from '../../../src-main/transport/dispatcher.js';
import { createLoopbackGuard } from '../../../src-main/transport/loopback-guard.js';
import { createWebSocketCarrier, type WebSocketCarrier } from '../../../src-main/transport/ws-carrier.js';

const quiet = { info: () => undefined, warn: () => undefined, error: () => undefined };

let server: Server;
let carrier: WebSocketCarrier;
let port: number;
let dispatched: unknown[];
let hub: DeskHub;
const CALL = '00000000-0000-4000-8000-000000000001';

beforeEach(async () => {
  dispatched = [];
  server = createServer();
  await new Promise<void>((ready) => server.listen(0, '127.0.0.1', ready));
  port = (server.address() as AddressInfo).port;
  const dispatch: Dispatch = async (method, params) => {
    dispatched.push({ method, params });
    return { ok: true, value: 'pong' };
  };
  hub = new DeskHub({ onDeskLost: () => undefined });
  carrier = createWebSocketCarrier({
    hub,
    dispatch,
    guard: createLoopbackGuard(port),
    logger: quiet,
  });
  server.on('upgrade', (request, socket, head) => carrier.handleUpgrade(request, socket, head));
});

afterEach(async () => {
  carrier.close();
  await new Promise((done) => server.close(done));
});

/** Opens a socket with the given headers; resolves with the first frame or the refusal status. */
function connect(headers: Record<string, string>): Promise<{ status: number; firstFrame?: unknown; socket?: WebSocket }> {
  return new Promise((resolve) => {
    const socket = new WebSocket(`ws://127.0.0.1:${port}/desk`, { headers });
    socket.on('unexpected-response', (_request, response) => resolve({ status: response.statusCode ?? 0 }));
    socket.on('error', () => resolve({ status: -1 }));
    socket.on('message', (data) => resolve({ status: 101, firstFrame: JSON.parse(String(data)), socket }));
  });
}

describe('desk WebSocket admission', () => {
  it('admits its own page and makes the first connection the desk', async () => {
    const result = await connect({ Origin: `http://127.0.0.1:${port}` });
    expect(result.status).toBe(101);
    expect(result.firstFrame).toEqual({ event: 'desk.role', payload: { active: true } });
    result.socket?.close();
  });

  it('answers requests through the dispatcher', async () => {
    const { socket } = await connect({ Origin: `http://localhost:${port}`, Host: `localhost:${port}` });
    const reply = new Promise((resolve) => socket!.on('message', (data) => resolve(JSON.parse(String(data)))));
    socket!.send(JSON.stringify({ id: 7, method: 'desk.state', params: {} }));
    expect(await reply).toEqual({ id: 7, result: { ok: true, value: 'pong' } });
    socket!.close();
  });

  it('sends a batch of pushes as one frame, a JSON array in order', async () => {
    const { socket } = await connect({ Origin: `http://127.0.0.1:${port}` });
    const frames: unknown[] = [];
    const arrived = new Promise<void>((resolve) =>
      socket!.on('message', (data) => {
        frames.push(JSON.parse(String(data)));
        resolve();
      }),
    );
    hub.inOneDelivery(() => {
      hub.send({ type: 'answer', call_id: CALL });
      hub.send({ type: 'bye', call_id: CALL });
    });
    await arrived;
    expect(frames).toEqual([
      [
        { event: 'telephony.command', payload: { type: 'answer', call_id: CALL } },
        { event: 'telephony.command', payload: { type: 'bye', call_id: CALL } },
      ],
    ]);
    socket!.close();
  });

  it.each([
    ['a foreign web page', { Origin: 'https://evil.example' }],
    ['a page on another local port', { Origin: 'http://127.0.0.1:1' }],
    ['no Origin at all', {}],
  ])('refuses %s with 403', async (_name, headers) => {
    const result = await connect(headers);
    expect(result.status).toBe(403);
    expect(dispatched).toEqual([]);
  });

  it('refuses a rebinding Host even with a matching-looking Origin', async () => {
    const result = await connect({ Origin: `http://evil.example:${port}`, Host: `evil.example:${port}` });
    expect(result.status).toBe(403);
  });

  it('drops malformed frames without answering or crashing', async () => {
    const { socket } = await connect({ Origin: `http://127.0.0.1:${port}` });
    socket!.send('not json');
    socket!.send(JSON.stringify({ id: 'x', method: 'desk.state' }));
    socket!.send(JSON.stringify({ id: 1, method: 'desk.state', params: {} }));
    const reply = await new Promise((resolve) => socket!.on('message', (data) => resolve(JSON.parse(String(data)))));
    expect(reply).toEqual({ id: 1, result: { ok: true, value: 'pong' } });
    expect(dispatched).toHaveLength(1);
    socket!.close();
  });
});
