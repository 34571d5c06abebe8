import { describe, expect, it } from 'vitest';
import { NIL_UUID, NOT_YET, type Address } from '../../../../src-main/contract/group-call.js';
import { DeskError } from '../../../../src-main/contract/result.js';
import { ANSWERED_ELSEWHERE_REASON } from '../../../../src-main/engine/call-engine.js';
import { AGENT_NOT_AVAILABLE } from '../../../../src-main/engine/group-calls/group-call-service.js';
import { CUSTOMER_ID, groupCallHarness, type GroupCallHarness } from '../../../support/fakes/group-call-harness.js';

const endpoint = (target: string): Address => ({ type: 'endpoint', target, target_name: '', name: '', detail: '' });
const ELSEWHERE = ANSWERED_ELSEWHERE_REASON;

function ringAll(h: GroupCallHarness, targets = ['1002', '1003', '1004']) {
  return h.groupCalls.create({ name: 'Sales', destinations: targets.map(endpoint), ring_method: 'ring_all', timeout_seconds: 20 });
}

function legs(h: GroupCallHarness, groupId: string) {
  return h.groupCalls.get(groupId).call_ids.map((id) => h.engine.getCall(id));
}

function errorOf(action: () => unknown): DeskError {
  try {
    action();
  } catch (error) {
    expect(error).toBeInstanceOf(DeskError);
    return error as DeskError;
  }
  throw new Error('did not throw');
}

describe('creating a group call', () => {
  it('ring_all dials every destination at once as PARENT_CALL legs of the group, with X-Group-Call', () => {
    const h = groupCallHarness();
    const group = ringAll(h);
    expect(group).toMatchObject({
      customer_id: CUSTOMER_ID,
      ring_method: 'ring_all',
      answer_method: 'hangup_others',
      answer_call_id: NIL_UUID,
      status: 'ringing',
      tm_delete: NOT_YET,
    });
    expect(group.tm_create).toBe('2026-11-23 09:00:00.000000');
    expect(group.call_ids).toHaveLength(3);
    expect(h.telephony.ofType('dial').map((dial) => dial.uri)).toEqual(['sip:1002@sip.test', 'sip:1003@sip.test', 'sip:1004@sip.test']);
    expect(h.telephony.ofType('dial').every((dial) => dial.extra_headers.includes('X-Group-Call: Sales'))).toBe(true);
    for (const leg of legs(h, group.id)) {
      expect(leg).toMatchObject({ create_method: 'PARENT_CALL', originating_call: group.id, timeout_seconds: 20 });
    }
  });

  it('rings agents by their email from the directory', () => {
    const h = groupCallHarness();
    h.groupCalls.create({ destinations: [{ type: 'agent', target: 'ANA@example.com' }] });
    expect(h.telephony.ofType('dial')[0]?.uri).toBe('sip:1002@sip.test');
  });

  it.each([
    [{ destinations: [] }, 'destinations must list at least one address'],
    [{ destinations: [{ type: 'fax', target: '1' }] }, 'unknown destination type "fax"'],
    [{ destinations: [endpoint('1002')], ring_method: 'random' }, 'unknown ring_method "random"'],
    [{ destinations: [{ type: 'agent', target: 'nobody@example.com' }] }, 'is not in the agent directory'],
    [{ destinations: [{ type: 'tel', target: 'hello' }] }, 'tel destination "hello"'],
    [{ destinations: [{ type: 'groupcall', target: 'Nope' }] }, 'names no group call'],
  ])('refuses %j with a clear message and writes nothing', (input, message) => {
    const h = groupCallHarness();
    const error = errorOf(() => h.groupCalls.create(input));
    expect(error.code).toBe('bad_request');
    expect(error.message).toContain(message);
    expect(h.groups.records.size).toBe(0);
    expect(h.telephony.sent).toEqual([]);
  });

  it("without a registered desk, is refused with the seed's sentence and writes nothing", () => {
    const h = groupCallHarness();
    h.engine.reportRegistration({ state: 'reconnecting', reason: null, next_attempt_at: null });
    const error = errorOf(() => ringAll(h));
    expect(error).toMatchObject({ code: 'desk_unavailable', message: AGENT_NOT_AVAILABLE });
    expect(h.groups.records.size).toBe(0);
  });
});

describe('ring_all', () => {
  it('the first answer wins; every other leg is cancelled with Reason cause=200, in one urgent send', () => {
    const h = groupCallHarness();
    const group = ringAll(h);
    const [a, b, c] = group.call_ids;
    for (const id of group.call_ids) h.engine.legEvent({ type: 'ringing', call_id: id });
    h.engine.legEvent({ type: 'answered', call_id: c! });
    expect(h.groupCalls.get(group.id)).toMatchObject({ status: 'answered', answer_call_id: c });
    expect(h.telephony.ofType('cancel')).toEqual([
      { type: 'cancel', call_id: a, reason_header: ELSEWHERE },
      { type: 'cancel', call_id: b, reason_header: ELSEWHERE },
    ]);
    // Together, ahead of the records the answer then writes (DeskHub delivers them at once).
    expect(h.telephony.sentAtOnce).toEqual([h.telephony.ofType('cancel')]);
    expect(legs(h, group.id).map((leg) => [leg.state, leg.end_reason])).toEqual([
      ['NOT_ANSWERED', 'answered_elsewhere'],
      ['NOT_ANSWERED', 'answered_elsewhere'],
      ['IN_PROGRESS', null],
    ]);
  });

  it('answer racing answer: the loser is hung up with a BYE carrying the Reason, never left connected', () => {
    const h = groupCallHarness();
    const group = ringAll(h, ['1002', '1003']);
    const [a, b] = group.call_ids;
    h.engine.legEvent({ type: 'answered', call_id: a! });
    h.engine.legEvent({ type: 'answered', call_id: b! }); // its 200 crossed our CANCEL
    expect(h.groupCalls.get(group.id).answer_call_id).toBe(a);
    expect(h.telephony.ofType('bye')).toEqual([{ type: 'bye', call_id: b, reason_header: ELSEWHERE }]);
    expect(h.engine.getCall(b!)).toMatchObject({ state: 'NOT_ANSWERED', end_reason: 'answered_elsewhere' });
    expect(h.engine.liveCalls().map((call) => call.id)).toEqual([a]);
  });

  it('answer racing the ring timeout: the timeout first ends the leg, its late answer gets a BYE', () => {
    const h = groupCallHarness();
    const group = ringAll(h, ['1002', '1003']);
    const [a, b] = group.call_ids;
    h.clock.advance(20_000); // both legs time out
    h.engine.legEvent({ type: 'answered', call_id: a! });
    expect(h.groupCalls.get(group.id)).toMatchObject({ status: 'no_answer', answer_call_id: NIL_UUID });
    expect(h.telephony.ofType('bye').map((bye) => bye.call_id)).toEqual([a]);
    expect(h.engine.getCall(b!)).toMatchObject({ state: 'NOT_ANSWERED', end_reason: 'no_answer' });
    expect(h.engine.liveCalls()).toEqual([]);
  });

  it('answer racing the ring timeout: an answer first disarms the timer and wins', () => {
    const h = groupCallHarness();
    const group = ringAll(h, ['1002', '1003']);
    const [a, b] = group.call_ids;
    h.engine.legEvent({ type: 'answered', call_id: a! });
    h.clock.advance(20_000);
    expect(h.engine.getCall(a!).state).toBe('IN_PROGRESS');
    expect(h.engine.getCall(b!).end_reason).toBe('answered_elsewhere');
    expect(h.groupCalls.get(group.id).status).toBe('answered');
  });

  it('cancel racing 200 OK: a leg that answers after the group hung up is ended, not connected', () => {
    const h = groupCallHarness();
    const group = ringAll(h, ['1002', '1003']);
    const [a] = group.call_ids;
    h.groupCalls.hangup(group.id);
    h.engine.legEvent({ type: 'answered', call_id: a! });
    expect(h.groupCalls.get(group.id)).toMatchObject({ status: 'hungup', answer_call_id: NIL_UUID });
    expect(h.telephony.ofType('bye').map((bye) => bye.call_id)).toEqual([a]);
    expect(h.engine.liveCalls()).toEqual([]);
  });

  it('hanging up the group while legs ring cancels every leg', () => {
    const h = groupCallHarness();
    const group = ringAll(h);
    for (const id of group.call_ids) h.engine.legEvent({ type: 'ringing', call_id: id });
    const after = h.groupCalls.hangup(group.id);
    expect(after.status).toBe('hungup');
    expect(h.telephony.ofType('cancel').map((cancel) => cancel.call_id)).toEqual(group.call_ids);
    expect(h.telephony.sentAtOnce.map((commands) => commands.length)).toEqual([group.call_ids.length]); // together, ahead of the records
    expect(legs(h, group.id).every((leg) => leg.end_reason === 'cancelled')).toBe(true);
  });

  it('ends as no_answer when every destination fails', () => {
    const h = groupCallHarness();
    const group = ringAll(h);
    const [a, b, c] = group.call_ids;
    h.engine.legEvent({ type: 'ended', call_id: a!, end: { by: 'remote', status_code: 486 } });
    h.engine.legEvent({ type: 'ended', call_id: b!, end: { by: 'remote', status_code: 603 } });
    expect(h.groupCalls.get(group.id).status).toBe('ringing');
    h.engine.legEvent({ type: 'command_failed', call_id: c!, command: 'dial', message: 'boom' });
    expect(h.groupCalls.get(group.id).status).toBe('no_answer');
  });
});

describe('linear', () => {
  it('tries one destination at a time: no answer, then declined, then the third answers', () => {
    const h = groupCallHarness();
    const group = h.groupCalls.create({ destinations: ['1002', '1003', '1004'].map(endpoint), ring_method: 'linear', timeout_seconds: 5 });
    expect(h.telephony.ofType('dial')).toHaveLength(1);
    h.clock.advance(5000); // first: no answer
    expect(h.telephony.ofType('dial').map((dial) => dial.uri)).toEqual(['sip:1002@sip.test', 'sip:1003@sip.test']);
    const second = h.groupCalls.get(group.id).call_ids[1]!;
    h.engine.legEvent({ type: 'ended', call_id: second, end: { by: 'remote', status_code: 603 } });
    const third = h.groupCalls.get(group.id).call_ids[2]!;
    h.engine.legEvent({ type: 'answered', call_id: third });
    expect(h.groupCalls.get(group.id)).toMatchObject({ status: 'answered', answer_call_id: third });
    expect(legs(h, group.id).map((leg) => leg.end_reason)).toEqual(['no_answer', 'declined', null]);
  });

  it('moves on when a leg cannot be placed, and ends as no_answer after the last', () => {
    const h = groupCallHarness();
    const group = h.groupCalls.create({ destinations: ['1002', '1003'].map(endpoint), ring_method: 'linear' });
    h.engine.legEvent({ type: 'command_failed', call_id: group.call_ids[0]!, command: 'dial', message: 'no route' });
    const second = h.groupCalls.get(group.id).call_ids[1]!;
    h.engine.legEvent({ type: 'ended', call_id: second, end: { by: 'remote', status_code: 486 } });
    expect(h.groupCalls.get(group.id).status).toBe('no_answer');
  });
});

describe('nesting', () => {
  it('a linear group inside ring_all keeps its own ring method', () => {
    const h = groupCallHarness();
    h.groupCalls.create({ name: 'Backline', destinations: ['1003', '1004'].map(endpoint), ring_method: 'linear' });
    h.groupCalls.hangup(h.groupCalls.list()[0]!.id);
    h.telephony.sent.length = 0;
    const group = h.groupCalls.create({
      name: 'Front',
      destinations: [endpoint('1002'), { type: 'groupcall', target: 'Backline' }],
      ring_method: 'ring_all',
    });
    expect(h.telephony.ofType('dial').map((dial) => dial.uri)).toEqual(['sip:1002@sip.test', 'sip:1003@sip.test']);
    h.engine.legEvent({ type: 'ended', call_id: group.call_ids[1]!, end: { by: 'remote', status_code: 486 } });
    expect(h.telephony.ofType('dial').map((dial) => dial.uri)).toContain('sip:1004@sip.test');
    const nestedSecond = h.groupCalls.get(group.id).call_ids[2]!;
    h.engine.legEvent({ type: 'answered', call_id: nestedSecond });
    expect(h.groupCalls.get(group.id)).toMatchObject({ status: 'answered', answer_call_id: nestedSecond });
    expect(h.engine.getCall(group.call_ids[0]!).end_reason).toBe('answered_elsewhere');
  });

  it('legs that ring beside others go out without an SDP offer; a leg that rings alone keeps its offer', () => {
    const h = groupCallHarness();
    h.groupCalls.create({ name: 'Backline', destinations: ['1003', '1004'].map(endpoint), ring_method: 'linear' });
    expect(h.telephony.ofType('dial').map((dial) => [dial.uri, dial.delayed_offer])).toEqual([['sip:1003@sip.test', undefined]]);
    h.groupCalls.hangup(h.groupCalls.list()[0]!.id);
    h.telephony.sent.length = 0;
    h.groupCalls.create({
      name: 'Front',
      destinations: [endpoint('1002'), { type: 'groupcall', target: 'Backline' }],
      ring_method: 'ring_all',
    });
    // 1003 is the first of a linear group, but that group rings beside 1002.
    expect(h.telephony.ofType('dial').map((dial) => [dial.uri, dial.delayed_offer])).toEqual([
      ['sip:1002@sip.test', true],
      ['sip:1003@sip.test', true],
    ]);
  });

  it('refuses a cycle at creation', () => {
    const h = groupCallHarness();
    h.groupCalls.create({ name: 'A', destinations: [endpoint('1002')] });
    h.groupCalls.create({ name: 'B', destinations: [{ type: 'groupcall', target: 'A' }] });
    // A newer "A" that rings B, which rings the older A: by name, A → B → A.
    const error = errorOf(() => h.groupCalls.create({ name: 'A', destinations: [{ type: 'groupcall', target: 'B' }] }));
    expect(error.message).toBe('groupcall destinations form a cycle: A → B → A');
  });

  it('refuses nesting deeper than the limit', () => {
    const h = groupCallHarness();
    h.groupCalls.create({ name: 'L0', destinations: [endpoint('1002')] });
    for (let level = 1; level <= 3; level++) {
      h.groupCalls.create({ name: `L${level}`, destinations: [{ type: 'groupcall', target: `L${level - 1}` }] });
    }
    const error = errorOf(() => h.groupCalls.create({ name: 'Top', destinations: [{ type: 'groupcall', target: 'L3' }] }));
    expect(error.message).toContain('group calls nest at most 3 deep');
  });
});

describe('deleting', () => {
  it('sets tm_delete, hangs up a ringing group and drops it from the list', () => {
    const h = groupCallHarness();
    const group = ringAll(h);
    h.clock.advance(1500);
    const deleted = h.groupCalls.delete(group.id);
    expect(deleted.tm_delete).toBe('2026-11-23 09:00:01.500000');
    expect(deleted.status).toBe('hungup');
    expect(h.groupCalls.list()).toEqual([]);
    expect(h.groupCalls.get(group.id).id).toBe(group.id);
  });
});

describe('the agent who is rung', () => {
  const groupRing = { sip_call_id: 'g@host', from_uri: 'sip:1001@sip.test', from_name: 'Ana', to_uri: 'sip:1002@sip.test', group_call: 'Sales' };

  it('a group ring carries the group name as its label', () => {
    const h = groupCallHarness();
    const decision = h.engine.incoming(groupRing);
    expect(h.engine.getCall(decision.call_id).labels).toEqual({ group: 'Sales' });
  });

  it('a ring cancelled with Reason cause=200 ends as answered elsewhere, not missed', () => {
    const h = groupCallHarness();
    const { call_id } = h.engine.incoming(groupRing);
    h.engine.legEvent({ type: 'ended', call_id, end: { by: 'remote', reason_header: ELSEWHERE } });
    expect(h.engine.getCall(call_id)).toMatchObject({ state: 'NOT_ANSWERED', end_reason: 'answered_elsewhere' });
  });

  it('a call answered in the same instant as a colleague, then hung up with that Reason, is answered elsewhere', () => {
    const h = groupCallHarness();
    const { call_id } = h.engine.incoming(groupRing);
    h.engine.answer(call_id);
    h.engine.legEvent({ type: 'answered', call_id });
    h.engine.legEvent({ type: 'ended', call_id, end: { by: 'remote', reason_header: ELSEWHERE } });
    expect(h.engine.getCall(call_id)).toMatchObject({ state: 'COMPLETED', end_reason: 'answered_elsewhere' });
  });
});
