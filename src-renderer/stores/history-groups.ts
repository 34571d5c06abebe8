/**
 * History folds a group call's legs under one entry (seed 000: "each leg is a normal call
 * record … It shows in history, grouped under its group call"). Pure: no Vue, unit-tested.
 *
 * A leg is a call whose `labels.group_call` names its group call (the group service sets it),
 * or a PARENT_CALL whose originating call is a known group call. The group entry takes the
 * place of its newest leg, so history stays newest first. What the entry says comes from the
 * group call record when this desk knows it (`groupcalls.list` and `groupcall.updated`), and
 * is otherwise read from the legs (an old or deleted group call): name from `labels.group`,
 * answered when a leg was answered and not stopped as "answered elsewhere".
 */
import type { CallSnapshot } from '../../src-main/contract/call.js';
import type { GroupCall, GroupCallStatus, RingMethod } from '../../src-main/contract/group-call.js';
import { matchesFilter, matchesQuery, type HistoryFilter } from './history.js';
import { parseDuration } from './words.js';

export interface HistoryCallItem {
  readonly kind: 'call';
  readonly key: string;
  readonly entry: CallSnapshot;
}

export interface HistoryGroupItem {
  readonly kind: 'group';
  readonly key: string;
  readonly groupCallId: string;
  readonly name: string;
  /** Null when the group call record is not known here (only its legs are). */
  readonly ringMethod: RingMethod | null;
  readonly outcome: Exclude<GroupCallStatus, 'ringing'> | 'ringing';
  /** The leg that answered, or null. */
  readonly answered: CallSnapshot | null;
  /** Seconds the answered leg lasted, or null. */
  readonly durationSeconds: number | null;
  /** The group's loaded legs in the order they were dialled. */
  readonly legs: readonly CallSnapshot[];
  /** When the first leg was placed (the entry's time). */
  readonly createTime: string;
}

export type HistoryItem = HistoryCallItem | HistoryGroupItem;

/** The group call a history entry is a leg of, or null for any other call. */
export function groupCallIdOf(entry: CallSnapshot, groups: Readonly<Record<string, GroupCall>>): string | null {
  const labelled = entry.labels.group_call;
  if (labelled) return labelled;
  if (entry.create_method === 'PARENT_CALL' && entry.originating_call && groups[entry.originating_call]) {
    return entry.originating_call;
  }
  return null;
}

/** Entries newest first → items newest first, each group call's legs folded into one item. */
export function groupHistory(entries: readonly CallSnapshot[], groups: Readonly<Record<string, GroupCall>>): HistoryItem[] {
  const legsByGroup = new Map<string, CallSnapshot[]>();
  const order: Array<{ kind: 'call'; entry: CallSnapshot } | { kind: 'group'; id: string }> = [];
  for (const entry of entries) {
    const groupId = groupCallIdOf(entry, groups);
    if (groupId === null) {
      order.push({ kind: 'call', entry });
      continue;
    }
    const legs = legsByGroup.get(groupId);
    if (legs) legs.push(entry);
    else {
      legsByGroup.set(groupId, [entry]);
      order.push({ kind: 'group', id: groupId });
    }
  }
  return order.map((slot) =>
    slot.kind === 'call'
      ? { kind: 'call', key: slot.entry.id, entry: slot.entry }
      : groupItem(slot.id, legsByGroup.get(slot.id) ?? [], groups[slot.id]),
  );
}

function groupItem(id: string, newestFirst: readonly CallSnapshot[], group: GroupCall | undefined): HistoryGroupItem {
  const legs = [...newestFirst].sort((a, b) => byDialOrder(a, b, group));
  const answered = answeredLeg(legs, group);
  const outcome = group ? group.status : answered ? 'answered' : 'no_answer';
  return {
    kind: 'group',
    key: `group:${id}`,
    groupCallId: id,
    name: group?.name || legs.find((leg) => leg.labels.group)?.labels.group || 'Group call',
    ringMethod: group?.ring_method ?? null,
    outcome,
    answered,
    durationSeconds: answered ? parseDuration(answered.answer_duration) : null,
    legs,
    createTime: legs[0]?.create_time ?? '',
  };
}

function answeredLeg(legs: readonly CallSnapshot[], group: GroupCall | undefined): CallSnapshot | null {
  if (group) return legs.find((leg) => leg.id === group.answer_call_id) ?? null;
  return legs.find((leg) => leg.answer_time !== null && leg.end_reason !== 'answered_elsewhere') ?? null;
}

/** The group call's own order (call_ids) when known; else by creation time. */
function byDialOrder(a: CallSnapshot, b: CallSnapshot, group: GroupCall | undefined): number {
  if (group) {
    const ia = group.call_ids.indexOf(a.id);
    const ib = group.call_ids.indexOf(b.id);
    if (ia >= 0 && ib >= 0) return ia - ib;
  }
  return a.create_time < b.create_time ? -1 : a.create_time > b.create_time ? 1 : 0;
}

/**
 * Filters and search on folded items: a group entry shows when any of its legs passes the
 * filter and the search matches the group's name or any leg (its legs all show when expanded).
 */
export function itemMatches(item: HistoryItem, filter: HistoryFilter, query: string): boolean {
  if (item.kind === 'call') return matchesFilter(item.entry, filter) && matchesQuery(item.entry, query);
  if (!item.legs.some((leg) => matchesFilter(leg, filter))) return false;
  const text = query.trim().toLowerCase();
  return !text || item.name.toLowerCase().includes(text) || item.legs.some((leg) => matchesQuery(leg, query));
}
