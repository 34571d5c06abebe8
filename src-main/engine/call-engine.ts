/**
 * The call engine: the single source of truth for call records. It turns commands (from the
 * desk UI or, later, the local API) into telephony commands, and leg events from the SIP adapter
 * into state transitions. Every change is persisted before it is announced.
 *
 * Our own commands move the record at once (a hang-up is final the moment the agent asks for
 * it); network events that arrive late or twice are ignored and logged, never applied.
 */
import {
  DEFAULT_TIMEOUT_SECONDS,
  Labels,
  TimeoutSeconds,
  type CallSnapshot,
  type CallState,
  type CreateMethod,
  type DeskFailureCode,
  type EndReason,
} from '../contract/call.js';
import type { AgentStatus, Registration } from '../contract/desk.js';
import { incomingCallFields } from '../contract/incoming-call.js';
import { DeskError } from '../contract/result.js';
import type { IncomingDecision, IncomingLeg, LegEnd, LegEvent, TelephonyCommand } from '../contract/telephony.js';
import type { CallRecord } from './call-record.js';
import { toSnapshot } from './call-snapshot.js';
import { canTransition, isTerminal } from './call-state-machine.js';
import { domainOf, resolveDialTarget, type DialTarget } from './dial-plan.js';
import { EventHub } from './event-hub.js';
import type { CallRepository } from './ports/call-repository.js';
import type { Clock, TimerHandle } from './ports/clock.js';
import type { IdSource } from './ports/ids.js';
import type { Logger } from './ports/logger.js';
import type { SettingsSource } from './ports/settings.js';
import type { TelephonyPort } from './ports/telephony.js';
import { isAnsweredElsewhere, outcomeOfFinalResponse } from './sip-outcome.js';

export interface CallEngineDeps {
  readonly calls: CallRepository;
  readonly clock: Clock;
  readonly ids: IdSource;
  readonly telephony: TelephonyPort;
  readonly settings: SettingsSource;
  readonly logger: Logger;
}

export type EngineEvents = {
  'call.updated': CallSnapshot;
  'agent.status': AgentStatus;
  'registration.changed': Registration;
  /** The desk finished, stopped or failed a `play` command (engine/playback acts on it). */
  'playback.ended': Extract<LegEvent, { type: 'playback_ended' }>;
};

export interface DialRequest {
  readonly target: string;
  readonly labels?: Record<string, string>;
  readonly timeoutSeconds?: number;
  readonly createMethod?: CreateMethod;
  readonly originatingCall?: string | null;
  /** A record id chosen by the caller (the local API answers with it before the dial). */
  readonly id?: string;
  /**
   * Extra INVITE headers: a supervisor's X-Supervisor-Join, group calls' X-Group-Call,
   * P-Preferred-Identity for the chosen outbound number.
   */
  readonly extraHeaders?: readonly string[];
  /** User part of the From URI (the chosen outbound number). */
  readonly fromUser?: string;
  /** INVITE without SDP: media is negotiated only with whoever answers (ring-all group legs). */
  readonly delayedOffer?: boolean;
}

/** RFC 3326 Reason for legs stopped because another destination took the call. */
export const ANSWERED_ELSEWHERE_REASON = 'SIP;cause=200;text="Call completed elsewhere"';

/** SIP status used to refuse calls while the agent is Away: lets hunting move on. */
export const AWAY_STATUS_CODE = 480;
export const DECLINE_STATUS_CODE = 603;

const NO_REGISTRATION: Registration = { state: 'unconfigured', reason: null, next_attempt_at: null };

export class CallEngine {
  readonly events = new EventHub<EngineEvents>();
  readonly #deps: CallEngineDeps;
  readonly #timeouts = new Map<string, TimerHandle>();
  /** Calls we asked to transfer: their BYE ends them as "transferred". */
  readonly #transferring = new Set<string>();
  #agentStatus: AgentStatus = 'available';
  /** Things that hold the agent for other work (a callback they accepted): each names why, or null. */
  readonly #reservations: Array<() => string | null> = [];
  #registration: Registration = NO_REGISTRATION;

  constructor(deps: CallEngineDeps) {
    this.#deps = deps;
  }

  // ── Start-up ──────────────────────────────────────────────────────────────

  /**
   * Calls that were live when the app stopped can't be carried any more (their SIP sessions
   * died with the renderer). End them with a reason, so that no record stays "in progress".
   */
  recoverInterruptedCalls(): number {
    const live = this.#deps.calls.listLive();
    for (const record of live) this.#end(record, 'host_restart');
    return live.length;
  }

  // ── Queries ───────────────────────────────────────────────────────────────

  get agentStatus(): AgentStatus {
    return this.#agentStatus;
  }

  /** Register something that can reserve the agent; while it names a reason, new calls are refused. */
  addReservation(reasonIfReserved: () => string | null): void {
    this.#reservations.push(reasonIfReserved);
  }

  /** Why the agent can't take a new call although Available (e.g. reserved for a callback), or null. */
  reservedReason(): string | null {
    for (const reason of this.#reservations) {
      const text = reason();
      if (text) return text;
    }
    return null;
  }

  /**
   * Whether an ordinary incoming call would ring now (Available, not reserved). Main pushes it
   * to the desk window, which draws a ring as its INVITE arrives instead of waiting for this
   * engine's record; the engine's own decision in `incoming` still settles every call.
   */
  ringsNewCalls(): boolean {
    return this.#unavailableReason() === null;
  }

  #unavailableReason(): string | null {
    return this.#agentStatus === 'away' ? 'Agent is away' : this.reservedReason();
  }

  get registration(): Registration {
    return this.#registration;
  }

  liveCalls(): CallSnapshot[] {
    return this.#deps.calls.listLive().map(toSnapshot);
  }

  getCall(id: string): CallSnapshot {
    return toSnapshot(this.#require(id));
  }

  history(limit: number, before?: string): { calls: CallSnapshot[]; nextCursor: string | null } {
    const page = this.#deps.calls.listRecent(limit, before);
    return { calls: page.records.map(toSnapshot), nextCursor: page.nextCursor };
  }

  // ── Desk state ────────────────────────────────────────────────────────────

  setAgentStatus(status: AgentStatus): AgentStatus {
    if (status !== this.#agentStatus) {
      this.#agentStatus = status;
      this.events.emit('agent.status', status);
    }
    return status;
  }

  reportRegistration(registration: Registration): void {
    this.#registration = registration;
    this.events.emit('registration.changed', registration);
  }

  /**
   * The desk that carried the calls is gone (page closed or reloaded, window taken over):
   * its SIP sessions are gone too, so every live call ends now, with that reason.
   */
  deskLost(): void {
    for (const record of this.#deps.calls.listLive()) this.#end(record, 'desk_closed');
    this.reportRegistration({ state: 'unconfigured', reason: 'No desk window is open', next_attempt_at: null });
  }

  // ── Commands ──────────────────────────────────────────────────────────────

  dial(request: DialRequest): CallSnapshot {
    const { calls, clock, ids, settings } = this.#deps;
    const sip = settings.current().sip;
    if (!sip.server || !sip.uri) {
      throw new DeskError('desk_unavailable', 'Set up a SIP account in Settings before calling');
    }
    const target = this.#resolve(request.target);
    const labels = parseOrThrow(Labels, request.labels ?? {});
    const timeoutSeconds = parseOrThrow(TimeoutSeconds, request.timeoutSeconds ?? DEFAULT_TIMEOUT_SECONDS);
    this.#requireDesk();

    const now = clock.now();
    const record = calls.insert({
      id: request.id ?? ids.uuid(),
      direction: 'OUTGOING',
      state: 'QUEUED',
      end_reason: null,
      from: sip.uri,
      to: target.kind === 'phone' ? target.display : target.uri,
      remote_name: null,
      labels,
      timeout_seconds: timeoutSeconds,
      create_method: request.createMethod ?? 'DESK',
      originating_call: request.originatingCall ?? null,
      sip_call_id: null,
      error_code: null,
      error_message: null,
      create_time: now,
      start_time: null,
      ring_time: null,
      answer_time: null,
      end_time: null,
      held: false,
      muted: false,
    });
    this.#announce(record);
    this.#armTimeout(record);
    this.#command({
      type: 'dial',
      call_id: record.id,
      uri: target.uri,
      extra_headers: [...(request.extraHeaders ?? [])],
      ...(request.fromUser === undefined ? {} : { from_user: request.fromUser }),
      ...(request.delayedOffer ? { delayed_offer: true } : {}),
    });
    return toSnapshot(this.#require(record.id));
  }

  answer(id: string): CallSnapshot {
    const record = this.#require(id);
    if (record.direction !== 'INCOMING' || record.state !== 'RINGING') {
      throw new DeskError('invalid_state', 'Only a ringing incoming call can be answered');
    }
    // Call waiting: the call the agent was on goes on hold, never stays open in both ears.
    for (const other of this.#deps.calls.listLive()) {
      if (other.id !== id && other.state === 'IN_PROGRESS' && !other.held) {
        this.#command({ type: 'hold', call_id: other.id, on: true });
      }
    }
    this.#command({ type: 'answer', call_id: id });
    return toSnapshot(record);
  }

  decline(id: string): CallSnapshot {
    const record = this.#require(id);
    if (record.direction !== 'INCOMING' || record.state !== 'RINGING') {
      throw new DeskError('invalid_state', 'Only a ringing incoming call can be declined');
    }
    return toSnapshot(this.#hangUp(record));
  }

  hangup(id: string): CallSnapshot {
    const record = this.#require(id);
    if (isTerminal(record.state)) throw new DeskError('invalid_state', 'This call has already ended');
    return toSnapshot(this.#hangUp(record));
  }

  /** One live call ended from our side: its command (hangupOf) goes to the desk, then the record. */
  #hangUp(record: CallRecord): CallRecord {
    const { command, reason } = hangupOf(record);
    this.#command(command);
    return this.#end(record, reason);
  }

  /**
   * Hang up many calls at once (a ring group its caller hangs up): every CANCEL/BYE leaves before
   * any record is written or announced, as in a cancel-all. Calls already ended are skipped.
   */
  hangupAll(ids: readonly string[]): void {
    this.#endAllAtOnce(ids, hangupOf);
  }

  /**
   * Stop an outgoing leg because another destination took the call (group calls): a ringing leg
   * gets CANCEL, a leg that answered in the same instant gets BYE, both with the Reason
   * "Call completed elsewhere", so the far side records "answered elsewhere". No-op once ended.
   */
  endAnsweredElsewhere(id: string): CallSnapshot {
    this.endAllAnsweredElsewhere([id]);
    return toSnapshot(this.#require(id));
  }

  /**
   * The same for many legs at once (a ring group's cancel-all): every CANCEL/BYE leaves before
   * any record is written or announced, so no leg rings on while the others' records are handled.
   */
  endAllAnsweredElsewhere(ids: readonly string[]): void {
    const reason_header = ANSWERED_ELSEWHERE_REASON;
    this.#endAllAtOnce(ids, ({ id, state }) => ({
      command: state === 'IN_PROGRESS' ? { type: 'bye', call_id: id, reason_header } : { type: 'cancel', call_id: id, reason_header },
      reason: 'answered_elsewhere',
    }));
  }

  /**
   * End many live calls from our side: every command goes to the desk in one urgent send
   * (TelephonyPort.sendAtOnce), and only then is each record ended, written and announced.
   * Calls already ended are skipped.
   */
  #endAllAtOnce(ids: readonly string[], endOf: (record: CallRecord) => { command: TelephonyCommand; reason: EndReason }): void {
    const ends = ids
      .map((id) => this.#require(id))
      .filter((record) => !isTerminal(record.state))
      .map((record) => ({ id: record.id, ...endOf(record) }));
    if (ends.length > 0 && !this.#deps.telephony.sendAtOnce(ends.map(({ command }) => command))) {
      this.#deps.logger.warn('no desk to carry the commands that end several calls', { calls: ends.length });
    }
    for (const { id, reason } of ends) this.#end(this.#require(id), reason);
  }

  hold(id: string, on: boolean): CallSnapshot {
    const record = this.#requireConnected(id, on ? 'put on hold' : 'resumed');
    if (record.held !== on) this.#command({ type: 'hold', call_id: id, on });
    return toSnapshot(record);
  }

  mute(id: string, on: boolean): CallSnapshot {
    const record = this.#requireConnected(id, on ? 'muted' : 'unmuted');
    if (record.muted !== on) this.#command({ type: 'mute', call_id: id, on });
    return toSnapshot(record);
  }

  sendDtmf(id: string, digits: string): void {
    this.#requireConnected(id, 'sent digits');
    this.#command({ type: 'dtmf', call_id: id, digits });
  }

  transfer(id: string, typedTarget: string): CallSnapshot {
    const record = this.#requireConnected(id, 'transferred');
    const target = this.#resolve(typedTarget);
    this.#transferring.add(id);
    this.#command({ type: 'transfer', call_id: id, uri: target.uri });
    return toSnapshot(record);
  }

  /** Hand a telephony command to the desk as it is (for services beside the engine, e.g. conferences). */
  sendTelephony(command: TelephonyCommand): void {
    this.#command(command);
  }

  /** Merge labels into a live call's record (e.g. a supervisor's join mode). */
  relabel(id: string, patch: Record<string, string>): CallSnapshot {
    const record = this.#require(id);
    const labels = parseOrThrow(Labels, { ...record.labels, ...patch });
    return toSnapshot(this.#save({ ...record, labels }));
  }

  // ── Events from the SIP adapter ──────────────────────────────────────────

  incoming(leg: IncomingLeg, labels: Labels = {}): IncomingDecision {
    const { calls, clock, ids } = this.#deps;
    const now = clock.now();
    const record = calls.insert({
      ...incomingCallFields(leg, labels),
      id: ids.uuid(),
      timeout_seconds: DEFAULT_TIMEOUT_SECONDS,
      create_time: now,
      start_time: now,
      ring_time: now,
      answer_time: null,
      end_time: null,
    });
    const unavailable = this.#unavailableReason();
    if (unavailable) {
      this.#end(record, 'unavailable', 'REJECTED', { code: String(AWAY_STATUS_CODE), message: unavailable });
      return { call_id: record.id, action: 'reject', status_code: AWAY_STATUS_CODE };
    }
    this.#announce(record);
    return { call_id: record.id, action: 'ring', status_code: null };
  }

  legEvent(event: LegEvent): void {
    const record = this.#deps.calls.get(event.call_id);
    if (!record) {
      this.#deps.logger.warn('leg event for an unknown call ignored', { event: event.type, call_id: event.call_id });
      return;
    }
    const now = this.#deps.clock.now();
    switch (event.type) {
      case 'started':
        this.#advance(record, 'STARTING', { start_time: now, sip_call_id: event.sip_call_id }, event.type);
        return;
      case 'ringing':
        this.#advance(record, 'RINGING', { ring_time: now }, event.type);
        return;
      case 'answered':
        if (isTerminal(record.state)) {
          this.#hangUpLateAnswer(record);
          return;
        }
        this.#clearTimeout(record.id);
        this.#advance(record, 'IN_PROGRESS', { answer_time: now, start_time: record.start_time ?? now }, event.type);
        return;
      case 'ended':
        this.#legEnded(record, event.end);
        return;
      case 'held':
      case 'muted': {
        if (isTerminal(record.state)) return;
        const flag = event.type === 'held' ? { held: event.on } : { muted: event.on };
        this.#save({ ...record, ...flag });
        return;
      }
      case 'command_failed':
        this.#deps.logger.warn('telephony command failed', {
          call_id: record.id,
          command: event.command,
          message: event.message,
        });
        if (event.command === 'dial' && !isTerminal(record.state)) {
          this.#end(record, 'failed', 'FAILED', { code: 'dial_failed' satisfies DeskFailureCode, message: event.message });
        }
        return;
      case 'refer':
        this.#followReferral(record, event.uri);
        return;
      case 'supervisor_mode':
        return; // the conference service acts on it (engine/conference)
      case 'playback_ended':
        this.events.emit('playback.ended', event);
        return;
      default:
        assertNever(event);
    }
  }

  // ── Internals ─────────────────────────────────────────────────────────────

  #legEnded(record: CallRecord, end: LegEnd): void {
    if (isTerminal(record.state)) return; // we already ended it ourselves: the leg just confirms
    if (end.failure !== undefined) {
      // The desk could not go on (no microphone, say): a failure with its reason, never "missed".
      const code: DeskFailureCode =
        record.state === 'IN_PROGRESS' ? 'media_failed' : record.direction === 'INCOMING' ? 'answer_failed' : 'dial_failed';
      this.#end(record, 'failed', undefined, { code, message: end.failure });
      return;
    }
    if (record.state === 'IN_PROGRESS') {
      const reason: EndReason = this.#transferring.has(record.id)
        ? 'transferred'
        : end.by === 'transport'
          ? 'network'
          : isAnsweredElsewhere(end.reason_header)
            ? 'answered_elsewhere' // a group call's caller kept another leg that answered at the same instant
            : 'completed';
      this.#end(record, reason);
      return;
    }
    if (end.by === 'transport') {
      this.#end(record, 'network', record.direction === 'INCOMING' ? 'NOT_ANSWERED' : 'FAILED', {
        code: 'network',
        message: 'The connection to the SIP server was lost',
      });
      return;
    }
    if (record.direction === 'INCOMING') {
      this.#end(record, isAnsweredElsewhere(end.reason_header) ? 'answered_elsewhere' : 'missed');
      return;
    }
    if (end.status_code !== undefined) {
      const outcome = outcomeOfFinalResponse(end.status_code);
      this.#end(record, outcome.endReason, outcome.state, {
        code: String(end.status_code),
        message: end.reason_phrase ?? null,
      });
      return;
    }
    this.#end(record, 'cancelled');
  }

  /**
   * A leg we had already ended was connected anyway: an outgoing leg's 200 OK crossed our CANCEL
   * (cancelled, timed out, lost to another group leg), or the agent's answer, which the desk
   * starts at the click, crossed a decline from elsewhere (the local API). Never leave it
   * connected: BYE it, with the Reason the far side needs to record "answered elsewhere" when
   * that is why we ended it.
   */
  #hangUpLateAnswer(record: CallRecord): void {
    this.#deps.logger.warn('late or duplicate leg event ignored', { call_id: record.id, event: 'answered', state: record.state });
    this.#deps.logger.warn('a leg answered after we ended it; hanging it up', { call_id: record.id });
    this.#command(
      record.end_reason === 'answered_elsewhere'
        ? { type: 'bye', call_id: record.id, reason_header: ANSWERED_ELSEWHERE_REASON }
        : { type: 'bye', call_id: record.id },
    );
  }

  #followReferral(record: CallRecord, uri: string): void {
    try {
      this.dial({ target: uri, createMethod: 'PARENT_CALL', originatingCall: record.id });
    } catch (error) {
      this.#deps.logger.warn('could not follow a transfer request', { call_id: record.id, error: String(error) });
    }
  }

  /** Move forward on a network event; a late or duplicate one is ignored and logged. */
  #advance(record: CallRecord, to: CallState, patch: Partial<CallRecord>, cause: string): void {
    if (record.state === to) return;
    if (!canTransition(record.state, to)) {
      this.#deps.logger.warn('late or duplicate leg event ignored', {
        call_id: record.id,
        event: cause,
        state: record.state,
      });
      return;
    }
    this.#save({ ...record, ...patch, state: to });
  }

  /** Put a call in a terminal state with a reason. The state follows from the reason unless given. */
  #end(
    record: CallRecord,
    reason: EndReason,
    state: CallState = stateForReason(record, reason),
    error: { code: string; message: string | null } | null = null,
  ): CallRecord {
    if (isTerminal(record.state)) return record;
    this.#clearTimeout(record.id);
    this.#transferring.delete(record.id);
    if (!canTransition(record.state, state)) {
      // Our own code asked for an impossible end: a bug worth a loud log, but the call still ends.
      this.#deps.logger.error('illegal end transition corrected', { call_id: record.id, from: record.state, to: state });
      state = record.answer_time !== null ? 'COMPLETED' : 'FAILED';
    }
    return this.#save({
      ...record,
      state,
      end_reason: reason,
      end_time: this.#deps.clock.now(),
      held: false,
      muted: false,
      error_code: error?.code ?? record.error_code,
      error_message: error?.message ?? record.error_message,
    });
  }

  #save(record: CallRecord): CallRecord {
    this.#deps.calls.update(record);
    this.#announce(record);
    return record;
  }

  #announce(record: CallRecord): void {
    this.events.emit('call.updated', toSnapshot(record));
  }

  #armTimeout(record: CallRecord): void {
    const handle = this.#deps.clock.setTimer(() => {
      this.#timeouts.delete(record.id);
      const current = this.#deps.calls.get(record.id);
      if (!current || isTerminal(current.state) || current.state === 'IN_PROGRESS') return;
      this.#command({ type: 'cancel', call_id: record.id });
      this.#end(current, 'no_answer', 'NOT_ANSWERED');
    }, record.timeout_seconds * 1000);
    this.#timeouts.set(record.id, handle);
  }

  #clearTimeout(id: string): void {
    const handle = this.#timeouts.get(id);
    if (handle !== undefined) this.#deps.clock.clearTimer(handle);
    this.#timeouts.delete(id);
  }

  #command(command: TelephonyCommand): void {
    if (!this.#deps.telephony.send(command)) {
      this.#deps.logger.warn('no desk to carry a telephony command', { type: command.type, call_id: command.call_id });
    }
  }

  #resolve(typed: string): DialTarget {
    const settings = this.#deps.settings.current();
    return resolveDialTarget(typed, {
      domain: domainOf(settings.sip.uri),
      defaultCountry: settings.dial.default_country,
    });
  }

  #requireDesk(): void {
    if (!this.#deps.telephony.isConnected()) {
      throw new DeskError('desk_unavailable', 'No desk window is connected to carry the call');
    }
  }

  #require(id: string): CallRecord {
    const record = this.#deps.calls.get(id);
    if (!record) throw new DeskError('not_found', `No call with id ${id}`);
    return record;
  }

  #requireConnected(id: string, action: string): CallRecord {
    const record = this.#require(id);
    if (record.state !== 'IN_PROGRESS') {
      throw new DeskError('invalid_state', `Only a connected call can be ${action}`);
    }
    return record;
  }
}

/** How a live call is hung up: BYE once connected, a decline while it rings here, else CANCEL. */
function hangupOf(record: CallRecord): { command: TelephonyCommand; reason: EndReason } {
  const call_id = record.id;
  if (record.state === 'IN_PROGRESS') return { command: { type: 'bye', call_id }, reason: 'completed' };
  if (record.direction === 'INCOMING') return { command: { type: 'reject', call_id, status_code: DECLINE_STATUS_CODE }, reason: 'declined' };
  return { command: { type: 'cancel', call_id }, reason: 'cancelled' };
}

/** The terminal state an end reason implies for this record. */
function stateForReason(record: CallRecord, reason: EndReason): CallState {
  if (record.state === 'IN_PROGRESS') return 'COMPLETED';
  switch (reason) {
    case 'declined':
    case 'rejected':
    case 'unavailable':
      return 'REJECTED';
    case 'busy':
      return 'BUSY';
    case 'no_answer':
    case 'cancelled':
    case 'missed':
    case 'answered_elsewhere':
      return 'NOT_ANSWERED';
    case 'completed':
    case 'transferred':
      return 'COMPLETED';
    case 'not_found':
    case 'failed':
    case 'network':
    case 'desk_closed':
    case 'host_restart':
      return 'FAILED';
    default:
      return assertNever(reason);
  }
}

function parseOrThrow<T>(schema: { safeParse(value: unknown): { success: true; data: T } | { success: false; error: { issues: { message: string }[] } } }, value: unknown): T {
  const parsed = schema.safeParse(value);
  if (!parsed.success) {
    throw new DeskError('bad_request', parsed.error.issues.map((issue) => issue.message).join('; '));
  }
  return parsed.data;
}

export function assertNever(value: never): never {
  throw new Error(`Unexpected value: ${JSON.stringify(value)}`);
}
