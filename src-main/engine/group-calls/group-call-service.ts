/**
 * Group calls (seed 000): ring several destinations from this desk, first answer wins.
 *
 * Each leg is a normal call record placed through the CallEngine (create method PARENT_CALL,
 * originating call = the group call's id); this service only decides which legs to place and
 * which to stop. It follows the legs through the engine's 'call.updated' events:
 *   - a leg reaches IN_PROGRESS first → it wins; every other live leg is stopped with
 *     Reason cause=200 ("Call completed elsewhere"): CANCEL while ringing, BYE if it answered
 *     in the same instant (so no leg but the winner is ever left connected);
 *   - a leg ends unanswered → linear groups try their next destination; a group whose every
 *     destination failed fails in turn (a nested group fails into its parent's turn);
 *   - the top group failing ends the group call as 'no_answer'.
 * Nested groups keep their own ring method; all legs belong to the top group call.
 */
import { CreateGroupCall, type GroupCall } from '../../contract/group-call.js';
import type { CallSnapshot } from '../../contract/call.js';
import { DeskError } from '../../contract/result.js';
import { isTerminal } from '../call-state-machine.js';
import type { CallEngine } from '../call-engine.js';
import { EventHub } from '../event-hub.js';
import type { Clock } from '../ports/clock.js';
import type { GroupCallRepository } from '../ports/group-call-repository.js';
import type { IdSource } from '../ports/ids.js';
import type { Logger } from '../ports/logger.js';
import type { SettingsSource } from '../ports/settings.js';
import type { TelephonyPort } from '../ports/telephony.js';
import { buildPlan, type PlanGroup, type PlanNode } from './group-call-plan.js';
import type { GroupCallRecord } from './group-call-record.js';
import { toGroupCallSnapshot } from './group-call-snapshot.js';

/** The seed's wording (004) for "nobody here can carry this call". */
export const AGENT_NOT_AVAILABLE = 'Agent is not available to take this call';
/** Header on every group leg, so that a rung desk can show it is a group ring. */
export const GROUP_CALL_HEADER = 'X-Group-Call';

export interface GroupCallDeps {
  readonly engine: CallEngine;
  readonly groups: GroupCallRepository;
  readonly clock: Clock;
  readonly ids: IdSource;
  readonly telephony: TelephonyPort;
  readonly settings: SettingsSource;
  readonly logger: Logger;
  /** The local account's id (seed 000's customer_id). */
  readonly customerId: () => string;
}

export type GroupCallEvents = { 'groupcall.updated': GroupCall };

type NodeState = 'idle' | 'active' | 'failed' | 'won' | 'stopped';

/** One node of a running plan. */
interface RunNode {
  readonly plan: PlanNode;
  readonly parent: RunNode | null;
  readonly children: RunNode[];
  state: NodeState;
  /** linear groups: the child ringing now. */
  cursor: number;
  callId: string | null;
}

/** A group call that is still ringing. */
interface Run {
  readonly id: string;
  readonly root: RunNode;
  /** Set once someone answered or we hung up: nothing new is dialled after that. */
  settled: boolean;
  /** While the first legs go out, their ids are saved once at the end, not once per leg. */
  starting: boolean;
  /** Leg ids placed but not yet written to the record. */
  readonly unsaved: string[];
}

export class GroupCallService {
  readonly events = new EventHub<GroupCallEvents>();
  readonly #deps: GroupCallDeps;
  readonly #runs = new Map<string, Run>();
  /** Leg call id → the run and node it belongs to. */
  readonly #legs = new Map<string, { run: Run; node: RunNode }>();

  constructor(deps: GroupCallDeps) {
    this.#deps = deps;
    deps.engine.events.on('call.updated', (call) => this.#onLegUpdated(call));
  }

  /** Group calls left ringing by a previous run: their legs died with it; close them. */
  recoverInterrupted(): number {
    const stale = this.#deps.groups.listRinging();
    for (const record of stale) this.#save({ ...record, status: record.answer_call_id ? 'answered' : 'no_answer' });
    return stale.length;
  }

  // ── Queries ───────────────────────────────────────────────────────────────

  get(id: string): GroupCall {
    return toGroupCallSnapshot(this.#require(id));
  }

  list(limit = 100): GroupCall[] {
    return this.#deps.groups.list(limit).map(toGroupCallSnapshot);
  }

  // ── Commands ──────────────────────────────────────────────────────────────

  /**
   * Validate everything, then place the first legs. Bad input throws `bad_request` and writes
   * nothing; no registered desk throws `desk_unavailable` with the seed's sentence.
   */
  create(input: unknown): GroupCall {
    const parsed = CreateGroupCall.safeParse(input);
    if (!parsed.success) {
      throw new DeskError('bad_request', parsed.error.issues.map((issue) => describeIssue(issue)).join('; '));
    }
    const request = parsed.data;
    const { groups, clock, ids, settings, telephony, engine } = this.#deps;
    const current = settings.current();
    const plan = buildPlan({ name: request.name, ringMethod: request.ring_method, destinations: request.destinations }, current, groups);
    if (!telephony.isConnected() || engine.registration.state !== 'registered') {
      throw new DeskError('desk_unavailable', AGENT_NOT_AVAILABLE);
    }

    const record: GroupCallRecord = {
      id: ids.uuid(),
      customer_id: this.#deps.customerId(),
      name: request.name,
      source: request.source ?? { type: 'sip', target: current.sip.uri, target_name: '', name: current.sip.display_name, detail: '' },
      destinations: request.destinations,
      ring_method: request.ring_method,
      answer_method: request.answer_method,
      answer_call_id: null,
      call_ids: [],
      status: 'ringing',
      timeout_seconds: request.timeout_seconds,
      tm_create: clock.now(),
      tm_update: null,
      tm_delete: null,
    };
    groups.insert(record);
    const run: Run = { id: record.id, root: runNodeOf(plan, null), settled: false, starting: true, unsaved: [] };
    this.#runs.set(run.id, run);
    this.#start(run, run.root);
    run.starting = false;
    this.#saveCallIds(run);
    this.#settleIfFailed(run);
    return this.get(record.id);
  }

  /** Hang up the whole group call: every leg still ringing is cancelled (and the answered one ended). */
  hangup(id: string): GroupCall {
    const record = this.#require(id);
    const run = this.#runs.get(id);
    if (run && !run.settled) {
      run.settled = true;
      const live = activeLegs(run.root);
      for (const node of live) node.state = 'stopped';
      this.#finish(run, 'hungup');
      this.#safely(() => this.#deps.engine.hangupAll(live.map((node) => node.callId!)));
    } else if (record.answer_call_id) {
      const answered = this.#deps.engine.getCall(record.answer_call_id);
      if (!isTerminal(answered.state)) this.#deps.engine.hangup(answered.id);
    }
    return this.get(id);
  }

  /** Mark deleted (tm_delete); a group call still ringing is hung up first. */
  delete(id: string): GroupCall {
    const record = this.#require(id);
    if (record.tm_delete !== null) return toGroupCallSnapshot(record);
    if (record.status === 'ringing') this.hangup(id);
    const now = this.#deps.clock.now();
    this.#save({ ...this.#require(id), tm_delete: now });
    return this.get(id);
  }

  // ── Running the plan ──────────────────────────────────────────────────────

  #start(run: Run, node: RunNode): void {
    if (run.settled) return;
    node.state = 'active';
    if (node.plan.kind === 'leg') {
      this.#dialLeg(run, node, node.plan.dialTarget);
      return;
    }
    if (node.plan.ringMethod === 'ring_all') {
      for (const child of node.children) {
        if (run.settled || node.state !== 'active') return;
        this.#start(run, child);
      }
    } else {
      node.cursor = 0;
      const first = node.children[0];
      if (first) this.#start(run, first);
    }
  }

  #dialLeg(run: Run, node: RunNode, target: string): void {
    const record = this.#require(run.id);
    const label = (record.name || 'Group call').slice(0, 64);
    try {
      const call = this.#deps.engine.dial({
        target,
        timeoutSeconds: record.timeout_seconds,
        createMethod: 'PARENT_CALL',
        originatingCall: run.id,
        // group_call ties the leg to its group (history and the panel group by it); group names it.
        labels: { group_call: run.id, group: label },
        extraHeaders: [`${GROUP_CALL_HEADER}: ${label}`],
        // Legs that ring beside others (under a ring_all group at any depth) are mostly
        // cancelled: none sets up media (a peer connection, an offer, ICE) until it answers. A
        // leg that rings alone (linear all the way up) keeps its offer in the INVITE, so a far
        // end's early media (ringback, an announcement) still reaches the caller.
        delayedOffer: ringsBesideOthers(node),
      });
      node.callId = call.id;
      this.#legs.set(call.id, { run, node });
      run.unsaved.push(call.id);
      if (!run.starting) this.#saveCallIds(run);
    } catch (error) {
      this.#deps.logger.warn('a group call leg could not be placed', { group_call: run.id, error: String(error) });
      this.#failed(run, node);
    }
  }

  #saveCallIds(run: Run): void {
    if (run.unsaved.length === 0) return;
    const record = this.#require(run.id);
    this.#save({ ...record, call_ids: [...record.call_ids, ...run.unsaved.splice(0)] });
  }

  #onLegUpdated(call: CallSnapshot): void {
    const entry = this.#legs.get(call.id);
    if (!entry) return;
    const { run, node } = entry;
    if (call.state === 'IN_PROGRESS') {
      this.#answered(run, node, call.id);
      return;
    }
    if (!isTerminal(call.state)) return;
    this.#legs.delete(call.id);
    if (node.state === 'active') this.#failed(run, node);
  }

  #answered(run: Run, node: RunNode, callId: string): void {
    if (run.settled || node.state !== 'active') {
      // Answered in the same instant as the winner (or after we hung up): never leave it connected.
      if (this.#require(run.id).answer_call_id !== callId) {
        node.state = 'stopped';
        this.#safely(() => this.#deps.engine.endAnsweredElsewhere(callId));
      }
      return;
    }
    this.#saveCallIds(run);
    run.settled = true;
    node.state = 'won';
    const losers = activeLegs(run.root);
    for (const loser of losers) loser.state = 'stopped';
    this.#save({ ...this.#require(run.id), answer_call_id: callId, status: 'answered' });
    this.#runs.delete(run.id);
    this.#safely(() => this.#deps.engine.endAllAnsweredElsewhere(losers.map((loser) => loser.callId!)));
  }

  /** A node failed (leg unanswered, or a whole nested group): move its parent on. */
  #failed(run: Run, node: RunNode): void {
    node.state = 'failed';
    const parent = node.parent;
    if (run.settled) return;
    if (!parent) {
      this.#finish(run, 'no_answer');
      return;
    }
    if (parent.state !== 'active') return;
    if (parent.plan.kind === 'group' && parent.plan.ringMethod === 'linear') {
      const next = parent.children[parent.cursor + 1];
      if (next && parent.children.indexOf(node) === parent.cursor) {
        parent.cursor += 1;
        this.#start(run, next);
        return;
      }
      if (next) return;
    }
    if (parent.children.every((child) => child.state === 'failed')) this.#failed(run, parent);
  }

  /** After start: a plan whose every leg failed at once (e.g. each dial refused) ends now. */
  #settleIfFailed(run: Run): void {
    if (!run.settled && run.root.state === 'failed') this.#finish(run, 'no_answer');
  }

  #finish(run: Run, status: 'no_answer' | 'hungup'): void {
    this.#saveCallIds(run);
    run.settled = true;
    this.#runs.delete(run.id);
    const record = this.#require(run.id);
    if (record.status !== 'ringing') return;
    this.#save({ ...record, status });
  }

  #save(record: GroupCallRecord): GroupCallRecord {
    const saved = { ...record, tm_update: this.#deps.clock.now() };
    this.#deps.groups.update(saved);
    this.events.emit('groupcall.updated', toGroupCallSnapshot(saved));
    return saved;
  }

  #safely(action: () => unknown): void {
    try {
      action();
    } catch (error) {
      this.#deps.logger.warn('group call could not stop a leg', { error: String(error) });
    }
  }

  #require(id: string): GroupCallRecord {
    const record = this.#deps.groups.get(id);
    if (!record) throw new DeskError('not_found', `No group call with id ${id}`);
    return record;
  }
}

function runNodeOf(plan: PlanNode | PlanGroup, parent: RunNode | null): RunNode {
  const node: RunNode = { plan, parent, children: [], state: 'idle', cursor: 0, callId: null };
  if (plan.kind === 'group') for (const child of plan.children) node.children.push(runNodeOf(child, node));
  return node;
}

/** Legs that were dialled and have not ended. */
function activeLegs(node: RunNode): RunNode[] {
  if (node.plan.kind === 'leg') return node.state === 'active' && node.callId ? [node] : [];
  return node.children.flatMap(activeLegs);
}

function describeIssue(issue: { path: PropertyKey[]; message: string }): string {
  const path = issue.path.map(String).join('.');
  return path ? `${path}: ${issue.message}` : issue.message;
}

/** Whether a leg rings at the same time as other legs: some group above it rings all at once. */
function ringsBesideOthers(node: RunNode): boolean {
  for (let group = node.parent; group; group = group.parent) {
    if (group.plan.kind === 'group' && group.plan.ringMethod === 'ring_all') return true;
  }
  return false;
}
