/**
 * The scheduler's view of one scheduled call that has not been dialled yet: its due time (from
 * the contact-centre record) and how far the agent got with it. Stored in `scheduled_calls`
 * (migration 0005), keyed by the call's id.
 *
 *   waiting ──(lead time)──► prompted ──(accept)──► accepted ──(due)──► claimed
 *      └───────────(accept)───────────────────────────┘
 * Editing the due time puts an item back to waiting (the agent accepted another time).
 */
export type ScheduleStage = 'waiting' | 'prompted' | 'accepted';

export interface ScheduledItem {
  readonly id: string;
  /** Epoch ms, UTC. */
  readonly due: number;
  readonly stage: ScheduleStage;
  readonly target: string;
  readonly outbound_number: string | null;
  readonly parent_id: string | null;
  /** Epoch ms of the first prompt, null before. */
  readonly prompted_at: number | null;
  readonly accepted_at: number | null;
  /** The agent said "Not now": the prompt stays hidden; the item still expires on time. */
  readonly dismissed_at: number | null;
}
