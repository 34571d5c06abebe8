/**
 * Seed 004's status, derived from the telephony state (seed 003) and the workflow phase.
 * The table (also in docs/call-states.md):
 *
 *   phase scheduled                      → scheduled
 *   phase awaiting_number                → assigned (the agent must pick a number)
 *   phase cancelled                      → failed (fail_reason agent_declined)
 *   QUEUED                               → assigned (outbound, names the agent) | queued
 *   STARTING, RINGING                    → connecting
 *   IN_PROGRESS                          → connected
 *   COMPLETED                            → finished
 *   FAILED, BUSY, REJECTED, NOT_ANSWERED → failed
 *   scheduled call, phase cancelled, fail_reason cancelled | expired | missed → that status
 *     (the scheduled-call path: engine/scheduler/scheduled-call-status.ts)
 */
import type { CallState, EndReason } from '../../contract/call.js';
import type { CcPhase } from './contact-centre-record.js';

export const CALL_STATUSES = [
  'scheduled',
  'queued',
  'assigned',
  'connecting',
  'connected',
  'finished',
  'failed',
  // Ends of a scheduled call that was never dialled (issue 6).
  'cancelled',
  'expired',
  'missed',
] as const;
export type CallStatus = (typeof CALL_STATUSES)[number];

/** Scheduled calls' legless outcomes that are statuses of their own. */
export const SCHEDULED_OUTCOME_STATUSES = ['cancelled', 'expired', 'missed'] as const;

export function statusOf(
  phase: CcPhase,
  state: CallState | null,
  agentNamed: boolean,
  scheduledOutcome: string | null = null,
): CallStatus {
  if (phase === 'scheduled') return 'scheduled';
  if (phase === 'cancelled' && (SCHEDULED_OUTCOME_STATUSES as readonly string[]).includes(scheduledOutcome ?? '')) {
    return scheduledOutcome as CallStatus;
  }
  if (phase === 'awaiting_number') return 'assigned';
  if (phase === 'cancelled' || state === null) return 'failed';
  if (state === 'QUEUED' && agentNamed) return 'assigned';
  return statusOfLegState(state);
}

/** The status a call's SIP leg alone implies (also the status of a scheduled call once dialled). */
export function statusOfLegState(state: CallState): 'queued' | 'connecting' | 'connected' | 'finished' | 'failed' {
  switch (state) {
    case 'QUEUED':
      return 'queued';
    case 'STARTING':
    case 'RINGING':
      return 'connecting';
    case 'IN_PROGRESS':
      return 'connected';
    case 'COMPLETED':
      return 'finished';
    case 'FAILED':
    case 'BUSY':
    case 'REJECTED':
    case 'NOT_ANSWERED':
      return 'failed';
  }
}

/** Telephony states a status filter selects (for calls that have a leg). */
export function statesOfStatus(status: CallStatus): readonly CallState[] {
  switch (status) {
    case 'scheduled':
    case 'cancelled':
    case 'expired':
    case 'missed':
      return [];
    case 'queued':
    case 'assigned':
      return ['QUEUED'];
    case 'connecting':
      return ['STARTING', 'RINGING'];
    case 'connected':
      return ['IN_PROGRESS'];
    case 'finished':
      return ['COMPLETED'];
    case 'failed':
      return ['FAILED', 'BUSY', 'REJECTED', 'NOT_ANSWERED'];
  }
}

/** Seed 004's fail_reason for an ended call; "nothing" while nothing failed. */
export function failReasonOf(endReason: EndReason | null): string {
  switch (endReason) {
    case null:
    case 'completed':
    case 'transferred':
      return 'nothing';
    case 'busy':
      return 'busy';
    case 'declined':
    case 'rejected':
      return 'rejected';
    case 'no_answer':
    case 'missed':
      return 'no_answer';
    case 'answered_elsewhere':
      return 'answered_elsewhere';
    case 'cancelled':
      return 'cancelled';
    case 'unavailable':
      return 'unavailable';
    case 'not_found':
      return 'invalid_number';
    case 'network':
      return 'network';
    case 'desk_closed':
    case 'host_restart':
      return 'agent_disconnected';
    case 'failed':
      return 'failed';
  }
}
