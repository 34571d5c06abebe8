/**
 * The scheduler: fires scheduled calls on time, at most once, across restarts, sleep and clock
 * changes. Its state lives in SQLite (ScheduledCallRepository); memory holds only one timer.
 *
 * How it stays correct:
 * - Every decision is taken by `decide()` against the WALL clock at the moment of a check, so a
 *   check after any gap (restart, sleep, clock jump) simply catches up.
 * - A check runs at start, on resume (desktop: powerMonitor), whenever a scheduled call is
 *   created or changed, and from one timer armed for the next action but never longer than
 *   MAX_TIMER_MS: timers run on monotonic time, which stalls during sleep and does not follow
 *   wall-clock jumps, so the wall clock is re-read at least that often. The same bound gives
 *   browser mode (no resume event) its 5 s budget for overdue items after a resume.
 * - The claim to dial is committed before the dial. A claim is taken once (the item leaves the
 *   undialled set in the same transaction), so nothing dials twice, even after a backwards
 *   jump of the wall clock; a claim left without a leg by a crash gets an outcome at start.
 */
import type { CallSnapshot } from '../../contract/call.js';
import { DeskError } from '../../contract/result.js';
import type { CallEngine } from '../call-engine.js';
import { statusOfLegState } from '../contact-centre/call-status.js';
import { blankContactCentreRecord } from '../contact-centre/contact-centre-record.js';
import { EventHub } from '../event-hub.js';
import type { ContactCentreRepository } from '../ports/contact-centre-repository.js';
import type { IdSource } from '../ports/ids.js';
import type { Logger } from '../ports/logger.js';
import type { MonotonicClock } from '../ports/monotonic-clock.js';
import type { CallbackRow, ScheduledCallRepository } from '../ports/scheduled-call-repository.js';
import type { SettingsSource } from '../ports/settings.js';
import type { TimerHandle } from '../ports/clock.js';
import { moveScheduledCall } from './scheduled-call-status.js';
import type { ScheduledItem } from './scheduled-item.js';
import { decide, policyOf, type SchedulerPolicy } from './scheduler-policy.js';

/** The longest a timer is trusted before the wall clock is read again (≤ 60 s; 5 s for resume). */
export const MAX_TIMER_MS = 5_000;
/** Items looked at per check; more than this many due at once are handled over several checks. */
const BATCH = 500;

export interface SchedulerDeps {
  readonly clock: MonotonicClock;
  readonly repo: ScheduledCallRepository;
  readonly contactCentre: ContactCentreRepository;
  readonly engine: CallEngine;
  readonly settings: SettingsSource;
  readonly ids: IdSource;
  readonly logger: Logger;
  /** A desk is there to carry a call now (connected and registered). */
  canDial(): boolean;
}

/** The in-app prompt (and desktop notification) for a callback that is about to be due. */
export interface CallbackPrompt {
  readonly id: string;
  readonly target: string;
  /** Epoch ms. */
  readonly due: number;
  readonly accepted: boolean;
}

export type SchedulerEvents = {
  /** Show the prompt: "Callback to X due at 10:30 — Accept / Not now". */
  'callback.prompt': CallbackPrompt;
  /** Hide it (accepted, dismissed, dialled, cancelled, expired, edited). */
  'callback.prompt_cleared': { readonly id: string };
  /** Something in the Callbacks panel changed. */
  'callbacks.changed': { readonly id: string };
  /** A scheduled call was dialled (wall time of the dial). */
  'callback.dialled': { readonly id: string; readonly at: number };
};

export interface ScheduleRequest {
  readonly target: string;
  /** Epoch ms, UTC. */
  readonly due: number;
  readonly parentId?: string | null;
}

/** Accepted callbacks are near the front of the upcoming list: look this far for one. */
const RESERVATION_SCAN = 50;

export class SchedulerService {
  readonly events = new EventHub<SchedulerEvents>();
  readonly #deps: SchedulerDeps;
  #timer: TimerHandle | undefined;
  #checking = false;
  #again = false;
  #stopped = true;
  /** Wall time of the next armed check, for tests and diagnostics. */
  #armedFor: number | null = null;

  constructor(deps: SchedulerDeps) {
    this.#deps = deps;
    deps.engine.events.on('call.updated', (snapshot) => this.#callUpdated(snapshot));
    deps.engine.addReservation(() => this.reservationReason());
  }

  /** Recover interrupted claims, then catch up at once (overdue items act here, at start). */
  start(): void {
    this.#stopped = false;
    const { repo, clock, logger } = this.#deps;
    for (const id of repo.claimsWithoutLeg()) {
      repo.finish(id, 'interrupted', 'The app stopped between the claim and the dial; not redialled', clock.now());
      logger.warn('scheduled call claimed but never dialled before a stop; recorded as failed', { id });
      this.events.emit('callbacks.changed', { id });
    }
    this.check();
  }

  stop(): void {
    this.#stopped = true;
    this.#disarm();
  }

  /** The machine woke up (desktop powerMonitor 'resume'): re-read the wall clock now. */
  resume(): void {
    this.check();
  }

  get armedFor(): number | null {
    return this.#armedFor;
  }

  /** Act on everything due by now and arm the timer for the next action. */
  check(): void {
    if (this.#stopped) return;
    if (this.#checking) {
      this.#again = true;
      return;
    }
    this.#checking = true;
    try {
      do {
        this.#again = false;
        this.#checkOnce();
      } while (this.#again);
    } finally {
      this.#checking = false;
    }
  }

  // ── Agent and API commands ────────────────────────────────────────────────

  /** A callback scheduled from the desk (history row, active call, or a new number). */
  schedule(request: ScheduleRequest): CallbackRow {
    const { clock, contactCentre, ids } = this.#deps;
    const now = clock.now();
    const target = request.target.trim();
    if (target === '') throw new DeskError('bad_request', 'Enter a number or SIP address to call back');
    if (!Number.isFinite(request.due) || request.due <= now) {
      throw new DeskError('bad_request', 'scheduled_at must be a future time');
    }
    const id = ids.uuid();
    contactCentre.save({
      ...blankContactCentreRecord(id, now),
      has_leg: false,
      phase: 'scheduled',
      call_type: 'Voice Scheduled (API)',
      parent_id: request.parentId ?? null,
      end_user_number: target,
      scheduled_at: request.due,
    });
    this.events.emit('callbacks.changed', { id });
    this.check();
    return this.#row(id);
  }

  /** PATCH scheduled_at: only while the call is still scheduled; the agent's accept is reset. */
  reschedule(id: string, due: number): CallbackRow {
    const now = this.#deps.clock.now();
    this.#requireScheduled(id);
    if (!Number.isFinite(due) || due <= now) throw new DeskError('bad_request', 'scheduled_at must be a future time');
    if (!this.#deps.repo.reschedule(id, due)) throw notScheduled(id);
    this.events.emit('callback.prompt_cleared', { id });
    this.events.emit('callbacks.changed', { id });
    this.check();
    return this.#row(id);
  }

  /** Cancel one or many; all are checked first, so a refusal cancels none. */
  cancel(ids: readonly string[]): CallbackRow[] {
    if (ids.length === 0) throw new DeskError('bad_request', 'ids must list at least one call id');
    const unique = [...new Set(ids)];
    for (const id of unique) this.#requireScheduled(id);
    const now = this.#deps.clock.now();
    for (const id of unique) {
      this.#deps.repo.finish(id, 'cancelled', 'Cancelled before its scheduled time', now);
      this.events.emit('callback.prompt_cleared', { id });
      this.events.emit('callbacks.changed', { id });
    }
    this.check();
    return unique.map((id) => this.#row(id));
  }

  /**
   * While the agent has accepted a callback that is not dialled yet, they are reserved for it:
   * incoming rings and API calls are refused as unavailable (480), so hunting moves on.
   */
  reservationReason(): string | null {
    const accepted = this.#deps.repo.upcoming(RESERVATION_SCAN).find((row) => row.stage === 'accepted');
    return accepted ? `Agent is reserved for the callback to ${accepted.target}` : null;
  }

  /**
   * The agent accepts the prompt: before the due time this reserves the agent and the call is
   * dialled at the due time, never before; after it, the call is dialled at once.
   */
  accept(id: string): CallbackRow {
    const item = this.#requireScheduled(id);
    const now = this.#deps.clock.now();
    if (now >= item.due) {
      this.#fire(item, now);
    } else {
      this.#deps.repo.setStage(id, { stage: 'accepted', accepted_at: now, prompted_at: item.prompted_at ?? now });
      this.events.emit('callback.prompt_cleared', { id });
      this.events.emit('callbacks.changed', { id });
      this.check();
    }
    return this.#row(id);
  }

  /** "Not now": hide the prompt. The callback stays in the panel and still expires on time. */
  dismiss(id: string): CallbackRow {
    const item = this.#requireScheduled(id);
    const now = this.#deps.clock.now();
    this.#deps.repo.setStage(id, {
      dismissed_at: now,
      stage: item.stage === 'waiting' ? 'prompted' : item.stage,
      prompted_at: item.prompted_at ?? now,
    });
    this.events.emit('callback.prompt_cleared', { id });
    this.events.emit('callbacks.changed', { id });
    return this.#row(id);
  }

  /** Prompts a page that (re)connects must show. */
  prompts(): CallbackPrompt[] {
    const now = this.#deps.clock.now();
    const { leadMs } = this.#policy();
    return this.#deps.repo
      .dueBy(now + leadMs, BATCH)
      .filter((item) => item.stage === 'prompted' && item.dismissed_at === null)
      .map((item) => promptOf(item));
  }

  list(limit = 100): { upcoming: CallbackRow[]; past: CallbackRow[] } {
    return { upcoming: this.#deps.repo.upcoming(limit), past: this.#deps.repo.past(limit) };
  }

  // ── Internals ─────────────────────────────────────────────────────────────

  #policy(): SchedulerPolicy {
    return policyOf(this.#deps.settings.current().scheduler);
  }

  #checkOnce(): void {
    const { clock, repo } = this.#deps;
    const policy = this.#policy();
    const now = clock.now();
    let wake = now + MAX_TIMER_MS;
    const items = repo.dueBy(now + policy.leadMs, BATCH);
    for (const item of items) {
      const decision = decide(item, now, policy);
      switch (decision.action) {
        case 'none':
          wake = Math.min(wake, decision.wakeAt);
          break;
        case 'prompt':
          repo.setStage(item.id, { stage: 'prompted', prompted_at: now });
          this.events.emit('callback.prompt', promptOf({ ...item, stage: 'prompted' }));
          this.events.emit('callbacks.changed', { id: item.id });
          this.#again = true; // its next step (due or expiry) is taken by the next pass
          break;
        case 'dial':
          if (!this.#fire(item, now)) wake = Math.min(wake, now + 1_000);
          break;
        case 'expire':
          this.#end(item.id, 'expired', 'The agent did not act within the expiry window', now);
          break;
        case 'miss':
          this.#end(item.id, 'missed', 'The app was not running or asleep at the due time, and it was too late to call', now);
          break;
      }
    }
    if (items.length === BATCH) wake = now;
    const next = repo.nextAfter(now + policy.leadMs);
    if (next) wake = Math.min(wake, next.due - policy.leadMs);
    this.#arm(Math.max(0, wake - now));
  }

  /** Claim (committed), then dial. Returns false when no desk can carry the call yet. */
  #fire(item: ScheduledItem, now: number): boolean {
    const { repo, engine, logger, settings } = this.#deps;
    if (!this.#deps.canDial()) {
      logger.warn('scheduled call due but no desk can carry it yet', { id: item.id });
      return false;
    }
    if (!repo.claim(item.id, now)) return true;
    this.events.emit('callback.prompt_cleared', { id: item.id });
    try {
      const domain = settings.current().sip.uri.replace(/^sips?:[^@]*@/, '').replace(/[;>].*$/, '');
      engine.dial({
        id: item.id,
        target: item.target,
        createMethod: 'API',
        originatingCall: item.parent_id,
        ...(item.outbound_number === null
          ? {}
          : { extraHeaders: [`P-Preferred-Identity: <sip:${item.outbound_number}@${domain}>`], fromUser: item.outbound_number }),
      });
      this.events.emit('callback.dialled', { id: item.id, at: now });
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      repo.finish(item.id, 'dial_failed', message, now);
      logger.warn('scheduled call could not be dialled; recorded as failed, not retried', { id: item.id, message });
    }
    this.events.emit('callbacks.changed', { id: item.id });
    return true;
  }

  #end(id: string, outcome: 'expired' | 'missed', details: string, now: number): void {
    this.#deps.repo.finish(id, outcome, details, now);
    this.events.emit('callback.prompt_cleared', { id });
    this.events.emit('callbacks.changed', { id });
  }

  #arm(delayMs: number): void {
    this.#disarm();
    const delay = Math.min(delayMs, MAX_TIMER_MS);
    this.#armedFor = this.#deps.clock.now() + delay;
    this.#timer = this.#deps.clock.setTimer(() => {
      this.#timer = undefined;
      this.check();
    }, delay);
  }

  #disarm(): void {
    if (this.#timer !== undefined) this.#deps.clock.clearTimer(this.#timer);
    this.#timer = undefined;
    this.#armedFor = null;
  }

  /** The leg of a dialled scheduled call moved: record its status, forward only. */
  #callUpdated(snapshot: CallSnapshot): void {
    const { repo, logger } = this.#deps;
    const current = repo.status(snapshot.id);
    if (current === undefined) return;
    const next = statusOfLegState(snapshot.state);
    if (next === current) return;
    try {
      repo.setStatus(snapshot.id, moveScheduledCall(current, next));
      this.events.emit('callbacks.changed', { id: snapshot.id });
    } catch (error) {
      logger.warn('scheduled call status would move backwards; ignored', { id: snapshot.id, from: current, to: next, error: String(error) });
    }
  }

  #requireScheduled(id: string): ScheduledItem {
    const item = this.#deps.repo.get(id);
    if (item) return item;
    if (this.#deps.repo.status(id) !== undefined || this.#deps.contactCentre.get(id)) throw notScheduled(id);
    throw new DeskError('not_found', `No call with id ${id}`);
  }

  #row(id: string): CallbackRow {
    const item = this.#deps.repo.get(id);
    const status = this.#deps.repo.status(id) ?? 'scheduled';
    const cc = this.#deps.contactCentre.get(id);
    return {
      id,
      due: item?.due ?? cc?.scheduled_at ?? 0,
      target: item?.target ?? cc?.end_user_number ?? '',
      parent_id: item?.parent_id ?? cc?.parent_id ?? null,
      stage: item?.stage ?? null,
      status,
      fail_reason: cc?.fail_reason ?? null,
    };
  }
}

function promptOf(item: ScheduledItem): CallbackPrompt {
  return { id: item.id, target: item.target, due: item.due, accepted: item.stage === 'accepted' };
}

function notScheduled(id: string): DeskError {
  return new DeskError('invalid_state', `Call ${id} is no longer scheduled`);
}
