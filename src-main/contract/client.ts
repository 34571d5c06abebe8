/** The typed client the renderer uses, whatever carries it (IPC or WebSocket). */
import type { EventName, EventPayload } from './events.js';
import type { MethodName, MethodParams, MethodResult } from './methods.js';
import type { Result } from './result.js';

export interface DeskClient {
  invoke<M extends MethodName>(method: M, params: MethodParams<M>): Promise<Result<MethodResult<M>>>;
  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void;
}

/** What the Electron preload puts on `window.softphone`: the same two functions, nothing else. */
export interface PreloadBridge {
  invoke(method: string, params: unknown): Promise<unknown>;
  on(event: string, listener: (payload: unknown) => void): () => void;
}
