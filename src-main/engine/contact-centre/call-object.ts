/**
 * Seed 004's call object, built from the telephony record and the contact-centre record.
 * Times are ISO 8601 (null for "not yet"); durations are whole seconds. Seed 003's state and
 * direction ride along so an integration sees both vocabularies.
 */
import type { CallRecord } from '../call-record.js';
import type { Settings } from '../../contract/settings.js';
import type { ApiCallRow } from '../ports/contact-centre-repository.js';
import { recordingPermissionOnCall } from './call-types.js';
import { failReasonOf, statusOf, type CallStatus } from './call-status.js';
import type { Contact } from './contact.js';
import { blankContactCentreRecord, type ContactCentreRecord } from './contact-centre-record.js';

export interface CallObjectContext {
  readonly settings: Settings;
  readonly now: number;
  contactByTicket(ticketId: string): Contact | undefined;
}

/** The agent of this desk is the only agent: id 1. */
const AGENT_ID = 1;

export function toCallObject(row: ApiCallRow, context: CallObjectContext): Record<string, unknown> {
  const call = row.call;
  const cc = row.cc ?? blankContactCentreRecord(call?.id ?? '', call?.create_time ?? context.now);
  const id = call?.id ?? cc.id;
  const agentNamed = cc.call_type === 'Voice Outbound (API)' || (cc.call_type === null && call !== null);
  const scheduledOutcome = cc.call_type === 'Voice Scheduled (API)' ? cc.fail_reason : null;
  const status: CallStatus = statusOf(cc.has_leg ? 'dialled' : cc.phase, call?.state ?? null, agentNamed, scheduledOutcome);
  const createdAt = cc.call_type === null && call ? call.create_time : cc.created_at;
  const contact = cc.ticket_id ? context.contactByTicket(cc.ticket_id) : undefined;
  const endUserNumber = cc.end_user_number ?? (call ? (call.direction === 'OUTGOING' ? call.to : call.from) : null);
  const ended = call?.end_time ?? null;
  const answered = call?.answer_time ?? null;
  const until = ended ?? context.now;
  const holdMs = cc.hold_ms + (cc.hold_started_at !== null && ended === null ? context.now - cc.hold_started_at : 0);
  const failed = status === 'failed' || status === 'cancelled' || status === 'expired' || status === 'missed';
  const agent = agentNamed || call !== null ? agentInfo(context.settings) : null;

  return {
    id,
    callid: call?.callid ?? null,
    parent_id: cc.parent_id ?? call?.originating_call ?? null,
    lang: cc.lang,
    call_type: cc.call_type,
    status,
    state: call?.state ?? null,
    direction: call?.direction ?? null,
    created_at: iso(createdAt),
    queued_at: cc.call_type === 'Voice Inbound (API)' ? iso(cc.created_at) : null,
    assigned_at: agentNamed && call ? iso(call.create_time) : null,
    connected_at: iso(answered),
    ends_at: iso(ended ?? (cc.phase === 'cancelled' ? cc.created_at : null)),
    scheduled_at: iso(cc.scheduled_at),
    wait_duration: seconds((answered ?? until) - createdAt),
    call_duration: answered === null ? 0 : seconds(until - answered),
    hold_duration: seconds(holdMs),
    recording_permission: recordingPermissionOnCall(cc.recording_permission),
    fail_reason: failed ? (cc.fail_reason ?? failReasonOf(call?.end_reason ?? null)) : 'nothing',
    fail_details: failed ? (cc.fail_details ?? call?.error_message ?? call?.error_code ?? null) : null,
    outbound_number: cc.outbound_number,
    out_ticket_id: cc.ticket_id,
    selected_menu: selectedMenu(cc, context.settings),
    agent_info: agent,
    end_user: endUserNumber === null ? null : {
      id: contact?.id ?? null,
      identifier: endUserNumber,
      out_contact_id: contact ? String(contact.id) : null,
    },
    participants: participants(id, status, agent !== null, contact, call),
    transfers: call?.end_reason === 'transferred'
      ? [{ id: 1, status: 'transferred', fail_reason: 'nothing', created_at: iso(ended) }]
      : [],
    verified_customer: cc.verified_customer,
    bad_actor: cc.bad_actor,
    repeat_customer: cc.repeat_customer,
    /** Set while the call waits for the agent: "choose_outbound_number". */
    pending_action: cc.phase === 'awaiting_number' && !cc.has_leg ? 'choose_outbound_number' : null,
    state_update_uri: cc.state_update_uri,
  };
}

function agentInfo(settings: Settings): Record<string, unknown> {
  const name = settings.agent.name;
  const [first = '', ...rest] = name.split(/\s+/).filter(Boolean);
  return {
    id: AGENT_ID,
    name,
    first_name: first,
    last_name: rest.join(' '),
    agent_number: null,
    avatar_url: null,
    email: settings.agent.email,
  };
}

function selectedMenu(cc: ContactCentreRecord, settings: Settings): Record<string, unknown> | null {
  if (cc.menu_id === null) return null;
  const menu = settings.menus.find((candidate) => candidate.id === cc.menu_id);
  return {
    id: cc.menu_id,
    name: menu?.name ?? null,
    parent_id: null,
    menu_type: menu ? `${menu.type}_menu` : null,
    deleted: menu === undefined,
  };
}

function participants(
  callId: string,
  status: CallStatus,
  withAgent: boolean,
  contact: Contact | undefined,
  call: CallRecord | null,
): Record<string, unknown>[] {
  const participantStatus =
    status === 'connected' ? 'connected' : status === 'finished' ? 'finished' : status === 'failed' ? 'failed' : 'waiting';
  const common = {
    call_id: callId,
    status: participantStatus,
    connected_at: iso(call?.answer_time ?? null),
    ended_at: iso(call?.end_time ?? null),
    fail_reason: participantStatus === 'failed' ? failReasonOf(call?.end_reason ?? null) : 'nothing',
  };
  const list: Record<string, unknown>[] = [];
  if (withAgent) list.push({ id: list.length + 1, type: 'agent', user_id: AGENT_ID, end_user_id: null, ...common });
  list.push({ id: list.length + 1, type: 'end_user', user_id: null, end_user_id: contact?.id ?? null, ...common });
  return list;
}

function iso(ms: number | null): string | null {
  return ms === null ? null : new Date(ms).toISOString();
}

function seconds(ms: number): number {
  return Math.max(0, Math.round(ms / 1000));
}
