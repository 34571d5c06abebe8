/**
 * Browser mode: the contract over one WebSocket to the local host process.
 * Frames: request {id, method, params} → reply {id, result}; push {event, payload}; a batch of
 * pushes [{event, payload}, …] (what one unit of the host's work sent), handled in one go.
 * Reconnects by itself (the host may restart); `onReconnect` lets the desk resync its state.
 */
import type { DeskClient } from '../../src-main/contract/client.js';
import type { EventName, EventPayload } from '../../src-main/contract/events.js';
import type { MethodName, MethodParams, MethodResult } from '../../src-main/contract/methods.js';
import type { Result } from '../../src-main/contract/result.js';

type Pending = { resolve: (result: Result<unknown>) => void };
type Push = { event: string; payload: unknown };

export interface ReconnectingClient extends DeskClient {
  /** Called after every successful (re)connection, including the first. */
  onConnected(listener: () => void): () => void;
  onDisconnected(listener: () => void): () => void;
  readonly connected: boolean;
}

const RETRY_MS = [250, 500, 1000, 2000];

export function createWebSocketClient(url: string): ReconnectingClient {
  let socket: WebSocket | null = null;
  let nextId = 1;
  let attempt = 0;
  let connected = false;
  const pending = new Map<number, Pending>();
  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  const connectedListeners = new Set<() => void>();
  const disconnectedListeners = new Set<() => void>();

  function deliver(push: Push): void {
    listeners.get(push.event)?.forEach((listener) => listener(push.payload));
  }

  function open(): void {
    const ws = new WebSocket(url);
    socket = ws;
    ws.onopen = () => {
      attempt = 0;
      connected = true;
      connectedListeners.forEach((listener) => listener());
    };
    ws.onmessage = (message) => {
      const frame = JSON.parse(String(message.data)) as Push[] | Push | { id: number; result: Result<unknown> };
      if (Array.isArray(frame)) {
        frame.forEach(deliver);
      } else if ('id' in frame) {
        pending.get(frame.id)?.resolve(frame.result);
        pending.delete(frame.id);
      } else {
        deliver(frame);
      }
    };
    ws.onclose = () => {
      const wasConnected = connected;
      connected = false;
      socket = null;
      // Requests in flight will never be answered by this socket: fail them now.
      for (const [id, request] of pending) {
        request.resolve({ ok: false, error: { code: 'internal', message: 'Lost the connection to the desk host' } });
        pending.delete(id);
      }
      if (wasConnected) disconnectedListeners.forEach((listener) => listener());
      const delay = RETRY_MS[Math.min(attempt, RETRY_MS.length - 1)] ?? 2000;
      attempt += 1;
      setTimeout(open, delay);
    };
  }
  open();

  return {
    get connected() {
      return connected;
    },
    invoke<M extends MethodName>(method: M, params: MethodParams<M>): Promise<Result<MethodResult<M>>> {
      return new Promise((resolve) => {
        if (!socket || socket.readyState !== WebSocket.OPEN) {
          resolve({ ok: false, error: { code: 'internal', message: 'Not connected to the desk host' } });
          return;
        }
        const id = nextId++;
        pending.set(id, { resolve: resolve as Pending['resolve'] });
        socket.send(JSON.stringify({ id, method, params }));
      });
    },
    on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void {
      const set = listeners.get(event) ?? new Set();
      listeners.set(event, set);
      const wrapped = listener as (payload: unknown) => void;
      set.add(wrapped);
      return () => set.delete(wrapped);
    },
    onConnected(listener) {
      connectedListeners.add(listener);
      if (connected) listener();
      return () => connectedListeners.delete(listener);
    },
    onDisconnected(listener) {
      disconnectedListeners.add(listener);
      return () => disconnectedListeners.delete(listener);
    },
  };
}
