/**
 * A supervisor's join request on the agent's desk (docs/conferences.md). The engine records it
 * like any incoming INVITE, so it is RINGING for the moment between the INVITE and the automatic
 * answer (or the refusal). It is never a ring for the agent: no ring card, no ringtone, no
 * notification, and no call card either — the conference view shows the supervisor once joined.
 * Nor is its end a "Call ended" line: the agent is told the supervisor left (supervisor-words.ts),
 * and a bare "Call ended" would read as the customer's call.
 */
import type { CallSnapshot } from '../../src-main/contract/call.js';

/** Labels the agent's engine puts on a join request (src-main/engine/conference/conference-service.ts). */
const JOIN_LABELS = ['supervisor_mode', 'supervisor_join'] as const;

/** A supervisor's join request as the agent's desk received it (the supervisor's own call is OUTGOING). */
export function isSupervisorJoin(call: Pick<CallSnapshot, 'direction' | 'labels'>): boolean {
  return call.direction === 'INCOMING' && JOIN_LABELS.some((label) => call.labels[label] !== undefined);
}

export function isSupervisorJoinNotAnswered(call: Pick<CallSnapshot, 'direction' | 'state' | 'labels'>): boolean {
  return isSupervisorJoin(call) && call.state !== 'IN_PROGRESS';
}
