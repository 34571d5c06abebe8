/**
 * Seed 002's real-time calls (calls.realtime): every event of the call is POSTed to the app's
 * URL, in order, and the app's reply may hold the next command for the call
 * (docs/local-api.md, "Real-time apps"):
 *
 *   { "command": "play", "media": [1, 2] }   play media-library items in order (replaces a playback in progress)
 *   { "command": "hangup" }                  end the call
 *   {} or an empty body or 204               nothing to do
 *
 * Events: `call.state_changed` (with the call object) on each change of state or status,
 * `playback.ended` (outcome finished / stopped / failed) when a play command ends, and
 * `command.rejected` when a reply held a command this desk could not carry out (with why).
 * calls.realtime_break stops the playback in progress. Posts never block the call: each has a
 * timeout and bounded retries, and a failing app is only logged.
 */
import { z } from 'zod';
import { TERMINAL_STATES } from '../contract/call.js';
import type { CallEngine } from '../engine/call-engine.js';
import type { CallObject } from '../engine/contact-centre/contact-centre-service.js';
import type { Logger } from '../engine/ports/logger.js';
import type { MediaLibrary } from '../engine/ports/media-library.js';
import type { CallPlayback, PlaybackEnd } from '../engine/playback/call-playback.js';
import { firstIssueMessage } from './issue-message.js';

export const RealtimeCommand = z.discriminatedUnion('command', [
  z
    .object({
      command: z.literal('play'),
      media: z.array(z.number().int().min(1, 'a media id is a positive integer')).min(1, 'media must hold at least one media id').max(50),
    })
    .strict(),
  z.object({ command: z.literal('hangup') }).strict(),
]);
export type RealtimeCommand = z.infer<typeof RealtimeCommand>;

export interface RealtimeAppsOptions {
  readonly engine: CallEngine;
  readonly playback: CallPlayback;
  readonly media: MediaLibrary;
  readonly logger: Logger;
  /** Attempts per event, the first included. */
  readonly attempts?: number;
  readonly timeoutMs?: number;
  /** Delay before retry n (1-based): base × 2^(n-1). */
  readonly backoffMs?: number;
}

interface Followed {
  readonly url: string;
  readonly callid: number;
  lastKey: string | null;
  queue: Promise<void>;
}

type RealtimeEvent =
  | { event: 'call.state_changed'; call: CallObject | Record<string, unknown> }
  | { event: 'playback.ended'; call_id: string; callid: number; playback_id: string; outcome: PlaybackEnd['outcome']; message: string | null }
  | { event: 'command.rejected'; call_id: string; callid: number; message: string };

export class RealtimeApps {
  readonly #options: Required<RealtimeAppsOptions>;
  readonly #followed = new Map<string, Followed>();

  constructor(options: RealtimeAppsOptions) {
    this.#options = { attempts: 3, timeoutMs: 5000, backoffMs: 500, ...options };
  }

  /** Start posting this call's events to the app at `url`, beginning with its current object. */
  follow(callId: string, url: string, object: CallObject | (Record<string, unknown> & { callid: number })): void {
    const followed: Followed = { url, callid: Number(object.callid), lastKey: null, queue: Promise.resolve() };
    this.#followed.set(callId, followed);
    this.callChanged(callId, object);
  }

  isFollowed(callId: string): boolean {
    return this.#followed.has(callId);
  }

  /** A followed call's object changed: post it when its state or status did. */
  callChanged(callId: string, object: CallObject | Record<string, unknown>): void {
    const followed = this.#followed.get(callId);
    if (!followed) return;
    const key = `${String(object.state)}|${String(object.status)}`;
    if (followed.lastKey === key) return;
    followed.lastKey = key;
    this.#post(callId, followed, { event: 'call.state_changed', call: object });
    if (TERMINAL_STATES.has(String(object.state) as never)) {
      // Forget the call once its last post is answered (a reply can't command an ended call).
      const last = followed.queue;
      void last.then(() => {
        if (this.#followed.get(callId) === followed && followed.queue === last) this.#followed.delete(callId);
      });
    }
  }

  /** calls.realtime_break: stop the command in progress (a playback); false when none runs. */
  break(callId: string): boolean {
    return this.#options.playback.stop(callId);
  }

  /** Resolves when every queued post has been answered or given up (tests, shutdown). */
  async idle(): Promise<void> {
    for (;;) {
      const queues = [...this.#followed.values()].map((followed) => followed.queue);
      await Promise.allSettled(queues);
      const after = [...this.#followed.values()].map((followed) => followed.queue);
      if (after.length === queues.length && after.every((queue, index) => queue === queues[index])) return;
    }
  }

  #post(callId: string, followed: Followed, event: RealtimeEvent): void {
    followed.queue = followed.queue.then(async () => {
      const reply = await this.#deliver(followed.url, event);
      if (reply !== undefined) this.#carryOut(callId, followed, reply);
    });
  }

  /** POST one event; the parsed JSON reply, or undefined (no reply body, or given up). */
  async #deliver(url: string, event: RealtimeEvent): Promise<unknown> {
    const { attempts, timeoutMs, backoffMs, logger } = this.#options;
    const body = JSON.stringify(event);
    for (let attempt = 1; attempt <= attempts; attempt++) {
      try {
        const response = await fetch(url, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body,
          signal: AbortSignal.timeout(timeoutMs),
          redirect: 'manual',
        });
        if (response.ok) {
          const text = (await response.text()).trim();
          if (text === '') return undefined;
          try {
            return JSON.parse(text) as unknown;
          } catch {
            logger.warn('real-time app replied with something other than JSON; ignored', { event: event.event });
            return undefined;
          }
        }
        await response.body?.cancel();
        logger.warn('real-time app answered with an error', { status: response.status, attempt });
      } catch (error) {
        logger.warn('real-time app could not be reached', { error: String(error), attempt });
      }
      if (attempt < attempts) await new Promise((resolve) => setTimeout(resolve, backoffMs * 2 ** (attempt - 1)));
    }
    logger.warn('real-time app given up after bounded retries', { attempts, event: event.event });
    return undefined;
  }

  #carryOut(callId: string, followed: Followed, reply: unknown): void {
    if (typeof reply === 'object' && reply !== null && !Array.isArray(reply) && Object.keys(reply).length === 0) return;
    const rejected = (message: string): void => {
      this.#options.logger.warn('real-time command rejected', { call_id: callId, message });
      this.#post(callId, followed, { event: 'command.rejected', call_id: callId, callid: followed.callid, message });
    };
    const parsed = RealtimeCommand.safeParse(reply);
    if (!parsed.success) {
      rejected(`Not a command: ${firstIssueMessage(parsed.error.issues)} (expected {"command":"play","media":[…]} or {"command":"hangup"})`);
      return;
    }
    const { engine, playback, media } = this.#options;
    const state = engine.getCall(callId).state;
    if (TERMINAL_STATES.has(state)) {
      rejected(`The call has ended (${state}); "${parsed.data.command}" was not carried out`);
      return;
    }
    switch (parsed.data.command) {
      case 'hangup':
        engine.hangup(callId);
        return;
      case 'play': {
        if (state !== 'IN_PROGRESS') {
          rejected(`Media can be played once the call is answered; it is ${state}`);
          return;
        }
        const missing = parsed.data.media.find((id) => !media.has(id));
        if (missing !== undefined) {
          rejected(`media ${missing} is not in the media library (POST /v1/media)`);
          return;
        }
        playback.play(callId, parsed.data.media, (end) =>
          this.#post(callId, followed, {
            event: 'playback.ended',
            call_id: callId,
            callid: followed.callid,
            playback_id: end.playbackId,
            outcome: end.outcome,
            message: end.message,
          }),
        );
        return;
      }
    }
  }
}
