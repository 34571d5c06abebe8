/**
 * Seed 002's broadcasts (calls.broadcast_1 / calls.get_status_1): dial a target, play the
 * messages once it answers, hang up. Status of a request:
 *
 *   queued ──► dialling ──► playing ──► done
 *      │           │            │
 *      └───────────┴────────────┴──► failed (with a reason)
 *
 * Playing audio into the call is not carried by the desk yet (docs/local-api.md says so): an
 * answered broadcast therefore hangs up and ends `failed` with that reason, rather than claim
 * `done` for messages nobody heard.
 */
import type { CallSnapshot } from '../../contract/call.js';
import { TERMINAL_STATES } from '../../contract/call.js';
import type { CallEngine } from '../call-engine.js';
import type { IdSource } from '../ports/ids.js';

export const BROADCAST_STATUSES = ['queued', 'dialling', 'playing', 'done', 'failed'] as const;
export type BroadcastStatus = (typeof BROADCAST_STATUSES)[number];

export type BroadcastMessage = number | string;

export interface Broadcast {
  readonly request_id: string;
  readonly call_id: string;
  readonly target: string;
  readonly messages: readonly BroadcastMessage[];
  status: BroadcastStatus;
  reason: string | null;
}

export const PLAYBACK_MISSING = 'Playing media into a call is not supported by this desk yet';

export class BroadcastService {
  readonly #engine: CallEngine;
  readonly #ids: IdSource;
  readonly #byRequest = new Map<string, Broadcast>();
  readonly #byCall = new Map<string, Broadcast>();

  constructor(engine: CallEngine, ids: IdSource) {
    this.#engine = engine;
    this.#ids = ids;
    engine.events.on('call.updated', (call) => this.#callUpdated(call));
  }

  /** Dials now; throws the engine's DeskError when the call cannot be placed (nothing kept). */
  start(target: string, messages: readonly BroadcastMessage[], timeoutSeconds?: number): Broadcast {
    const callId = this.#ids.uuid();
    const broadcast: Broadcast = {
      request_id: this.#ids.uuid(),
      call_id: callId,
      target,
      messages,
      status: 'queued',
      reason: null,
    };
    this.#byCall.set(callId, broadcast);
    try {
      this.#engine.dial({ id: callId, target, createMethod: 'API', labels: { broadcast: 'true' }, timeoutSeconds });
    } catch (error) {
      this.#byCall.delete(callId);
      throw error;
    }
    this.#byRequest.set(broadcast.request_id, broadcast);
    return broadcast;
  }

  get(requestId: string): Broadcast | undefined {
    return this.#byRequest.get(requestId);
  }

  #callUpdated(call: CallSnapshot): void {
    const broadcast = this.#byCall.get(call.id);
    if (!broadcast || broadcast.status === 'done' || broadcast.status === 'failed') return;
    if (call.state === 'STARTING' || call.state === 'RINGING') broadcast.status = 'dialling';
    else if (call.state === 'IN_PROGRESS') {
      broadcast.status = 'failed';
      broadcast.reason = PLAYBACK_MISSING;
      // After this announcement has reached every listener: a nested end would overtake it.
      void Promise.resolve().then(() => {
        if (this.#engine.getCall(call.id).state === 'IN_PROGRESS') this.#engine.hangup(call.id);
      });
    } else if (TERMINAL_STATES.has(call.state)) {
      broadcast.status = 'failed';
      broadcast.reason = `The call ended ${call.state} before the messages were played`;
    }
  }
}
