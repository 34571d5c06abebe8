/**
 * Validation of seed 004's POST /calls, in one fixed order so that a request with several
 * defects always gets the same answer (docs/local-api.md lists the order):
 *
 *   1. body is a JSON object
 *   2. call_type (aliases accepted)                        "Invalid call type"
 *   3. outbound: agent_email required / matches / may call
 *      inbound, scheduled: menu_id required / well formed / found / type / state
 *      (scheduled: menu_id may be left out when call_id names the earlier call)
 *   4. scheduled: call_id, when given, names a stored call
 *   5. lang: a language at all ("not found"), then enabled ("not available")
 *   6. the number: ticket_id first (its contact), else end_user_number
 *   7. scheduled: scheduled_at required, then a future ISO 8601 time
 *   8. outbound_number, recording_permission, state_update_uri
 *   9. availability of the agent (outbound and inbound; last, as the seed implies)
 *
 * Pure: the settings, the contacts and the desk's availability come in through `context`.
 * The seed's exact texts are kept, including its two spellings of "well-formed".
 */
import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js';
import type { MenuSettings, Settings } from '../../contract/settings.js';
import { normaliseCallType, RECORDING_PERMISSIONS, type CallType, type RecordingPermission } from './call-types.js';
import type { Contact } from './contact.js';
import { ISO_639_1 } from './iso-639-1.js';

export interface CreateCallContext {
  readonly settings: Settings;
  readonly now: number;
  contactByTicket(ticketId: string): Contact | undefined;
  /** The id of a stored call named by a scheduled call's call_id, or undefined. */
  resolveCallId(callId: string | number): string | undefined;
  /** A desk is connected and registered, and the agent's status allows calls. */
  agentAvailable(): boolean;
}

export interface CreateCallPlan {
  readonly callType: CallType;
  readonly lang: string;
  readonly menu: MenuSettings | null;
  readonly agentEmail: string | null;
  readonly ticketId: string | null;
  readonly contact: Contact | null;
  /** E.164 of the end user to dial. */
  readonly endUserNumber: string;
  /** The caller id to present; null when none is configured (the account's own is used). */
  readonly outboundNumber: string | null;
  /** Several outbound numbers and no default: the agent picks one (HTTP 202). */
  readonly mustChooseNumber: boolean;
  readonly scheduledAt: number | null;
  readonly parentId: string | null;
  readonly recordingPermission: RecordingPermission;
  readonly stateUpdateUri: string | null;
}

export type CreateCallOutcome =
  | { readonly ok: true; readonly plan: CreateCallPlan }
  | { readonly ok: false; readonly status: 400; readonly message: string };

class Refusal {
  constructor(readonly message: string) {}
}

function refuse(message: string): never {
  throw new Refusal(message);
}

export function validateCreateCall(body: unknown, context: CreateCallContext): CreateCallOutcome {
  try {
    return { ok: true, plan: plan(body, context) };
  } catch (error) {
    if (error instanceof Refusal) return { ok: false, status: 400, message: error.message };
    throw error;
  }
}

function plan(body: unknown, context: CreateCallContext): CreateCallPlan {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    refuse('The request body must be a JSON object');
  }
  const input = body as Record<string, unknown>;
  const callType = normaliseCallType(input.call_type) ?? refuse('Invalid call type');
  const { settings } = context;

  let agentEmail: string | null = null;
  let menu: MenuSettings | null = null;
  let parentId: string | null = null;
  if (callType === 'Voice Outbound (API)') {
    agentEmail = checkAgent(input.agent_email, settings);
  } else {
    const callIdGiven = callType === 'Voice Scheduled (API)' && present(input.call_id);
    if (present(input.menu_id) || !callIdGiven) menu = checkMenu(input.menu_id, callType, settings);
    if (callIdGiven) {
      const callId = input.call_id;
      if (typeof callId !== 'string' && typeof callId !== 'number') refuse('call_id is not well formed');
      parentId = context.resolveCallId(callId) ?? refuse(`call_id ${String(callId)} is not found`);
    }
  }

  const lang = checkLanguage(input.lang, settings);
  const { ticketId, contact, endUserNumber } = checkNumber(input, callType, settings);

  let scheduledAt: number | null = null;
  if (callType === 'Voice Scheduled (API)') {
    if (!present(input.scheduled_at)) refuse('scheduled_at is required');
    scheduledAt = futureTime(input.scheduled_at, context.now);
  }

  const { outboundNumber, mustChooseNumber } = checkOutboundNumber(input.outbound_number, callType, settings);
  const recordingPermission = checkRecordingPermission(input.recording_permission);
  const stateUpdateUri = checkStateUpdateUri(input.state_update_uri);

  if (callType !== 'Voice Scheduled (API)' && !context.agentAvailable()) {
    refuse('Agent is not available to take this call');
  }
  return {
    callType,
    lang,
    menu,
    agentEmail,
    ticketId,
    contact,
    endUserNumber,
    outboundNumber,
    mustChooseNumber,
    scheduledAt,
    parentId,
    recordingPermission,
    stateUpdateUri,
  };

  function checkNumber(
    request: Record<string, unknown>,
    type: CallType,
    current: Settings,
  ): { ticketId: string | null; contact: Contact | null; endUserNumber: string } {
    const ticket = request.ticket_id;
    if (present(ticket)) {
      if (typeof ticket !== 'string' && typeof ticket !== 'number') refuse('Contact not found');
      const ticketId = String(ticket);
      const found = context.contactByTicket(ticketId) ?? refuse('Contact not found');
      return { ticketId, contact: found, endUserNumber: found.phone_number };
    }
    const number = request.end_user_number;
    if (!present(number)) {
      refuse(type === 'Voice Outbound (API)' ? 'ticket_id or end_user_number required' : 'end_user_number is required');
    }
    const wellFormed = possibleNumber(number, current.dial.default_country);
    if (wellFormed === undefined) {
      refuse(type === 'Voice Outbound (API)' ? 'end_user_number is not well-formed' : 'end_user_number is not well formed');
    }
    return { ticketId: null, contact: null, endUserNumber: wellFormed };
  }
}

function checkAgent(email: unknown, settings: Settings): string {
  if (!present(email)) refuse('Agent email required');
  const configured = settings.agent.email.trim().toLowerCase();
  if (typeof email !== 'string' || configured === '' || email.trim().toLowerCase() !== configured) {
    refuse('Not a valid agent email');
  }
  if (!settings.agent.can_place_calls) refuse('Agent does not have access to make calls');
  return settings.agent.email;
}

function checkMenu(menuId: unknown, callType: CallType, settings: Settings): MenuSettings {
  if (!present(menuId)) refuse('menu_id is required');
  const id = typeof menuId === 'number' ? menuId : typeof menuId === 'string' && /^\d{1,15}$/.test(menuId) ? Number(menuId) : NaN;
  if (!Number.isSafeInteger(id) || id < 1) refuse('menu_id is not well formed');
  const menu = settings.menus.find((candidate) => candidate.id === id) ?? refuse(`menu_id ${id} is not found`);
  if (callType === 'Voice Inbound (API)' && menu.type !== 'ivr' && menu.type !== 'mobile') {
    refuse('Only IVR and mobile menu IDs are permitted');
  }
  if (callType === 'Voice Scheduled (API)' && menu.type !== 'mobile' && menu.type !== 'web') {
    refuse('Only mobile and web menu IDs are permitted');
  }
  if (menu.state === 'after_hours') refuse("Menu is in 'after hours' state, can't accept incoming calls");
  if (menu.state === 'manual_redirection') refuse("Menu is in 'manual redirection' state, can't accept calls");
  return menu;
}

function checkLanguage(lang: unknown, settings: Settings): string {
  if (!present(lang)) return 'en';
  const code = typeof lang === 'string' ? lang : JSON.stringify(lang);
  if (typeof lang !== 'string' || !ISO_639_1.has(lang)) refuse(`Language '${code.slice(0, 64)}' is not found`);
  if (!settings.languages.includes(lang)) refuse(`Language '${lang}' is not available`);
  return lang;
}

function checkOutboundNumber(
  given: unknown,
  callType: CallType,
  settings: Settings,
): { outboundNumber: string | null; mustChooseNumber: boolean } {
  const configured = settings.outbound_numbers;
  if (present(given)) {
    const number = possibleNumber(given, settings.dial.default_country);
    if (number !== undefined && configured.includes(number)) return { outboundNumber: number, mustChooseNumber: false };
    // Seed: an inbound call falls back to the default when the number given is invalid.
    if (callType === 'Voice Outbound (API)') {
      if (number === undefined) refuse('outbound_number is not well-formed');
      refuse(`outbound_number ${number} is not one of this desk's outbound numbers`);
    }
  }
  if (settings.default_outbound_number !== null) {
    return { outboundNumber: settings.default_outbound_number, mustChooseNumber: false };
  }
  if (configured.length <= 1) return { outboundNumber: configured[0] ?? null, mustChooseNumber: false };
  // Only an outbound call has an agent at the desk to ask; the others take the first number.
  if (callType === 'Voice Outbound (API)') return { outboundNumber: null, mustChooseNumber: true };
  return { outboundNumber: configured[0] ?? null, mustChooseNumber: false };
}

function checkRecordingPermission(value: unknown): RecordingPermission {
  if (!present(value)) return 'recording_permission_not_asked';
  if (typeof value === 'string' && (RECORDING_PERMISSIONS as readonly string[]).includes(value)) {
    return value as RecordingPermission;
  }
  refuse(`recording_permission must be one of ${RECORDING_PERMISSIONS.join(', ')}`);
}

function checkStateUpdateUri(value: unknown): string | null {
  if (!present(value)) return null;
  if (typeof value === 'string' && value.length <= 2048) {
    try {
      const url = new URL(value);
      if (url.protocol === 'http:' || url.protocol === 'https:') return url.toString();
    } catch {
      // refused below
    }
  }
  refuse('state_update_uri must be an http:// or https:// URL');
}

const ISO_8601 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})$/;

function futureTime(value: unknown, now: number): number {
  const time = typeof value === 'string' && ISO_8601.test(value) ? Date.parse(value) : NaN;
  if (!Number.isFinite(time) || time <= now) {
    refuse('scheduled_at must be a future time in ISO 8601, e.g. 2030-01-31T09:30:00Z');
  }
  return time;
}

/** E.164 of a possible phone number (libphonenumber-js), or undefined. */
export function possibleNumber(value: unknown, defaultCountry: string): string | undefined {
  if (typeof value !== 'string' && typeof value !== 'number') return undefined;
  const text = String(value);
  if (text.length > 64) return undefined;
  const parsed = parsePhoneNumberFromString(text, defaultCountry as CountryCode);
  return parsed?.isPossible() ? parsed.number : undefined;
}

function present(value: unknown): boolean {
  return value !== undefined && value !== null && value !== '';
}
