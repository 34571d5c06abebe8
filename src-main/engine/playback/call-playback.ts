/**
 * Audio played into calls (seed 002's broadcasts, real-time apps' `play` command): at most one
 * playback per call at a time. The desk plays; this keeps track of what is in progress, so that
 * calls.realtime_break can stop it and its owner hears how it ended.
 *
 * A playback ends exactly once: with the desk's `playback_ended` event, or `stopped` when its
 * call reaches a terminal state first (the desk is gone, or the far end hung up).
 */
import { TERMINAL_STATES } from '../../contract/call.js';
import type { CallEngine } from '../call-engine.js';
import type { IdSource } from '../ports/ids.js';

export type PlaybackOutcome = 'finished' | 'stopped' | 'failed';

export interface PlaybackEnd {
  readonly callId: string;
  readonly playbackId: string;
  readonly outcome: PlaybackOutcome;
  /** Why it failed, or null. */
  readonly message: string | null;
}

type EndListener = (end: PlaybackEnd) => void;

export class CallPlayback {
  readonly #engine: CallEngine;
  readonly #ids: IdSource;
  /** call id → the playback in progress and who wants to hear its end. */
  readonly #playing = new Map<string, { playbackId: string; onEnd: EndListener }>();

  constructor(engine: CallEngine, ids: IdSource) {
    this.#engine = engine;
    this.#ids = ids;
    engine.events.on('playback.ended', (event) =>
      this.#ended(event.call_id, event.playback_id, event.outcome, event.message ?? null),
    );
    engine.events.on('call.updated', (call) => {
      const current = this.#playing.get(call.id);
      if (current && TERMINAL_STATES.has(call.state)) this.#ended(call.id, current.playbackId, 'stopped', null);
    });
  }

  /**
   * Play these media ids into an answered call, replacing one already in progress (which ends
   * `stopped`). `onEnd` runs once, when this playback ends. Returns the playback id.
   */
  play(callId: string, mediaIds: readonly number[], onEnd: EndListener): string {
    const previous = this.#playing.get(callId);
    if (previous) this.#ended(callId, previous.playbackId, 'stopped', null);
    const playbackId = this.#ids.uuid();
    this.#playing.set(callId, { playbackId, onEnd });
    this.#engine.sendTelephony({ type: 'play', call_id: callId, playback_id: playbackId, media_ids: [...mediaIds] });
    return playbackId;
  }

  isPlaying(callId: string): boolean {
    return this.#playing.has(callId);
  }

  /** Stop the playback in progress on this call; false when there is none. */
  stop(callId: string): boolean {
    const current = this.#playing.get(callId);
    if (!current) return false;
    this.#engine.sendTelephony({ type: 'stop_playback', call_id: callId });
    // Settled now: the break has happened for the caller; the desk's own `stopped` report is then ignored.
    this.#ended(callId, current.playbackId, 'stopped', null);
    return true;
  }

  #ended(callId: string, playbackId: string, outcome: PlaybackOutcome, message: string | null): void {
    const current = this.#playing.get(callId);
    // A late report of a playback already replaced or stopped: nothing to do.
    if (!current || current.playbackId !== playbackId) return;
    this.#playing.delete(callId);
    current.onEnd({ callId, playbackId, outcome, message });
  }
}
