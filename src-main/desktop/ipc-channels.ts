/**
 * The two IPC channels between the preload and main. Nothing else crosses IPC.
 *
 * - `desk:invoke` (renderer → main, invoke/handle): `{ method, params }` → a Result envelope
 * - `desk:event` (main → renderer, send/on): `{ event, payload }`, or an array of them (what one
 *   unit of main's work sent, delivered in order)
 */
export const INVOKE_CHANNEL = 'desk:invoke';
export const EVENT_CHANNEL = 'desk:event';

export interface InvokeMessage {
  readonly method: string;
  readonly params: unknown;
}

export interface EventMessage {
  readonly event: string;
  readonly payload: unknown;
}
