/**
 * The only code in the renderer that talks to main. Picks the carrier: the Electron preload
 * bridge when present, else a WebSocket to the browser-mode host that served this page.
 */
import type { PreloadBridge } from '../../src-main/contract/client.js';
import { createIpcClient } from './ipc-client.js';
import { createWebSocketClient, type ReconnectingClient } from './ws-client.js';

export type { ReconnectingClient } from './ws-client.js';

declare global {
  interface Window {
    softphone?: PreloadBridge;
  }
}

export function connectDesk(): ReconnectingClient {
  if (window.softphone) return createIpcClient(window.softphone);
  const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
  return createWebSocketClient(`${scheme}//${location.host}/desk`);
}

/** Unwrap a result or throw its message: for actions whose failure the UI shows as an error. */
export function expectOk<T>(result: { ok: true; value: T } | { ok: false; error: { code: string; message: string } }): T {
  if (!result.ok) throw new DeskActionError(result.error.code, result.error.message);
  return result.value;
}

export class DeskActionError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'DeskActionError';
  }
}
