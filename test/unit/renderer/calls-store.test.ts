import { createPinia, setActivePinia } from 'pinia';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { CallSnapshot } from '../../../src-main/contract/call.js';
import { ANSWER_ELSEWHERE, ENDED_NOTICE_MS, useCallsStore } from '../../../src-renderer/stores/calls.js';
import { useDeskStore } from '../../../src-renderer/stores/desk.js';
import { installAnswerAtClick } from '../../../src-renderer/stores/answer-at-click.js';
import { installDeskClient } from '../../../src-renderer/stores/client.js';
import { createFakeDeskClient, snapshot, type FakeDeskClient } from './fake-desk-client.js';

let client: FakeDeskClient;
let live: Map<string, CallSnapshot>;

/** A fake main that keeps records and answers commands the way the engine would. */
function installFakeMain(): void {
  client = createFakeDeskClient();
  live = new Map();
  const update = (id: string, patch: Partial<CallSnapshot>) => {
    const current = live.get(id);
    if (!current) return { ok: false as const, error: { code: 'not_found' as const, message: 'No such call' } };
    const next = { ...current, ...patch };
    live.set(id, next);
    return { ok: true as const, value: next };
  };
  client.handle('calls.hold', ({ id, on }) => update(id, { held: on }));
  client.handle('calls.mute', ({ id, on }) => update(id, { muted: on }));
  client.handle('calls.answer', ({ id }) => update(id, { state: 'IN_PROGRESS', answer_time: '2030-01-01T12:01:00.000Z' }));
  client.handle('calls.decline', ({ id }) => update(id, { state: 'REJECTED', end_reason: 'declined' }));
  client.handle('calls.hangup', ({ id }) => update(id, { state: 'COMPLETED', end_reason: 'completed' }));
  client.handle('calls.dtmf', () => ({ ok: true, value: { ok: true } }));
  client.handle('calls.dial', ({ target }) => {
    if (target === 'hello') return { ok: false, error: { code: 'invalid_target', message: '"hello" is not a number or SIP address' } };
    const placed = snapshot({ direction: 'OUTGOING', state: 'STARTING', to: `sip:${target}@sip.test`, create_method: 'DESK' });
    live.set(placed.id, placed);
    return { ok: true, value: placed };
  });
  installDeskClient(client);
}

/** A store in the window that carries calls (the active desk), holding `calls`. */
function seed(...calls: CallSnapshot[]): ReturnType<typeof useCallsStore> {
  const desk = useDeskStore();
  desk.setConnected(true);
  desk.applyRole({ active: true });
  const store = useCallsStore();
  for (const c of calls) {
    live.set(c.id, c);
    store.applySnapshot(c);
  }
  return store;
}

beforeEach(() => {
  setActivePinia(createPinia());
  installFakeMain();
});
afterEach(() => {
  installDeskClient(null);
  installAnswerAtClick(null);
  vi.useRealTimers();
});

describe('calls store getters', () => {
  it('separates incoming rings from the calls the agent is in', () => {
    const connected = snapshot({ state: 'IN_PROGRESS', answer_time: '2030-01-01T12:00:30.000Z' });
    const ring = snapshot({ state: 'RINGING', direction: 'INCOMING' });
    const outgoingRinging = snapshot({ state: 'RINGING', direction: 'OUTGOING' });
    const store = seed(connected, ring, outgoingRinging);
    expect(store.ringingCalls.map((c) => c.id)).toEqual([ring.id]);
    expect(store.engagedCalls.map((c) => c.id).sort()).toEqual([connected.id, outgoingRinging.id].sort());
  });

  it('never shows a supervisor join request as a ring or a call card, whether it is answered or refused', () => {
    const join = snapshot({ state: 'RINGING', direction: 'INCOMING', labels: { supervisor_mode: 'listen' } });
    const refused = snapshot({ state: 'RINGING', direction: 'INCOMING', labels: { supervisor_join: 'refused' } });
    const ring = snapshot({ state: 'RINGING', direction: 'INCOMING' });
    const store = seed(join, refused, ring);
    expect(store.ringingCalls.map((c) => c.id)).toEqual([ring.id]);
    expect(store.engagedCalls).toEqual([]);
  });

  it('lists the oldest ring first so it is answered first', () => {
    const first = snapshot();
    const second = snapshot();
    const store = seed(second, first);
    expect(store.ringingCalls.map((c) => c.id)).toEqual([first.id, second.id]);
  });

  it('picks the unheld call as active and stacks the held one', () => {
    const held = snapshot({ state: 'IN_PROGRESS', held: true, answer_time: '2030-01-01T12:00:10.000Z' });
    const talking = snapshot({ state: 'IN_PROGRESS', answer_time: '2030-01-01T11:59:00.000Z' });
    const store = seed(held, talking);
    expect(store.activeCall?.id).toBe(talking.id);
    expect(store.otherCalls.map((c) => c.id)).toEqual([held.id]);
    expect(store.heldCalls.map((c) => c.id)).toEqual([held.id]);
  });

  it('keeps a held call as the active card when it is the only call', () => {
    const held = snapshot({ state: 'IN_PROGRESS', held: true });
    const store = seed(held);
    expect(store.activeCall?.id).toBe(held.id);
    expect(store.otherCalls).toEqual([]);
  });

  it('has no active call while only a ring is live', () => {
    const store = seed(snapshot());
    expect(store.activeCall).toBeNull();
    expect(store.hasLiveCalls).toBe(true);
  });
});

describe('snapshots', () => {
  it('a terminal snapshot removes the call and shows the ended line for a few seconds', () => {
    vi.useFakeTimers();
    const c = snapshot({ direction: 'OUTGOING', state: 'RINGING' });
    const store = seed(c);
    expect(store.applySnapshot({ ...c, state: 'BUSY', end_reason: 'busy' })).toBe('ended');
    expect(store.liveCalls).toEqual([]);
    expect(store.endedNotice?.call.end_reason).toBe('busy');
    vi.advanceTimersByTime(ENDED_NOTICE_MS);
    expect(store.endedNotice).toBeNull();
  });

  it("a supervisor leaving the agent's call shows no ended line (it is not the customer's call); the supervisor's own call does", () => {
    const joinOnAgentDesk = snapshot({ direction: 'INCOMING', state: 'IN_PROGRESS', labels: { supervisor_mode: 'listen' } });
    const store = seed(joinOnAgentDesk);
    expect(store.applySnapshot({ ...joinOnAgentDesk, state: 'COMPLETED', end_reason: 'completed' })).toBe('ended');
    expect(store.liveCalls).toEqual([]);
    expect(store.endedNotice).toBeNull();

    const joinOnSupervisorDesk = snapshot({ direction: 'OUTGOING', state: 'IN_PROGRESS', labels: { supervisor_mode: 'listen' } });
    const supervisorStore = seed(joinOnSupervisorDesk);
    supervisorStore.applySnapshot({ ...joinOnSupervisorDesk, state: 'COMPLETED', end_reason: 'completed' });
    expect(supervisorStore.endedNotice?.call.id).toBe(joinOnSupervisorDesk.id);
  });

  it('ignores a late non-terminal echo of a call that already ended', () => {
    const c = snapshot({ state: 'IN_PROGRESS' });
    const store = seed(c);
    store.applySnapshot({ ...c, state: 'COMPLETED', end_reason: 'completed' });
    expect(store.applySnapshot({ ...c, state: 'IN_PROGRESS', muted: true })).toBe('ignored');
    expect(store.liveCalls).toEqual([]);
  });

  it('ignores a snapshot that would move a call backwards', () => {
    const c = snapshot({ direction: 'OUTGOING', state: 'IN_PROGRESS' });
    const store = seed(c);
    expect(store.applySnapshot({ ...c, state: 'RINGING' })).toBe('ignored');
    expect(store.activeCall?.state).toBe('IN_PROGRESS');
  });

  it('replaceAll drops calls main no longer lists', () => {
    const gone = snapshot({ state: 'IN_PROGRESS' });
    const kept = snapshot({ state: 'IN_PROGRESS', held: true });
    const store = seed(gone, kept);
    store.replaceAll([kept]);
    expect(store.liveCalls.map((c) => c.id)).toEqual([kept.id]);
  });
});

describe('hold by the far end', () => {
  it('is kept per live call, and forgotten when the call ends or main no longer lists it', () => {
    const first = snapshot({ state: 'IN_PROGRESS' });
    const second = snapshot({ state: 'IN_PROGRESS', held: true });
    const store = seed(first, second);
    store.setHeldByFarEnd(first.id, true);
    store.setHeldByFarEnd(second.id, true);
    expect([store.isHeldByFarEnd(first.id), store.isHeldByFarEnd(second.id)]).toEqual([true, true]);
    store.setHeldByFarEnd(first.id, false);
    expect(store.isHeldByFarEnd(first.id)).toBe(false);

    store.setHeldByFarEnd(first.id, true);
    store.applySnapshot({ ...first, state: 'COMPLETED', end_reason: 'completed' });
    expect(store.isHeldByFarEnd(first.id)).toBe(false);
    store.replaceAll([]);
    expect(store.isHeldByFarEnd(second.id)).toBe(false);
  });

  it('ignores news about a call it does not hold (already ended, or never seen)', () => {
    const store = seed();
    store.setHeldByFarEnd('no-such-call', true);
    expect(store.isHeldByFarEnd('no-such-call')).toBe(false);
  });
});

describe('call waiting', () => {
  it('answering a second call holds the first, then answers', async () => {
    const first = snapshot({ state: 'IN_PROGRESS', answer_time: '2030-01-01T12:00:00.000Z' });
    const second = snapshot({ state: 'RINGING' });
    const store = seed(first, second);

    await store.answer(second.id);

    expect(client.calls.map((c) => [c.method, c.params])).toEqual([
      ['calls.hold', { id: first.id, on: true }],
      ['calls.answer', { id: second.id }],
    ]);
    expect(store.activeCall?.id).toBe(second.id);
    expect(store.otherCalls.map((c) => [c.id, c.held])).toEqual([[first.id, true]]);
  });

  it('answering with no other call sends only the answer', async () => {
    const ring = snapshot();
    const store = seed(ring);
    await store.answer(ring.id);
    expect(client.calls.map((c) => c.method)).toEqual(['calls.answer']);
  });

  it('still answers when holding the first call fails, and shows why on the first call', async () => {
    const first = snapshot({ state: 'IN_PROGRESS' });
    const second = snapshot();
    const store = seed(first, second);
    client.handle('calls.hold', () => ({ ok: false, error: { code: 'invalid_state', message: 'This call cannot be held right now' } }));
    await store.answer(second.id);
    expect(client.calls.map((c) => c.method)).toEqual(['calls.hold', 'calls.answer']);
    expect(store.errorFor(first.id)).toBe('This call cannot be held right now');
  });

  it('a window that does not carry calls refuses to answer, and says where to answer', async () => {
    const ring = snapshot();
    const store = seed(ring);
    useDeskStore().applyRole({ active: false });
    expect(await store.answer(ring.id)).toBeNull();
    expect(client.calls).toEqual([]);
    expect(store.errorFor(ring.id)).toBe(ANSWER_ELSEWHERE);
  });

  it('switching holds the current call and resumes the other', async () => {
    const current = snapshot({ state: 'IN_PROGRESS', answer_time: '2030-01-01T12:00:05.000Z' });
    const held = snapshot({ state: 'IN_PROGRESS', held: true, answer_time: '2030-01-01T12:00:00.000Z' });
    const store = seed(current, held);
    expect(store.activeCall?.id).toBe(current.id);

    await store.switchTo(held.id);

    expect(client.calls.map((c) => [c.method, c.params])).toEqual([
      ['calls.hold', { id: current.id, on: true }],
      ['calls.hold', { id: held.id, on: false }],
    ]);
    expect(store.activeCall?.id).toBe(held.id);
    expect(store.activeCall?.held).toBe(false);
  });

  it('dialling during a call holds the current call first', async () => {
    const current = snapshot({ state: 'IN_PROGRESS' });
    const store = seed(current);
    const placed = await store.dial('1003');
    expect(client.calls.map((c) => c.method)).toEqual(['calls.hold', 'calls.dial']);
    expect(store.activeCall?.id).toBe(placed?.id);
  });
});

describe('the agent responds to a ring', () => {
  /** calls.answer as the engine answers it: the record is still RINGING until the leg connects. */
  function answerThatWaits(): { reply: () => void } {
    let replied = false;
    let reply = (): void => undefined;
    client.handle('calls.answer', ({ id }) => new Promise((resolve) => {
      reply = () => resolve({ ok: true, value: live.get(id)! });
      if (replied) reply();
    }));
    return {
      reply: () => {
        replied = true;
        reply();
      },
    };
  }

  it('the ring falls silent at the answer, before main replies, and its buttons stay busy until it connects', async () => {
    const ring = snapshot();
    const other = snapshot();
    const store = seed(ring, other);
    const main = answerThatWaits();
    expect(store.audibleRings.map((c) => c.id)).toEqual([ring.id, other.id]);

    const answering = store.answer(ring.id);
    // Nothing has come back from main yet: the call is still ringing, but not audibly.
    expect(store.ringingCalls.map((c) => c.id)).toEqual([ring.id, other.id]);
    expect(store.audibleRings.map((c) => c.id)).toEqual([other.id]);
    expect(store.responseTo(ring.id)).toBe('answer');

    main.reply();
    await answering;
    expect(store.responseTo(ring.id)).toBe('answer'); // main's reply still says RINGING

    store.applySnapshot({ ...ring, state: 'IN_PROGRESS', answer_time: '2030-01-01T12:01:00.000Z' });
    expect(store.responseTo(ring.id)).toBeNull();
    expect(store.audibleRings.map((c) => c.id)).toEqual([other.id]);
  });

  it('the window that carries calls starts the SIP answer at the click, after holding the current call and with calls.answer', async () => {
    const first = snapshot({ state: 'IN_PROGRESS' });
    const ring = snapshot();
    const store = seed(first, ring);
    const order: string[] = [];
    installAnswerAtClick((id) => order.push(`sip answer ${id === ring.id ? 'ring' : id}`));
    const calls = client.calls;
    const answering = store.answer(ring.id);
    await vi.waitFor(() => expect(order).toHaveLength(1));
    // In the same moment as the SIP answer, never before the hold of the current call.
    expect(calls.map((c) => c.method)).toEqual(['calls.hold', 'calls.answer']);
    await answering;
    expect(order).toEqual(['sip answer ring']);
  });

  it('a ring whose answer main refuses rings again, with the reason on its card', async () => {
    const ring = snapshot();
    const store = seed(ring);
    client.handle('calls.answer', () => ({ ok: false, error: { code: 'invalid_state', message: 'Only a ringing incoming call can be answered' } }));
    expect(await store.answer(ring.id)).toBeNull();
    expect(store.audibleRings.map((c) => c.id)).toEqual([ring.id]);
    expect(store.responseTo(ring.id)).toBeNull();
    expect(store.errorFor(ring.id)).toBe('Only a ringing incoming call can be answered');
  });

  it('declining silences the ring at once too', async () => {
    const ring = snapshot();
    const store = seed(ring);
    let reply = (): void => undefined;
    client.handle('calls.decline', ({ id }) => new Promise((resolve) => {
      reply = () => resolve({ ok: true, value: { ...live.get(id)!, state: 'REJECTED', end_reason: 'declined' } });
    }));
    const declining = store.decline(ring.id);
    expect(store.audibleRings).toEqual([]);
    expect(store.responseTo(ring.id)).toBe('decline');
    reply();
    await declining;
    expect(store.ringingCalls).toEqual([]);
    expect(store.responseTo(ring.id)).toBeNull();
  });

  it('sends one response per ring: a second answer or a decline while the answer is on its way is not sent', async () => {
    const ring = snapshot();
    const store = seed(ring);
    const main = answerThatWaits();
    const first = store.answer(ring.id);
    expect(await store.answer(ring.id)).toBeNull();
    expect(await store.decline(ring.id)).toBeNull();
    main.reply();
    await first;
    expect(client.calls.map((c) => c.method)).toEqual(['calls.answer']);
  });

  it('forgets a response when main no longer lists the call after a reconnection', async () => {
    const ring = snapshot();
    const store = seed(ring);
    answerThatWaits();
    void store.answer(ring.id);
    store.replaceAll([]);
    expect(store.responseTo(ring.id)).toBeNull();
  });
});

describe('actions and errors', () => {
  it('shows the dial plan error for the dial field', async () => {
    const store = useCallsStore();
    expect(await store.dial('hello')).toBeNull();
    expect(store.errorFor('dial')).toBe('"hello" is not a number or SIP address');
  });

  it('refuses an empty dial without asking main', async () => {
    const store = useCallsStore();
    await store.dial('   ');
    expect(client.calls).toEqual([]);
    expect(store.errorFor('dial')).toBe('Type a number or SIP address to call');
  });

  it('hang up on a ringing incoming call declines it', async () => {
    const ring = snapshot();
    const store = seed(ring);
    await store.hangup(ring.id);
    expect(client.calls.map((c) => c.method)).toEqual(['calls.decline']);
    expect(store.liveCalls).toEqual([]);
  });

  it('toggles mute from the snapshot', async () => {
    const c = snapshot({ state: 'IN_PROGRESS' });
    const store = seed(c);
    await store.toggleMute(c.id);
    expect(client.calls.at(-1)).toEqual({ method: 'calls.mute', params: { id: c.id, on: true } });
    expect(store.activeCall?.muted).toBe(true);
  });

  it('a transport failure becomes a readable error, not a rejection', async () => {
    const c = snapshot({ state: 'IN_PROGRESS' });
    const store = seed(c);
    client.handle('calls.dtmf', () => Promise.reject(new Error('Lost the connection to the desk host')));
    expect(await store.dtmf(c.id, '5')).toBe(false);
    expect(store.errorFor(c.id)).toBe('Lost the connection to the desk host');
  });

  it('transfer errors are scoped to the transfer form', async () => {
    const c = snapshot({ state: 'IN_PROGRESS' });
    const store = seed(c);
    client.handle('calls.transfer', () => ({ ok: false, error: { code: 'invalid_target', message: 'Type a number to transfer to' } }));
    expect(await store.transfer(c.id, 'x')).toBe(false);
    expect(store.errorFor(`transfer:${c.id}`)).toBe('Type a number to transfer to');
    expect(store.errorFor(c.id)).toBeNull();
  });
});

describe('rings drawn at their INVITE, before main records them (stores/early-ring.ts)', () => {
  const invite = { sip_call_id: 'abc@client', from_uri: 'sip:1002@sip.test', from_name: 'Ada', to_uri: 'sip:1001@sip.test' };
  const recorded = () => snapshot({ sip_call_id: invite.sip_call_id, from: invite.from_uri, remote_name: 'Ada' });

  it('draws the ring at once, silently, and main\'s record of the same INVITE takes its place under the same key', () => {
    const store = seed();
    store.showEarlyRing(invite);
    expect(store.drawnRings.map((c) => [c.from, c.remote_name, c.sip_call_id])).toEqual([[invite.from_uri, 'Ada', invite.sip_call_id]]);
    expect(store.ringingCalls).toEqual([]); // no ringtone, announcement or notification yet
    expect(store.audibleRings).toEqual([]);

    const record = recorded();
    store.applySnapshot(record);
    expect(store.drawnRings.map((c) => c.id)).toEqual([record.id]);
    store.settleEarlyRing(invite.sip_call_id, record.id);
    expect(store.drawnRings.map((c) => c.id)).toEqual([record.id]);
    expect(store.audibleRings.map((c) => c.id)).toEqual([record.id]);
  });

  it('takes the ring down when the engine refuses the call (Away, reserved), and never calls main about it', async () => {
    const store = seed();
    store.showEarlyRing(invite);
    const [early] = store.drawnRings;
    await store.answer(early!.id);
    store.settleEarlyRing(invite.sip_call_id, null);
    expect(store.drawnRings).toEqual([]);
    expect(client.calls).toEqual([]);
  });

  it('an answer given before the engine decided is sent for main\'s record once it has', async () => {
    const store = seed();
    const sipAnswers: string[] = [];
    installAnswerAtClick((id) => sipAnswers.push(id));
    store.showEarlyRing(invite);
    const [early] = store.drawnRings;
    expect(await store.answer(early!.id)).toBeNull();
    expect(store.responseTo(early!.id)).toBe('answer'); // "Connecting…", buttons busy
    expect(client.calls).toEqual([]);

    const record = recorded();
    live.set(record.id, record);
    store.applySnapshot(record);
    expect(store.responseTo(record.id)).toBe('answer'); // still busy, and silent, until the decision
    expect(store.audibleRings).toEqual([]);
    store.settleEarlyRing(invite.sip_call_id, record.id);
    await vi.waitFor(() => expect(client.calls.map((c) => [c.method, c.params])).toEqual([['calls.answer', { id: record.id }]]));
    expect(sipAnswers).toEqual([record.id]);
  });

  it('a decline given before the engine decided is sent once it has; a second response is not', async () => {
    const store = seed();
    store.showEarlyRing(invite);
    const [early] = store.drawnRings;
    await store.decline(early!.id);
    await store.answer(early!.id);
    const record = recorded();
    live.set(record.id, record);
    store.settleEarlyRing(invite.sip_call_id, record.id);
    await vi.waitFor(() => expect(client.calls.map((c) => c.method)).toEqual(['calls.decline']));
  });

  it('is not drawn again when main\'s record ended before the decision arrived (the caller hung up at once)', () => {
    const store = seed();
    store.showEarlyRing(invite);
    const record = recorded();
    store.applySnapshot(record);
    store.applySnapshot({ ...record, state: 'NOT_ANSWERED', end_reason: 'cancelled' });
    expect(store.drawnRings).toEqual([]);
  });
});
