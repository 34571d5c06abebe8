/**
 * What an incoming INVITE makes of a call record: the engine records it with these fields, and
 * the desk window draws its ring from the same fields before that record arrives
 * (src-renderer/stores/early-ring.ts), so the picture and the record cannot drift apart.
 */
import type { CallSnapshot } from './call.js';
import type { IncomingLeg } from './telephony.js';

export type IncomingCallFields = Pick<
  CallSnapshot,
  | 'direction'
  | 'state'
  | 'end_reason'
  | 'from'
  | 'to'
  | 'remote_name'
  | 'labels'
  | 'create_method'
  | 'originating_call'
  | 'sip_call_id'
  | 'error_code'
  | 'error_message'
  | 'held'
  | 'muted'
>;

/** An incoming leg as a ringing call, with `labels` the engine gives it (a supervisor's join) and the group call's name. */
export function incomingCallFields(leg: IncomingLeg, labels: Record<string, string> = {}): IncomingCallFields {
  return {
    direction: 'INCOMING',
    state: 'RINGING',
    end_reason: null,
    from: leg.from_uri,
    to: leg.to_uri,
    remote_name: leg.from_name,
    labels: leg.group_call ? { ...labels, group: leg.group_call } : labels,
    create_method: 'INCOMING_CALL',
    originating_call: null,
    sip_call_id: leg.sip_call_id,
    error_code: null,
    error_message: null,
    held: false,
    muted: false,
  };
}
