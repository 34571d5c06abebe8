/**
 * The contact-centre use cases behind the local API (seed 004): create calls of every type,
 * let the agent pick an outbound number (the 202 flow), hang up, read and list calls, customer
 * flags, and hold time. Telephony goes through the one CallEngine; this service only adds the
 * contact-centre side, so the UI and the API share every record.
 */
import type { CallSnapshot } from '../../contract/call.js';
import { DeskError } from '../../contract/result.js';
import type { CallEngine } from '../call-engine.js';
import { EventHub } from '../event-hub.js';
import type { CallRepository } from '../ports/call-repository.js';
import type { Clock } from '../ports/clock.js';
import type { ApiCallFilter, ContactCentreRepository } from '../ports/contact-centre-repository.js';
import type { IdSource } from '../ports/ids.js';
import type { Logger } from '../ports/logger.js';
import type { SettingsSource } from '../ports/settings.js';
import { toCallObject } from './call-object.js';
import type { Contact, NewContact } from './contact.js';
import { blankContactCentreRecord, type ContactCentreRecord } from './contact-centre-record.js';
import { validateCreateCall, type CreateCallPlan } from './create-call-request.js';

export interface ContactCentreDeps {
  readonly engine: CallEngine;
  readonly calls: CallRepository;
  readonly repo: ContactCentreRepository;
  readonly clock: Clock;
  readonly ids: IdSource;
  readonly settings: SettingsSource;
  readonly logger: Logger;
  /** A desk is connected and registered, and the agent's status allows calls. */
  agentAvailable(): boolean;
}

export type CallObject = Record<string, unknown> & { readonly id: string };

/** What the desk shows when the agent must pick an outbound number. */
export interface NumberChoice {
  readonly id: string;
  readonly end_user_number: string;
  readonly outbound_numbers: readonly string[];
}

export type ContactCentreEvents = {
  /** Any change to a call, as the seed 004 call object (SSE, webhooks). */
  'call.changed': { readonly object: CallObject; readonly stateUpdateUri: string | null };
  'number.requested': NumberChoice;
  'number.settled': { readonly id: string };
  /** A contact was added or changed (from REST or the desk): desks reload their directory. */
  'contact.changed': Contact;
};

export interface ServiceResult {
  readonly status: number;
  readonly body: unknown;
}

export class ContactCentreService {
  readonly events = new EventHub<ContactCentreEvents>();
  readonly #deps: ContactCentreDeps;
  /** Calls this service is dialling right now: announced once their record is saved. */
  readonly #creating = new Set<string>();

  constructor(deps: ContactCentreDeps) {
    this.#deps = deps;
    deps.engine.events.on('call.updated', (snapshot) => this.#callUpdated(snapshot));
  }

  createCall(body: unknown): ServiceResult {
    const { repo, clock, ids, settings } = this.#deps;
    const now = clock.now();
    const outcome = validateCreateCall(body, {
      settings: settings.current(),
      now,
      contactByTicket: (ticket) => repo.contactByTicket(ticket),
      resolveCallId: (callId) => this.#resolveCallId(callId),
      agentAvailable: () => this.#deps.agentAvailable(),
    });
    if (!outcome.ok) return { status: outcome.status, body: { message: outcome.message } };
    const plan = outcome.plan;
    const record = recordFor(ids.uuid(), plan, now);

    if (plan.callType === 'Voice Scheduled (API)') {
      // Stored only: the scheduled-calls issue makes it fire.
      repo.save({ ...record, phase: 'scheduled', has_leg: false });
      return { status: 201, body: this.#announce(record.id) };
    }
    if (plan.mustChooseNumber) {
      repo.save({ ...record, phase: 'awaiting_number', has_leg: false });
      this.events.emit('number.requested', this.#choiceOf(record.id));
      return { status: 202, body: this.#announce(record.id) };
    }
    this.#creating.add(record.id);
    try {
      this.#dial(record.id, plan.endUserNumber, plan.outboundNumber);
      repo.save({ ...record, has_leg: true });
    } catch (error) {
      return errorResult(error);
    } finally {
      this.#creating.delete(record.id);
    }
    return { status: 201, body: this.#announce(record.id) };
  }

  /** The agent picked the number for a call waiting in the 202 flow: dial it now. */
  chooseOutboundNumber(id: string, number: string): CallObject {
    const record = this.#requireAwaiting(id);
    if (!this.#deps.settings.current().outbound_numbers.includes(number)) {
      throw new DeskError('bad_request', `${number} is not one of this desk's outbound numbers`);
    }
    this.#creating.add(id);
    try {
      this.#dial(id, record.end_user_number ?? '', number);
      this.#deps.repo.save({ ...record, phase: 'dialled', has_leg: true, outbound_number: number });
    } finally {
      this.#creating.delete(id);
    }
    this.events.emit('number.settled', { id });
    return this.#announce(id);
  }

  /** The agent declined a call waiting in the 202 flow: it ends as failed, never dialled. */
  declineOutboundNumber(id: string): CallObject {
    const record = this.#requireAwaiting(id);
    this.#cancel(record, 'agent_declined', 'The agent declined to place the call');
    this.events.emit('number.settled', { id });
    return this.#announce(id);
  }

  pendingNumberChoices(): NumberChoice[] {
    const { rows } = this.#deps.repo.list({ states: [], phases: ['awaiting_number'] }, 50);
    return rows.flatMap((row) => (row.cc ? [this.#choiceOf(row.cc.id)] : []));
  }

  hangup(id: string): CallObject {
    const call = this.#deps.calls.get(id);
    if (call) {
      this.#deps.engine.hangup(id);
      return this.#announce(id);
    }
    const record = this.#deps.repo.get(id);
    if (!record) throw new DeskError('not_found', `No call with id ${id}`);
    if (record.phase === 'awaiting_number') return this.declineOutboundNumber(id);
    if (record.phase === 'scheduled') {
      this.#cancel(record, 'cancelled', 'Cancelled before its scheduled time');
      return this.#announce(id);
    }
    throw new DeskError('invalid_state', 'This call has already ended');
  }

  get(id: string): CallObject {
    const call = this.#deps.calls.get(id) ?? null;
    const cc = this.#deps.repo.get(id) ?? null;
    if (!call && !cc) throw new DeskError('not_found', `No call with id ${id}`);
    return this.#object(call, cc);
  }

  list(filter: ApiCallFilter, limit: number, before?: string): { calls: CallObject[]; next_cursor: string | null } {
    const page = this.#deps.repo.list(filter, limit, before);
    return { calls: page.rows.map((row) => this.#object(row.call, row.cc)), next_cursor: page.nextCursor };
  }

  customerFlags(id: string): { verified_customer: boolean; bad_actor: boolean; repeat_customer: boolean } {
    const record = this.#recordOf(id);
    return {
      verified_customer: record.verified_customer,
      bad_actor: record.bad_actor,
      repeat_customer: record.repeat_customer,
    };
  }

  setCustomerFlags(
    id: string,
    flags: { verified_customer?: boolean; bad_actor?: boolean; repeat_customer?: boolean },
  ): ReturnType<ContactCentreService['customerFlags']> {
    const record = this.#recordOf(id);
    this.#deps.repo.save({
      ...record,
      verified_customer: flags.verified_customer ?? record.verified_customer,
      bad_actor: flags.bad_actor ?? record.bad_actor,
      repeat_customer: flags.repeat_customer ?? record.repeat_customer,
    });
    this.#announce(id);
    return this.customerFlags(id);
  }

  addContact(contact: NewContact): Contact {
    for (const ticket of contact.ticket_ids) {
      if (this.#deps.repo.contactByTicket(ticket)) {
        throw new DeskError('invalid_state', `ticket_id ${ticket} already belongs to another contact`);
      }
    }
    const added = this.#deps.repo.addContact(contact);
    this.events.emit('contact.changed', added);
    return added;
  }

  /** Change a contact: fields not given stay; ticket_ids, when given, replace the list. */
  updateContact(id: number, patch: Partial<NewContact>): Contact {
    const { repo } = this.#deps;
    const current = repo.contactById(id);
    if (!current) throw new DeskError('not_found', `Contact ${id} is not found`);
    const next: NewContact = {
      name: patch.name ?? current.name,
      phone_number: patch.phone_number ?? current.phone_number,
      ticket_ids: patch.ticket_ids ?? current.ticket_ids,
    };
    for (const ticket of next.ticket_ids) {
      const owner = repo.contactByTicket(ticket);
      if (owner && owner.id !== id) throw new DeskError('invalid_state', `ticket_id ${ticket} already belongs to another contact`);
    }
    const updated = repo.updateContact(id, next)!;
    this.events.emit('contact.changed', updated);
    return updated;
  }

  listContacts(): Contact[] {
    return this.#deps.repo.listContacts();
  }

  // ── Internals ─────────────────────────────────────────────────────────────

  #dial(id: string, endUserNumber: string, outboundNumber: string | null): void {
    const domain = this.#deps.settings.current().sip.uri.replace(/^sips?:[^@]*@/, '').replace(/[;>].*$/, '');
    this.#deps.engine.dial({
      id,
      target: endUserNumber,
      createMethod: 'API',
      ...(outboundNumber === null
        ? {}
        : { extraHeaders: [`P-Preferred-Identity: <sip:${outboundNumber}@${domain}>`], fromUser: outboundNumber }),
    });
  }

  #cancel(record: ContactCentreRecord, reason: string, details: string): void {
    this.#deps.repo.save({ ...record, phase: 'cancelled', fail_reason: reason, fail_details: details });
  }

  #requireAwaiting(id: string): ContactCentreRecord {
    const record = this.#deps.repo.get(id);
    if (!record) throw new DeskError('not_found', `No call with id ${id}`);
    if (record.phase !== 'awaiting_number') {
      throw new DeskError('invalid_state', 'This call is not waiting for an outbound number');
    }
    return record;
  }

  /** The contact-centre record of a call, created blank for a call placed from the desk. */
  #recordOf(id: string): ContactCentreRecord {
    const existing = this.#deps.repo.get(id);
    if (existing) return existing;
    const call = this.#deps.calls.get(id);
    if (!call) throw new DeskError('not_found', `No call with id ${id}`);
    return blankContactCentreRecord(id, call.create_time);
  }

  #resolveCallId(callId: string | number): string | undefined {
    if (typeof callId === 'number') return Number.isSafeInteger(callId) ? this.#deps.calls.getByCallid(callId)?.id : undefined;
    if (/^\d{1,15}$/.test(callId)) return this.#deps.calls.getByCallid(Number(callId))?.id;
    return this.#deps.calls.get(callId)?.id ?? this.#deps.repo.get(callId)?.id;
  }

  #choiceOf(id: string): NumberChoice {
    const record = this.#deps.repo.get(id);
    return {
      id,
      end_user_number: record?.end_user_number ?? '',
      outbound_numbers: this.#deps.settings.current().outbound_numbers,
    };
  }

  #callUpdated(snapshot: CallSnapshot): void {
    const { repo, clock } = this.#deps;
    const now = clock.now();
    const existing = repo.get(snapshot.id);
    const running = existing?.hold_started_at ?? null;
    if (snapshot.held && running === null) {
      repo.save({ ...(existing ?? blankContactCentreRecord(snapshot.id, Date.parse(snapshot.create_time))), hold_started_at: now });
    } else if (!snapshot.held && existing && running !== null) {
      repo.save({ ...existing, hold_ms: existing.hold_ms + Math.max(0, now - running), hold_started_at: null });
    }
    // A leg this service is still creating: its record is saved (and announced) right after the dial.
    if (!this.#creating.has(snapshot.id)) this.#announce(snapshot.id);
  }

  #announce(id: string): CallObject {
    const cc = this.#deps.repo.get(id) ?? null;
    const object = this.#object(this.#deps.calls.get(id) ?? null, cc);
    this.events.emit('call.changed', { object, stateUpdateUri: cc?.state_update_uri ?? null });
    return object;
  }

  #object(call: Parameters<typeof toCallObject>[0]['call'], cc: ContactCentreRecord | null): CallObject {
    return toCallObject(
      { call, cc },
      {
        settings: this.#deps.settings.current(),
        now: this.#deps.clock.now(),
        contactByTicket: (ticket) => this.#deps.repo.contactByTicket(ticket),
      },
    ) as CallObject;
  }
}

function recordFor(id: string, plan: CreateCallPlan, now: number): ContactCentreRecord {
  return {
    ...blankContactCentreRecord(id, now),
    call_type: plan.callType,
    lang: plan.lang,
    parent_id: plan.parentId,
    menu_id: plan.menu?.id ?? null,
    ticket_id: plan.ticketId,
    end_user_number: plan.endUserNumber,
    outbound_number: plan.outboundNumber,
    recording_permission: plan.recordingPermission,
    agent_email: plan.agentEmail,
    state_update_uri: plan.stateUpdateUri,
    scheduled_at: plan.scheduledAt,
  };
}

/** A DeskError from the engine as an HTTP answer; anything else is a bug and rethrown. */
export function errorResult(error: unknown): ServiceResult {
  if (!(error instanceof DeskError)) throw error;
  return { status: httpStatusOf(error.code), body: { message: error.message } };
}

export function httpStatusOf(code: DeskError['code']): number {
  switch (code) {
    case 'not_found':
      return 404;
    case 'invalid_state':
      return 409;
    case 'desk_unavailable':
    case 'not_active_desk':
      return 409;
    case 'internal':
      return 500;
    default:
      return 400;
  }
}
