/**
 * A ring this window draws the moment its INVITE arrives, before main's record of the call does
 * (a round trip to the engine: 5–6 ms on an idle machine, longer while main writes to a busy
 * disk). It is drawn only while main has said an ordinary call would ring now
 * (`desk.rings_new_calls`), and it is a picture, not a record: it carries no call id main knows,
 * it does not sound, announce or notify, and it gives way to main's snapshot of the same INVITE
 * (the same `sip_call_id`), or disappears when the engine refuses the call. README, Answering.
 */
import type { CallSnapshot } from '../../src-main/contract/call.js';
import { incomingCallFields } from '../../src-main/contract/incoming-call.js';
import type { IncomingLeg } from '../../src-main/contract/telephony.js';

const EARLY_ID_PREFIX = 'early:';

/** The SIP Call-ID of an early ring's id, or null when the id is main's. */
export function sipCallIdOfEarlyRing(id: string): string | null {
  return id.startsWith(EARLY_ID_PREFIX) ? id.slice(EARLY_ID_PREFIX.length) : null;
}

/** The ring card's view of an INVITE main has not recorded yet: the fields the engine will record (incomingCallFields). */
export function earlyRingSnapshot(leg: IncomingLeg, now: Date): CallSnapshot {
  const at = now.toISOString();
  return {
    ...incomingCallFields(leg),
    id: `${EARLY_ID_PREFIX}${leg.sip_call_id}`,
    callid: 0,
    timeout_seconds: 0,
    create_time: at,
    start_time: at,
    ring_time: at,
    answer_time: null,
    end_time: null,
    answer_duration: null,
  };
}

/** What keys a drawn ring: the same for the early picture and main's record of that INVITE, so the card stays. */
export function ringKey(call: Pick<CallSnapshot, 'id' | 'sip_call_id'>): string {
  return call.sip_call_id ?? call.id;
}
