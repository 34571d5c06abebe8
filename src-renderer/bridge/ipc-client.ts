/** Desktop: the contract over the preload's `window.softphone` bridge (Electron IPC). */
import type { PreloadBridge } from '../../src-main/contract/client.js';
import type { EventName, EventPayload } from '../../src-main/contract/events.js';
import type { MethodName, MethodParams, MethodResult } from '../../src-main/contract/methods.js';
import type { Result } from '../../src-main/contract/result.js';
import type { ReconnectingClient } from './ws-client.js';

export function createIpcClient(bridge: PreloadBridge): ReconnectingClient {
  return {
    connected: true,
    invoke<M extends MethodName>(method: M, params: MethodParams<M>) {
      return bridge.invoke(method, params) as Promise<Result<MethodResult<M>>>;
    },
    on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void) {
      return bridge.on(event, listener as (payload: unknown) => void);
    },
    // IPC lives as long as the window: connected once, never dropped.
    onConnected(listener) {
      listener();
      return () => undefined;
    },
    onDisconnected() {
      return () => undefined;
    },
  };
}
