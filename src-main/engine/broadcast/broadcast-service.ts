/**
 * Seed 002's broadcasts (calls.broadcast_1 / calls.get_status_1): dial a target, play the
 * messages in order once it answers, hang up. Status of a request:
 *
 *   queued ──► dialling ──► playing ──► done
 *      │           │            │
 *      └───────────┴────────────┴──► failed (with a reason)
 *
 * `done` means the desk reported every message played; the call is then hung up. Text-to-speech
 * messages (`TTS|VOICE|text`) are validated but this desk has no voice yet: such a broadcast
 * ends `failed` at once, before dialling, rather than call someone to play them half a message.
 * Terminal statuses absorb (a late call end never turns `done` into `failed`).
 */
import type { CallSnapshot } from '../../contract/call.js';
import { TERMINAL_STATES } from '../../contract/call.js';
import type { CallEngine } from '../call-engine.js';
import type { IdSource } from '../ports/ids.js';
import type { CallPlayback, PlaybackEnd } from '../playback/call-playback.js';

export const BROADCAST_STATUSES = ['queued', 'dialling', 'playing', 'done', 'failed'] as const;
export type BroadcastStatus = (typeof BROADCAST_STATUSES)[number];

export type BroadcastMessage = number | string;

export interface Broadcast {
  readonly request_id: string;
  /** The call's record id; null when the broadcast failed before dialling. */
  readonly call_id: string | null;
  readonly target: string;
  readonly messages: readonly BroadcastMessage[];
  status: BroadcastStatus;
  reason: string | null;
}

/** Allowed next statuses (terminal ones absorb). */
const NEXT: Readonly<Record<BroadcastStatus, readonly BroadcastStatus[]>> = {
  queued: ['dialling', 'playing', 'failed'],
  dialling: ['playing', 'failed'],
  playing: ['done', 'failed'],
  done: [],
  failed: [],
};

export function canMoveBroadcast(from: BroadcastStatus, to: BroadcastStatus): boolean {
  return NEXT[from].includes(to);
}

export const TTS_MISSING = 'Text-to-speech (TTS|VOICE|text) is not available on this desk yet: use media ids from the media library';

export class BroadcastService {
  readonly #engine: CallEngine;
  readonly #ids: IdSource;
  readonly #playback: CallPlayback;
  readonly #byRequest = new Map<string, Broadcast>();
  readonly #byCall = new Map<string, Broadcast>();

  constructor(engine: CallEngine, ids: IdSource, playback: CallPlayback) {
    this.#engine = engine;
    this.#ids = ids;
    this.#playback = playback;
    engine.events.on('call.updated', (call) => this.#callUpdated(call));
  }

  /**
   * Dials now; throws the engine's DeskError when the call cannot be placed (nothing kept).
   * Media ids must be in the library (the caller checks).
   */
  start(target: string, messages: readonly BroadcastMessage[], timeoutSeconds?: number): Broadcast {
    if (messages.some((message) => typeof message === 'string')) {
      const failed: Broadcast = { request_id: this.#ids.uuid(), call_id: null, target, messages, status: 'failed', reason: TTS_MISSING };
      this.#byRequest.set(failed.request_id, failed);
      return failed;
    }
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

  #move(broadcast: Broadcast, to: BroadcastStatus, reason: string | null = null): boolean {
    if (broadcast.status === to || !canMoveBroadcast(broadcast.status, to)) return false;
    broadcast.status = to;
    if (reason !== null) broadcast.reason = reason;
    return true;
  }

  #callUpdated(call: CallSnapshot): void {
    const broadcast = this.#byCall.get(call.id);
    if (!broadcast) return;
    if (call.state === 'STARTING' || call.state === 'RINGING') {
      this.#move(broadcast, 'dialling');
    } else if (call.state === 'IN_PROGRESS') {
      if (!this.#move(broadcast, 'playing')) return;
      const mediaIds = broadcast.messages.filter((message): message is number => typeof message === 'number');
      // After this announcement has reached every listener: the play command follows the answer.
      void Promise.resolve().then(() => {
        if (this.#engine.getCall(call.id).state !== 'IN_PROGRESS') return;
        this.#playback.play(call.id, mediaIds, (end) => this.#played(broadcast, end));
      });
    } else if (TERMINAL_STATES.has(call.state)) {
      this.#byCall.delete(call.id);
      this.#move(
        broadcast,
        'failed',
        broadcast.status === 'playing'
          ? 'The far end hung up before every message was played'
          : `The call ended ${call.state} before the messages were played`,
      );
    }
  }

  #played(broadcast: Broadcast, end: PlaybackEnd): void {
    const live = !TERMINAL_STATES.has(this.#engine.getCall(end.callId).state);
    if (end.outcome === 'finished') this.#move(broadcast, 'done');
    else if (end.outcome === 'failed') this.#move(broadcast, 'failed', `Playing the messages failed: ${end.message ?? 'no reason given'}`);
    else if (live) this.#move(broadcast, 'failed', 'The playback was stopped before every message was played');
    else this.#move(broadcast, 'failed', 'The far end hung up before every message was played');
    if (live) this.#engine.hangup(end.callId);
  }
}
