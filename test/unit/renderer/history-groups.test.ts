import { describe, expect, it } from 'vitest';
import type { CallSnapshot } from '../../../src-main/contract/call.js';
import type { GroupCall } from '../../../src-main/contract/group-call.js';
import { groupHistory, itemMatches, type HistoryGroupItem } from '../../../src-renderer/stores/history-groups.js';
import { snapshot } from './fake-desk-client.js';

const GROUP_ID = '11111111-1111-4111-8111-111111111111';

function leg(to: string, overrides: Partial<CallSnapshot> = {}): CallSnapshot {
  return snapshot({
    direction: 'OUTGOING',
    from: 'sip:1001@sip.test',
    to: `sip:${to}@sip.test`,
    create_method: 'PARENT_CALL',
    originating_call: GROUP_ID,
    labels: { group_call: GROUP_ID, group: 'Sales' },
    state: 'NOT_ANSWERED',
    end_reason: 'answered_elsewhere',
    ...overrides,
  });
}

function groupRecord(overrides: Partial<GroupCall>): GroupCall {
  return {
    id: GROUP_ID,
    customer_id: 'c',
    name: 'Sales',
    source: { type: 'sip', target: 'sip:1001@sip.test', target_name: '', name: '', detail: '' },
    destinations: [],
    ring_method: 'ring_all',
    answer_method: 'hangup_others',
    answer_call_id: '00000000-0000-0000-0000-000000000000',
    call_ids: [],
    status: 'ringing',
    timeout_seconds: 30,
    tm_create: '2030-01-01 12:00:00.000000',
    tm_update: '9999-01-01 00:00:00.000000',
    tm_delete: '9999-01-01 00:00:00.000000',
    ...overrides,
  };
}

/** Three ring_all legs (1002, 1003, 1004 in dial order) where 1004 answered, plus calls before and after. */
function ringAllHistory() {
  const before = snapshot({ state: 'COMPLETED', end_reason: 'completed' });
  const first = leg('1002');
  const second = leg('1003');
  const winner = leg('1004', { state: 'COMPLETED', end_reason: 'completed', answer_time: '2030-01-01T12:01:00.000Z', answer_duration: '75.2s' });
  const after = snapshot({ state: 'COMPLETED', end_reason: 'missed' });
  // History is newest first; the winner ended last, so it is on top of its group.
  const entries = [after, winner, second, first, before];
  return { before, first, second, winner, after, entries };
}

describe('history folds group call legs under their group call', () => {
  it('replaces the legs by one group entry at the place of its newest leg, other rows untouched', () => {
    const { before, after, entries } = ringAllHistory();
    const items = groupHistory(entries, {});
    expect(items.map((item) => item.kind)).toEqual(['call', 'group', 'call']);
    expect(items[0]).toMatchObject({ kind: 'call', entry: after });
    expect(items[2]).toMatchObject({ kind: 'call', entry: before });
  });

  it('reads the outcome, who answered and the duration from the legs when the group call record is unknown', () => {
    const { first, second, winner, entries } = ringAllHistory();
    const group = groupHistory(entries, {})[1] as HistoryGroupItem;
    expect(group).toMatchObject({ groupCallId: GROUP_ID, name: 'Sales', ringMethod: null, outcome: 'answered', durationSeconds: 75.2 });
    expect(group.answered?.id).toBe(winner.id);
    expect(group.legs.map((l) => l.id)).toEqual([first.id, second.id, winner.id]);
  });

  it('takes name, ring method, status, winner and leg order from the group call record when known', () => {
    const { first, second, winner, entries } = ringAllHistory();
    const record = groupRecord({
      name: 'Sales desk',
      ring_method: 'linear',
      status: 'answered',
      answer_call_id: winner.id,
      call_ids: [second.id, first.id, winner.id],
    });
    const group = groupHistory(entries, { [GROUP_ID]: record })[1] as HistoryGroupItem;
    expect(group).toMatchObject({ name: 'Sales desk', ringMethod: 'linear', outcome: 'answered' });
    expect(group.answered?.id).toBe(winner.id);
    expect(group.legs.map((l) => l.id)).toEqual([second.id, first.id, winner.id]);
  });

  it('says nobody answered when every leg failed, and hung up when the record says so', () => {
    const a = leg('1002', { end_reason: 'no_answer' });
    const b = leg('1003', { state: 'REJECTED', end_reason: 'declined' });
    expect(groupHistory([b, a], {})[0]).toMatchObject({ outcome: 'no_answer', answered: null, durationSeconds: null });
    const hungUp = groupHistory([b, a], { [GROUP_ID]: groupRecord({ status: 'hungup' }) })[0];
    expect(hungUp).toMatchObject({ outcome: 'hungup', answered: null });
  });

  it('folds a PARENT_CALL into a known group call even without the label; other PARENT_CALLs stay rows', () => {
    const unlabelled = leg('1002', { labels: {} });
    const transferLeg = snapshot({ create_method: 'PARENT_CALL', originating_call: '22222222-2222-4222-8222-222222222222' });
    expect(groupHistory([unlabelled, transferLeg], {}).map((item) => item.kind)).toEqual(['call', 'call']);
    const items = groupHistory([unlabelled, transferLeg], { [GROUP_ID]: groupRecord({}) });
    expect(items.map((item) => item.kind)).toEqual(['group', 'call']);
  });

  it('keeps an agent’s incoming group ring (labelled group, no group_call) as its own row', () => {
    const rung = snapshot({ labels: { group: 'Sales' }, state: 'NOT_ANSWERED', end_reason: 'answered_elsewhere' });
    expect(groupHistory([rung], {})).toEqual([{ kind: 'call', key: rung.id, entry: rung }]);
  });

  it('filters and searches a group entry by its legs and its name', () => {
    const { entries } = ringAllHistory();
    const group = groupHistory(entries, {})[1]!;
    expect(itemMatches(group, 'outgoing', '')).toBe(true);
    expect(itemMatches(group, 'incoming', '')).toBe(false);
    expect(itemMatches(group, 'all', 'sales')).toBe(true);
    expect(itemMatches(group, 'all', '1003')).toBe(true);
    expect(itemMatches(group, 'all', '1009')).toBe(false);
  });
});
