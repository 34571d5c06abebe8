import type { ScheduledItem, ScheduleStage } from '../scheduler/scheduled-item.js';
import type { ScheduledCallStatus } from '../scheduler/scheduled-call-status.js';

/**
 * Terminal outcomes a scheduled call can get without a leg; stored as its fail_reason.
 * interrupted and dial_failed are status "failed" (a claim that never became a call).
 */
export type LeglessOutcome = 'cancelled' | 'expired' | 'missed' | 'interrupted' | 'dial_failed';

export function statusOfOutcome(outcome: string | null): ScheduledCallStatus {
  return outcome === 'cancelled' || outcome === 'expired' || outcome === 'missed' ? outcome : 'failed';
}

/** A scheduled call the agent sees in the Callbacks panel (upcoming or past). */
export interface CallbackRow {
  readonly id: string;
  readonly due: number;
  readonly target: string;
  readonly parent_id: string | null;
  readonly stage: ScheduleStage | null;
  readonly status: ScheduledCallStatus;
  readonly fail_reason: string | null;
}

/**
 * The scheduler's durable state (scheduled_calls + contact_centre_calls). Synchronous and durable
 * on return: every write is committed before the method returns.
 */
export interface ScheduledCallRepository {
  /** Undialled items due at or before `until`, earliest first (the working set). */
  dueBy(until: number, limit: number): ScheduledItem[];
  /** The earliest undialled item due after `after`: "what is due next". */
  nextAfter(after: number): { id: string; due: number } | undefined;
  get(id: string): ScheduledItem | undefined;
  setStage(id: string, patch: Partial<Pick<ScheduledItem, 'stage' | 'prompted_at' | 'accepted_at' | 'dismissed_at'>>): void;
  /** New due time; the item goes back to waiting. Returns false when it is no longer undialled. */
  reschedule(id: string, due: number): boolean;
  /**
   * The claim to dial, in one transaction: the item leaves the undialled set and the record
   * says it has a leg. Returns false (and writes nothing) if it was not undialled any more.
   */
  claim(id: string, now: number): boolean;
  /** End an undialled (or claimed but never dialled) item with a legless outcome. */
  finish(id: string, outcome: LeglessOutcome, details: string, now: number): boolean;
  /** Claims that never produced a leg (the app stopped between claim and dial). */
  claimsWithoutLeg(): string[];
  /** The status last recorded for a scheduled call, for the forward-only guard. */
  status(id: string): ScheduledCallStatus | undefined;
  setStatus(id: string, status: ScheduledCallStatus): void;
  /** Upcoming (undialled), earliest first. */
  upcoming(limit: number): CallbackRow[];
  /** Past (dialled or ended), newest due first. */
  past(limit: number): CallbackRow[];
}
