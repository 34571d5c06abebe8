/**
 * The path of a scheduled call, seed 004's status as one record moves forward. A forward-only
 * state machine: a table of allowed next statuses plus one guard; terminal statuses absorb.
 *
 *   scheduled ──► queued ──► connecting ──► connected ──► finished
 *       │           │            │              │
 *       │           └────────────┴──────────────┴──► failed
 *       └──► cancelled | expired | missed | failed
 *
 * - scheduled: waiting for its time (the agent may be prompted, or may have accepted).
 * - queued: the scheduler claimed it and handed it to the call engine (the leg exists, QUEUED).
 * - connecting / connected / finished / failed: derived from the leg's telephony state.
 * - cancelled: the agent or an integration cancelled it before it was dialled.
 * - expired: the agent was prompted and did not act within the expiry window.
 * - missed: the app was not running or asleep when it was due, and it was too late to fire
 *   (the overdue policy in docs/scheduled-calls.md).
 * - failed from scheduled: a claim that never became a dial (a crash between the two, or the
 *   dial refused): the record says why and it is never redialled.
 * Skipping ahead is legal (queued → connected when no ringing was reported).
 */
export const SCHEDULED_CALL_STATUSES = [
  'scheduled',
  'queued',
  'connecting',
  'connected',
  'finished',
  'failed',
  'cancelled',
  'expired',
  'missed',
] as const;
export type ScheduledCallStatus = (typeof SCHEDULED_CALL_STATUSES)[number];

export const SCHEDULED_CALL_TRANSITIONS: Readonly<Record<ScheduledCallStatus, readonly ScheduledCallStatus[]>> = {
  scheduled: ['queued', 'connecting', 'connected', 'finished', 'failed', 'cancelled', 'expired', 'missed'],
  queued: ['connecting', 'connected', 'finished', 'failed'],
  connecting: ['connected', 'finished', 'failed'],
  connected: ['finished', 'failed'],
  finished: [],
  failed: [],
  cancelled: [],
  expired: [],
  missed: [],
};

export function isTerminalScheduledStatus(status: ScheduledCallStatus): boolean {
  return SCHEDULED_CALL_TRANSITIONS[status].length === 0;
}

export function canMoveScheduledCall(from: ScheduledCallStatus, to: ScheduledCallStatus): boolean {
  return SCHEDULED_CALL_TRANSITIONS[from].includes(to);
}

/** Our own code asked to move a scheduled call backwards or out of a terminal status: a bug. */
export class IllegalScheduledCallMoveError extends Error {
  readonly code = 'illegal_scheduled_call_move';
  constructor(
    readonly from: ScheduledCallStatus,
    readonly to: ScheduledCallStatus,
  ) {
    super(`A scheduled call cannot move from ${from} to ${to}`);
    this.name = 'IllegalScheduledCallMoveError';
  }
}

/** The one guard: returns `to` when the move is legal (or no move), throws otherwise. */
export function moveScheduledCall(from: ScheduledCallStatus, to: ScheduledCallStatus): ScheduledCallStatus {
  if (from === to) return to;
  if (!canMoveScheduledCall(from, to)) throw new IllegalScheduledCallMoveError(from, to);
  return to;
}
