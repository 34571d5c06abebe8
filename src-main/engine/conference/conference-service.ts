/**
 * Conferences this desk hosts (seed 001). The engine side only keeps the records and drives the
 * calls; the mixing is local, in the renderer (src-renderer/media/conference-mixer.ts), which
 * follows `conference.updated`.
 *
 * A conferencecall follows its call: joining until the call is connected, joined while it is,
 * leaving once a hangup or a drop is asked for, leaved when the call has ended. Moves go through
 * one guard (conferencecall-state-machine.ts). A conference ends when no participant is left
 * (supervisors do not keep it alive).
 */
import { TERMINAL_STATES, type CallSnapshot } from '../../contract/call.js';
import {
  CURRENT_CALL_TARGET,
  type ConferenceSnapshot,
  type ConferencecallSnapshot,
  type ConferencecallStatus,
  type SupervisorMode,
} from '../../contract/conference.js';
import { DeskError } from '../../contract/result.js';
import type { IncomingDecision, IncomingLeg, LegEvent } from '../../contract/telephony.js';
import type { CallEngine } from '../call-engine.js';
import { EventHub } from '../event-hub.js';
import type { Clock } from '../ports/clock.js';
import type { ConferenceRepository } from '../ports/conference-repository.js';
import type { IdSource } from '../ports/ids.js';
import type { Logger } from '../ports/logger.js';
import type { SettingsSource } from '../ports/settings.js';
import type { ConferenceRecord, ConferencecallRecord } from './conference-record.js';
import { assertConferencecallMove } from './conferencecall-state-machine.js';
import { seedTime } from './seed-time.js';
import { allowedSupervisor, formatJoinHeader, parseJoinHeader } from './supervisor-join.js';

/** This desk serves one customer; the seed's customer_id is this constant (docs/conferences.md). */
export const DESK_CUSTOMER_ID = '00000000-0000-4000-8000-000000000000';

/** SIP answer to a join request from an address that is not in the supervisor list. */
export const JOIN_FORBIDDEN_STATUS = 403;
/** SIP answer to a join request for a call or conference this desk does not have live. */
export const JOIN_TARGET_MISSING_STATUS = 404;

/** Labels on the supervisor's own call record, so its desk shows the mode switch. */
export const SUPERVISOR_MODE_LABEL = 'supervisor_mode';
export const SUPERVISOR_TARGET_LABEL = 'supervisor_target';

export interface ConferenceServiceDeps {
  readonly engine: CallEngine;
  readonly conferences: ConferenceRepository;
  readonly clock: Clock;
  readonly ids: IdSource;
  readonly settings: SettingsSource;
  readonly logger: Logger;
}

export type ConferenceEvents = { 'conference.updated': ConferenceSnapshot };

const ACTIVE: ReadonlySet<ConferencecallStatus> = new Set(['joining', 'joined']);

export class ConferenceService {
  readonly events = new EventHub<ConferenceEvents>();
  readonly #deps: ConferenceServiceDeps;

  constructor(deps: ConferenceServiceDeps) {
    this.#deps = deps;
    deps.engine.events.on('call.updated', (call) => this.#callChanged(call));
  }

  /** Conferences left open by a previous run: their calls ended with it, so they end too. */
  recoverInterrupted(): number {
    const live = this.#deps.conferences.listLiveConferences();
    for (const conference of live) {
      for (const call of this.#deps.conferences.listConferencecallsOf(conference.id)) this.#leave(call);
      this.#terminate(conference);
    }
    return live.length;
  }

  // ── Queries ───────────────────────────────────────────────────────────────

  list(limit = 100): ConferenceSnapshot[] {
    return this.#deps.conferences.listConferences(limit).map((record) => this.#snapshot(record));
  }

  live(): ConferenceSnapshot[] {
    return this.#deps.conferences.listLiveConferences().map((record) => this.#snapshot(record));
  }

  get(id: string): ConferenceSnapshot {
    return this.#snapshot(this.#requireConference(id));
  }

  listConferencecalls(limit = 100): ConferencecallSnapshot[] {
    return this.#deps.conferences.listConferencecalls(limit).map(toConferencecallSnapshot);
  }

  getConferencecall(id: string): ConferencecallSnapshot {
    return toConferencecallSnapshot(this.#requireConferencecall(id));
  }

  // ── Agent actions ─────────────────────────────────────────────────────────

  /** An empty conference, to which calls are merged or added. */
  create(name: string): ConferenceSnapshot {
    return this.#snapshot(this.#newConference(name));
  }

  /**
   * Merge connected calls into one conference: the conference one of them is already in, or a
   * new one. Held calls are resumed (the mix replaces what each of them hears).
   */
  merge(callIds: readonly string[], name = ''): ConferenceSnapshot {
    const { engine, conferences } = this.#deps;
    const unique = [...new Set(callIds)];
    const calls = unique.map((id) => engine.getCall(id));
    for (const call of calls) {
      if (call.state !== 'IN_PROGRESS') {
        throw new DeskError('invalid_state', `Only connected calls can be merged; call ${call.id} is ${call.state}`);
      }
    }
    const existing = unique
      .map((id) => conferences.findActiveByCall(id))
      .find((call): call is ConferencecallRecord => call !== undefined);
    const conference = existing ? this.#requireConference(existing.conference_id) : this.#newConference(name);
    for (const call of calls) {
      if (conferences.findActiveByCall(call.id)) continue;
      if (call.held) engine.hold(call.id, false);
      this.#join(conference, call, null);
    }
    return this.#announce(conference.id);
  }

  /** Dial `target`; the new call joins the conference when it is answered. */
  add(conferenceId: string, target: string): ConferenceSnapshot {
    const conference = this.#requireLiveConference(conferenceId);
    const call = this.#deps.engine.dial({ target, labels: { conference_id: conference.id } });
    this.#join(conference, call, null);
    return this.#announce(conference.id);
  }

  /** Drop a participant or a supervisor: leaving now, leaved once its call has ended. */
  drop(conferencecallId: string): ConferencecallSnapshot {
    const call = this.#requireConferencecall(conferencecallId);
    if (!ACTIVE.has(call.status)) {
      throw new DeskError('invalid_state', `This conferencecall is already ${call.status}`);
    }
    this.#leave(call);
    return toConferencecallSnapshot(this.#requireConferencecall(conferencecallId));
  }

  /** End the conference: every call in it ends. */
  end(conferenceId: string): ConferenceSnapshot {
    const conference = this.#requireConference(conferenceId);
    if (conference.status === 'terminated') return this.#snapshot(conference);
    this.#save({ ...conference, status: 'terminating', tm_update: this.#deps.clock.now() });
    for (const call of this.#deps.conferences.listConferencecallsOf(conferenceId)) {
      if (ACTIVE.has(call.status)) this.#leave(call);
    }
    this.#terminate(this.#requireConference(conferenceId));
    return this.#announce(conferenceId);
  }

  // ── Supervisors ───────────────────────────────────────────────────────────

  /** Supervisor side: call the agent with a join request; the call's labels carry the mode. */
  joinAsSupervisor(agent: string, targetId: string, mode: SupervisorMode): CallSnapshot {
    return this.#deps.engine.dial({
      target: agent,
      labels: { [SUPERVISOR_MODE_LABEL]: mode, [SUPERVISOR_TARGET_LABEL]: targetId },
      extraHeaders: [formatJoinHeader({ targetId, mode })],
    });
  }

  /** Supervisor side: switch mode on our join call, and tell the agent's app. */
  setOwnSupervisorMode(callId: string, mode: SupervisorMode): CallSnapshot {
    const call = this.#deps.engine.getCall(callId);
    if (!call.labels[SUPERVISOR_MODE_LABEL]) {
      throw new DeskError('invalid_state', 'This call is not a supervisor join');
    }
    if (call.state !== 'IN_PROGRESS') throw new DeskError('invalid_state', 'Only a connected join can switch mode');
    this.#deps.engine.sendTelephony({ type: 'supervisor_mode', call_id: callId, mode });
    return this.#deps.engine.relabel(callId, { [SUPERVISOR_MODE_LABEL]: mode });
  }

  /**
   * Agent side: every INVITE passes here. A join request from an allowed supervisor for a live
   * call or conference is answered at once; one from anyone else is refused and logged. Other
   * INVITEs go to the call engine as usual.
   */
  incoming(leg: IncomingLeg): IncomingDecision {
    const { engine, logger, settings } = this.#deps;
    if (leg.supervisor_join === undefined) return engine.incoming(leg);
    const supervisor = allowedSupervisor(leg.from_uri, settings.current().supervisors);
    const request = parseJoinHeader(leg.supervisor_join);
    const refuse = (status: number, why: string): IncomingDecision => {
      logger.warn('supervisor join refused', { from: leg.from_uri, header: leg.supervisor_join, why });
      const decision = engine.incoming(leg, { supervisor_join: 'refused' });
      if (decision.action === 'reject') return decision;
      engine.decline(decision.call_id);
      return { call_id: decision.call_id, action: 'reject', status_code: status };
    };
    if (!supervisor) return refuse(JOIN_FORBIDDEN_STATUS, 'not in the supervisor list');
    if (!request) return refuse(JOIN_FORBIDDEN_STATUS, 'malformed X-Supervisor-Join');
    const conference = this.#targetConference(request.targetId);
    if (!conference) return refuse(JOIN_TARGET_MISSING_STATUS, 'no live call or conference with that id');

    const decision = engine.incoming(leg, { [SUPERVISOR_MODE_LABEL]: request.mode });
    if (decision.action === 'reject') return decision;
    this.#join(conference, engine.getCall(decision.call_id), { mode: request.mode, name: supervisor.name });
    this.#announce(conference.id);
    logger.info('supervisor joined', { supervisor: supervisor.name, conference_id: conference.id, mode: request.mode });
    return { call_id: decision.call_id, action: 'answer', status_code: null };
  }

  /** Agent side: leg events that concern conferences (a supervisor's live mode switch). */
  legEvent(event: LegEvent): void {
    if (event.type !== 'supervisor_mode') return;
    const call = this.#deps.conferences.findActiveByCall(event.call_id);
    if (!call || call.role !== 'supervisor') {
      this.#deps.logger.warn('mode switch from a call that is not a joined supervisor ignored', { call_id: event.call_id });
      return;
    }
    if (call.supervisor_mode === event.mode) return;
    this.#deps.conferences.updateConferencecall({ ...call, supervisor_mode: event.mode, tm_update: this.#deps.clock.now() });
    this.#announce(call.conference_id);
  }

  // ── Internals ─────────────────────────────────────────────────────────────

  /** The live conference to join for a target id: that conference, or the one holding that call, or a new one around the call. */
  #targetConference(targetId: string): ConferenceRecord | undefined {
    const { conferences, engine } = this.#deps;
    if (targetId === CURRENT_CALL_TARGET) {
      const current = this.#currentTargetId();
      return current === undefined ? undefined : this.#targetConference(current);
    }
    const conference = conferences.getConference(targetId);
    if (conference) return conference.status === 'progressing' ? conference : undefined;
    const existing = conferences.findActiveByCall(targetId);
    if (existing) return this.#requireConference(existing.conference_id);
    let call: CallSnapshot;
    try {
      call = engine.getCall(targetId);
    } catch {
      return undefined;
    }
    if (call.state !== 'IN_PROGRESS') return undefined;
    const created = this.#newConference('');
    this.#join(created, call, null);
    return created;
  }

  /** What "current" means: the live conference, or else the one connected call not on hold. */
  #currentTargetId(): string | undefined {
    const live = this.#deps.conferences.listLiveConferences()[0];
    if (live) return live.id;
    const talking = this.#deps.engine
      .liveCalls()
      .filter((call) => call.state === 'IN_PROGRESS' && !call.held && !call.labels[SUPERVISOR_MODE_LABEL]);
    return talking.length === 1 ? talking[0]!.id : undefined;
  }

  #callChanged(call: CallSnapshot): void {
    const member = this.#deps.conferences.findActiveByCall(call.id);
    if (!member) return;
    if (TERMINAL_STATES.has(call.state)) {
      this.#leave(member);
      return;
    }
    if (call.state === 'IN_PROGRESS' && member.status === 'joining') {
      this.#move(member, 'joined');
      this.#announce(member.conference_id);
    }
  }

  #join(conference: ConferenceRecord, call: CallSnapshot, supervisor: { mode: SupervisorMode; name: string } | null): void {
    const now = this.#deps.clock.now();
    const record: ConferencecallRecord = {
      id: this.#deps.ids.uuid(),
      customer_id: conference.customer_id,
      conference_id: conference.id,
      reference_id: call.id,
      status: 'joining',
      role: supervisor ? 'supervisor' : 'participant',
      supervisor_mode: supervisor?.mode ?? null,
      supervisor_name: supervisor?.name ?? null,
      tm_create: now,
      tm_update: now,
      tm_delete: null,
    };
    this.#deps.conferences.insertConferencecall(record);
    if (call.state === 'IN_PROGRESS' && !supervisor) this.#move(record, 'joined');
  }

  /** leaving, end the call if it still runs, then leaved once it has ended. */
  #leave(member: ConferencecallRecord): void {
    let current = member;
    if (ACTIVE.has(current.status)) {
      current = this.#move(current, 'leaving');
      this.#announce(current.conference_id);
      const call = this.#tryCall(current.reference_id);
      if (call && !TERMINAL_STATES.has(call.state)) {
        this.#deps.engine.hangup(call.id); // its call.updated comes back here and finishes the move
        return this.#afterLeft(current.conference_id);
      }
    }
    const latest = this.#deps.conferences.getConferencecall(current.id);
    if (latest?.status === 'leaving') {
      this.#move(latest, 'leaved');
      this.#announce(latest.conference_id);
    }
    this.#afterLeft(current.conference_id);
  }

  /** With no participant left, the conference ends (and its supervisors are let go). */
  #afterLeft(conferenceId: string): void {
    const conference = this.#deps.conferences.getConference(conferenceId);
    if (!conference || conference.status !== 'progressing') return;
    const members = this.#deps.conferences.listConferencecallsOf(conferenceId);
    const participants = members.filter((call) => call.role === 'participant' && ACTIVE.has(call.status));
    if (participants.length > 0) return;
    this.end(conferenceId);
  }

  #move(member: ConferencecallRecord, to: ConferencecallStatus): ConferencecallRecord {
    assertConferencecallMove(member.status, to);
    const now = this.#deps.clock.now();
    const next: ConferencecallRecord = { ...member, status: to, tm_update: now, tm_delete: to === 'leaved' ? now : null };
    this.#deps.conferences.updateConferencecall(next);
    return next;
  }

  #newConference(name: string): ConferenceRecord {
    const now = this.#deps.clock.now();
    const record: ConferenceRecord = {
      id: this.#deps.ids.uuid(),
      customer_id: DESK_CUSTOMER_ID,
      name,
      status: 'progressing',
      tm_create: now,
      tm_update: now,
      tm_delete: null,
    };
    this.#deps.conferences.insertConference(record);
    return record;
  }

  #terminate(conference: ConferenceRecord): void {
    if (conference.status === 'terminated') return;
    const now = this.#deps.clock.now();
    this.#save({ ...conference, status: 'terminated', tm_update: now, tm_delete: now });
  }

  #save(conference: ConferenceRecord): void {
    this.#deps.conferences.updateConference(conference);
  }

  #announce(conferenceId: string): ConferenceSnapshot {
    const snapshot = this.#snapshot(this.#requireConference(conferenceId));
    this.events.emit('conference.updated', snapshot);
    return snapshot;
  }

  #snapshot(record: ConferenceRecord): ConferenceSnapshot {
    const calls = this.#deps.conferences.listConferencecallsOf(record.id).map(toConferencecallSnapshot);
    return {
      id: record.id,
      customer_id: record.customer_id,
      name: record.name,
      status: record.status,
      conferencecall_ids: calls.map((call) => call.id),
      conferencecalls: calls,
      tm_create: seedTime(record.tm_create),
      tm_update: seedTime(record.tm_update),
      tm_delete: seedTime(record.tm_delete),
    };
  }

  #tryCall(id: string): CallSnapshot | undefined {
    try {
      return this.#deps.engine.getCall(id);
    } catch {
      return undefined;
    }
  }

  #requireConference(id: string): ConferenceRecord {
    const record = this.#deps.conferences.getConference(id);
    if (!record) throw new DeskError('not_found', `No conference with id ${id}`);
    return record;
  }

  #requireLiveConference(id: string): ConferenceRecord {
    const record = this.#requireConference(id);
    if (record.status !== 'progressing') throw new DeskError('invalid_state', `Conference ${id} has ended`);
    return record;
  }

  #requireConferencecall(id: string): ConferencecallRecord {
    const record = this.#deps.conferences.getConferencecall(id);
    if (!record) throw new DeskError('not_found', `No conferencecall with id ${id}`);
    return record;
  }
}

export function toConferencecallSnapshot(record: ConferencecallRecord): ConferencecallSnapshot {
  return {
    id: record.id,
    customer_id: record.customer_id,
    conference_id: record.conference_id,
    reference_type: 'call',
    reference_id: record.reference_id,
    status: record.status,
    role: record.role,
    supervisor_mode: record.supervisor_mode,
    supervisor_name: record.supervisor_name,
    tm_create: seedTime(record.tm_create),
    tm_update: seedTime(record.tm_update),
    tm_delete: seedTime(record.tm_delete),
  };
}
