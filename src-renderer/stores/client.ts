/**
 * How the stores reach main. The composition root (main.ts) installs the bridge's client once;
 * unit tests install a hand-made in-memory client. Stores never import the bridge directly, so
 * they run in node without a window or a socket.
 */
import type { DeskClient } from '../../src-main/contract/client.js';
import type { MethodName, MethodParams, MethodResult } from '../../src-main/contract/methods.js';
import type { Result } from '../../src-main/contract/result.js';

/** The contract plus the connection's lifecycle. The bridge's ReconnectingClient satisfies it. */
export interface DeskConnection extends DeskClient {
  /** Called after every (re)connection, including the first (at once if already connected). */
  onConnected(listener: () => void): () => void;
  onDisconnected(listener: () => void): () => void;
  readonly connected: boolean;
}

let installed: DeskConnection | null = null;

export function installDeskClient(client: DeskConnection | null): void {
  installed = client;
}

export function deskClient(): DeskConnection {
  if (!installed) throw new Error('installDeskClient() must run before a store talks to main');
  return installed;
}

/**
 * invoke() that never rejects: a thrown transport error becomes an `internal` result so that
 * every action has one failure path (a message shown near the control).
 */
export async function call<M extends MethodName>(method: M, params: MethodParams<M>): Promise<Result<MethodResult<M>>> {
  try {
    return await deskClient().invoke(method, params);
  } catch (error) {
    const message = error instanceof Error && error.message ? error.message : 'The desk host did not answer';
    return { ok: false, error: { code: 'internal', message } };
  }
}
