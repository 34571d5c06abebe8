/**
 * The contact-centre side of a call (seed 004): what the API was asked for and what only the
 * workflow knows (scheduled time, menu, customer flags, hold time). The telephony side stays in
 * the CallRecord; both share one id. A scheduled call, or one waiting for the agent to pick an
 * outbound number, has no telephony leg yet (`has_leg` false).
 */
import type { CallType, RecordingPermission } from './call-types.js';

/**
 * Where the workflow is before and beside the leg:
 *   scheduled ──(scheduler, another issue)──► dialled
 *   awaiting_number ──► dialled | cancelled
 *   dialled: the telephony state says the rest.
 */
export type CcPhase = 'scheduled' | 'awaiting_number' | 'dialled' | 'cancelled';

export interface ContactCentreRecord {
  readonly id: string;
  readonly has_leg: boolean;
  readonly phase: CcPhase;
  /** Null for a call the agent placed from the desk (no API request behind it). */
  readonly call_type: CallType | null;
  readonly lang: string;
  readonly parent_id: string | null;
  readonly menu_id: number | null;
  readonly ticket_id: string | null;
  readonly end_user_number: string | null;
  readonly outbound_number: string | null;
  readonly recording_permission: RecordingPermission;
  readonly agent_email: string | null;
  readonly state_update_uri: string | null;
  /** Epoch ms. */
  readonly created_at: number;
  readonly scheduled_at: number | null;
  readonly verified_customer: boolean;
  readonly bad_actor: boolean;
  readonly repeat_customer: boolean;
  readonly hold_ms: number;
  readonly hold_started_at: number | null;
  readonly fail_reason: string | null;
  readonly fail_details: string | null;
}

export function blankContactCentreRecord(id: string, createdAt: number): ContactCentreRecord {
  return {
    id,
    has_leg: true,
    phase: 'dialled',
    call_type: null,
    lang: 'en',
    parent_id: null,
    menu_id: null,
    ticket_id: null,
    end_user_number: null,
    outbound_number: null,
    recording_permission: 'recording_permission_not_asked',
    agent_email: null,
    state_update_uri: null,
    created_at: createdAt,
    scheduled_at: null,
    verified_customer: false,
    bad_actor: false,
    repeat_customer: false,
    hold_ms: 0,
    hold_started_at: null,
    fail_reason: null,
    fail_details: null,
  };
}
