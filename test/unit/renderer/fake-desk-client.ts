/** A hand-made in-memory DeskConnection: records every invoke, answers from per-method handlers. */
import type { CallSnapshot } from '../../../src-main/contract/call.js';
import type { EventName, EventPayload } from '../../../src-main/contract/events.js';
import type { DeskState } from '../../../src-main/contract/methods.js';
import type { MethodName, MethodParams, MethodResult } from '../../../src-main/contract/methods.js';
import type { Result } from '../../../src-main/contract/result.js';
import { defaultSettings } from '../../../src-main/contract/settings.js';
import type { DeskConnection } from '../../../src-renderer/stores/client.js';

type Handler = (params: unknown) => Result<unknown> | Promise<Result<unknown>>;

export interface FakeDeskClient extends DeskConnection {
  readonly calls: { method: MethodName; params: unknown }[];
  handle<M extends MethodName>(method: M, handler: (params: MethodParams<M>) => Result<MethodResult<M>> | Promise<Result<MethodResult<M>>>): void;
  emit<E extends EventName>(event: E, payload: EventPayload<E>): void;
  connect(): void;
  disconnect(): void;
}

export function createFakeDeskClient(): FakeDeskClient {
  const handlers = new Map<MethodName, Handler>();
  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  const connectedListeners = new Set<() => void>();
  const disconnectedListeners = new Set<() => void>();
  const calls: { method: MethodName; params: unknown }[] = [];
  let connected = false;

  return {
    calls,
    get connected() {
      return connected;
    },
    async invoke<M extends MethodName>(method: M, params: MethodParams<M>): Promise<Result<MethodResult<M>>> {
      calls.push({ method, params });
      const handler = handlers.get(method);
      if (!handler) return { ok: false, error: { code: 'unknown_method', message: `no fake for ${method}` } };
      return (await handler(params)) as Result<MethodResult<M>>;
    },
    on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void) {
      const set = listeners.get(event) ?? new Set();
      listeners.set(event, set);
      set.add(listener as (payload: unknown) => void);
      return () => set.delete(listener as (payload: unknown) => void);
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
    handle(method, handler) {
      handlers.set(method, handler as Handler);
    },
    emit(event, payload) {
      listeners.get(event)?.forEach((listener) => listener(payload));
    },
    connect() {
      connected = true;
      connectedListeners.forEach((listener) => listener());
    },
    disconnect() {
      connected = false;
      disconnectedListeners.forEach((listener) => listener());
    },
  };
}

let counter = 0;

/** A call snapshot with sensible defaults; override what the test is about. */
export function snapshot(overrides: Partial<CallSnapshot> = {}): CallSnapshot {
  counter += 1;
  const id = overrides.id ?? `00000000-0000-4000-8000-${String(counter).padStart(12, '0')}`;
  return {
    id,
    callid: counter,
    direction: 'INCOMING',
    state: 'RINGING',
    end_reason: null,
    from: 'sip:1002@sip.test',
    to: 'sip:1001@sip.test',
    remote_name: null,
    labels: {},
    timeout_seconds: 30,
    create_method: 'INCOMING_CALL',
    originating_call: null,
    sip_call_id: null,
    error_code: null,
    error_message: null,
    create_time: new Date(Date.UTC(2030, 0, 1, 12, 0, counter)).toISOString(),
    start_time: null,
    ring_time: null,
    answer_time: null,
    end_time: null,
    answer_duration: null,
    held: false,
    muted: false,
    ...overrides,
  };
}

export function deskState(overrides: Partial<DeskState> = {}): DeskState {
  return {
    role: { active: true },
    settings: defaultSettings(),
    agent_status: 'available',
    rings_new_calls: true,
    registration: { state: 'registered', reason: null, next_attempt_at: null },
    live_calls: [],
    ...overrides,
  };
}

/** Let queued promise callbacks run. */
export async function flush(): Promise<void> {
  for (let i = 0; i < 10; i += 1) await Promise.resolve();
}
