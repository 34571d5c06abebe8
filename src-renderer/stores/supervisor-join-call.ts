/**
 * A supervisor's join request on the agent's desk (docs/conferences.md). The engine records it
 * like any incoming INVITE, so it is RINGING for the moment between the INVITE and the automatic
 * answer (or the refusal). It is never a ring for the agent: no ring card, no ringtone, no
 * notification, and no call card either — the conference view shows the supervisor once joined.
 */
import type { CallSnapshot } from '../../src-main/contract/call.js';

/** Labels the agent's engine puts on a join request (src-main/engine/conference/conference-service.ts). */
const JOIN_LABELS = ['supervisor_mode', 'supervisor_join'] as const;

export function isSupervisorJoinNotAnswered(call: Pick<CallSnapshot, 'direction' | 'state' | 'labels'>): boolean {
  return (
    call.direction === 'INCOMING' &&
    call.state !== 'IN_PROGRESS' &&
    JOIN_LABELS.some((label) => call.labels[label] !== undefined)
  );
}
