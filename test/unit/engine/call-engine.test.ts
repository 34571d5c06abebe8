import { describe, expect, it } from 'vitest';
import { DeskError } from '../../../src-main/contract/result.js';
import { engineHarness } from '../../support/fakes/engine-harness.js';

const incomingLeg = {
  sip_call_id: 'abc@host',
  from_uri: 'sip:1002@sip.test',
  from_name: 'Bea',
  to_uri: 'sip:1001@sip.test',
};

describe('outgoing calls', () => {
  it('a dialled extension becomes a QUEUED record and a dial command at the account domain', () => {
    const { engine, telephony } = engineHarness();
    const call = engine.dial({ target: '1002' });
    expect(call).toMatchObject({ state: 'QUEUED', direction: 'OUTGOING', to: 'sip:1002@sip.test', from: 'sip:1001@sip.test' });
    expect(telephony.last()).toMatchObject({ type: 'dial', call_id: call.id, uri: 'sip:1002@sip.test' });
  });

  it('walks QUEUED → STARTING → RINGING → IN_PROGRESS → COMPLETED with every time set', () => {
    const { engine, clock } = engineHarness();
    const { id } = engine.dial({ target: '1002' });
    clock.advance(100);
    engine.legEvent({ type: 'started', call_id: id, sip_call_id: 'x@y' });
    clock.advance(200);
    engine.legEvent({ type: 'ringing', call_id: id });
    clock.advance(3000);
    engine.legEvent({ type: 'answered', call_id: id });
    clock.advance(12_345);
    engine.legEvent({ type: 'ended', call_id: id, end: { by: 'remote' } });
    const call = engine.getCall(id);
    expect(call).toMatchObject({ state: 'COMPLETED', end_reason: 'completed', sip_call_id: 'x@y', answer_duration: '12.345s' });
    expect(Date.parse(call.ring_time!) - Date.parse(call.start_time!)).toBe(200);
    expect(Date.parse(call.end_time!) - Date.parse(call.answer_time!)).toBe(12_345);
  });

  it('skips ahead STARTING → IN_PROGRESS when no 180 arrives', () => {
    const { engine } = engineHarness();
    const { id } = engine.dial({ target: '1002' });
    engine.legEvent({ type: 'started', call_id: id, sip_call_id: 'x' });
    engine.legEvent({ type: 'answered', call_id: id });
    expect(engine.getCall(id).state).toBe('IN_PROGRESS');
  });

  it.each([
    [486, 'BUSY', 'busy'],
    [603, 'REJECTED', 'declined'],
    [404, 'FAILED', 'not_found'],
    [500, 'FAILED', 'failed'],
  ] as const)('a final %i ends the call %s (%s) with the SIP code', (code, state, reason) => {
    const { engine } = engineHarness();
    const { id } = engine.dial({ target: '1002' });
    engine.legEvent({ type: 'started', call_id: id, sip_call_id: 'x' });
    engine.legEvent({ type: 'ended', call_id: id, end: { by: 'remote', status_code: code, reason_phrase: 'Phrase' } });
    expect(engine.getCall(id)).toMatchObject({ state, end_reason: reason, error_code: String(code), error_message: 'Phrase' });
  });

  it('is cancelled and NOT_ANSWERED when its timeout runs out', () => {
    const { engine, clock, telephony } = engineHarness();
    const { id } = engine.dial({ target: '1002', timeoutSeconds: 5 });
    engine.legEvent({ type: 'ringing', call_id: id });
    clock.advance(4999);
    expect(engine.getCall(id).state).toBe('RINGING');
    clock.advance(1);
    expect(engine.getCall(id)).toMatchObject({ state: 'NOT_ANSWERED', end_reason: 'no_answer' });
    expect(telephony.last()).toEqual({ type: 'cancel', call_id: id });
  });

  it('an answer before the timeout disarms it', () => {
    const { engine, clock } = engineHarness();
    const { id } = engine.dial({ target: '1002', timeoutSeconds: 5 });
    engine.legEvent({ type: 'answered', call_id: id });
    clock.advance(60_000);
    expect(engine.getCall(id).state).toBe('IN_PROGRESS');
    expect(clock.pendingTimers).toBe(0);
  });

  it('a 200 racing our CANCEL never reopens the call', () => {
    const { engine, warnings } = engineHarness();
    const { id } = engine.dial({ target: '1002' });
    engine.hangup(id);
    engine.legEvent({ type: 'answered', call_id: id });
    engine.legEvent({ type: 'ended', call_id: id, end: { by: 'local' } });
    expect(engine.getCall(id)).toMatchObject({ state: 'NOT_ANSWERED', end_reason: 'cancelled' });
    expect(warnings).toContain('late or duplicate leg event ignored');
  });

  it('an incoming call ended while its answer was on its way is hung up when its leg connects, and stays ended', () => {
    const { engine, telephony } = engineHarness();
    const { call_id } = engine.incoming(incomingLeg);
    engine.decline(call_id); // e.g. the local API, while the agent clicks Answer
    engine.legEvent({ type: 'answered', call_id });
    expect(telephony.last()).toEqual({ type: 'bye', call_id });
    expect(engine.getCall(call_id)).toMatchObject({ state: 'REJECTED', end_reason: 'declined', answer_time: null });
  });

  it('a 180 after the 200 is ignored and logged', () => {
    const { engine, warnings } = engineHarness();
    const { id } = engine.dial({ target: '1002' });
    engine.legEvent({ type: 'answered', call_id: id });
    engine.legEvent({ type: 'ringing', call_id: id });
    expect(engine.getCall(id).state).toBe('IN_PROGRESS');
    expect(warnings).toContain('late or duplicate leg event ignored');
  });

  it('refuses what the dial plan cannot read, and writes nothing', () => {
    const { engine, calls, telephony } = engineHarness();
    expect(() => engine.dial({ target: 'hello' })).toThrow(/not a phone number, extension or SIP address/);
    expect(calls.records.size).toBe(0);
    expect(telephony.sent).toEqual([]);
  });

  it('refuses bad labels and timeouts with the seed limits, and writes nothing', () => {
    const { engine, calls } = engineHarness();
    const tooMany = Object.fromEntries(Array.from({ length: 51 }, (_, i) => [`k${i}`, 'v']));
    expect(() => engine.dial({ target: '1002', labels: tooMany })).toThrow('labels may have at most 50 keys (got 51)');
    expect(() => engine.dial({ target: '1002', timeoutSeconds: 601 })).toThrow('timeout_seconds must be between 1 and 600');
    expect(calls.records.size).toBe(0);
  });

  it('refuses to dial with no desk to carry the call', () => {
    const { engine, telephony, calls } = engineHarness();
    telephony.connected = false;
    expect(() => engine.dial({ target: '1002' })).toThrow(DeskError);
    expect(calls.records.size).toBe(0);
  });

  it('a lost transport before the answer fails the call with reason network', () => {
    const { engine } = engineHarness();
    const { id } = engine.dial({ target: '1002' });
    engine.legEvent({ type: 'ended', call_id: id, end: { by: 'transport' } });
    expect(engine.getCall(id)).toMatchObject({ state: 'FAILED', end_reason: 'network' });
  });

  it('a call the desk could not place (no microphone) fails with the desk\'s reason, not as cancelled', () => {
    const { engine } = engineHarness();
    const { id } = engine.dial({ target: '1002' });
    engine.legEvent({ type: 'ended', call_id: id, end: { by: 'local', failure: 'Could not call: no microphone was found' } });
    expect(engine.getCall(id)).toMatchObject({ state: 'FAILED', end_reason: 'failed' });
    expect(engine.getCall(id)).toMatchObject({ error_code: 'dial_failed', error_message: 'Could not call: no microphone was found' });
  });

  it('a lost transport during the call completes it with reason network', () => {
    const { engine } = engineHarness();
    const { id } = engine.dial({ target: '1002' });
    engine.legEvent({ type: 'answered', call_id: id });
    engine.legEvent({ type: 'ended', call_id: id, end: { by: 'transport' } });
    expect(engine.getCall(id)).toMatchObject({ state: 'COMPLETED', end_reason: 'network' });
  });
});

describe('incoming calls', () => {
  it('are born RINGING with the caller, and ring', () => {
    const { engine } = engineHarness();
    const decision = engine.incoming(incomingLeg);
    expect(decision.action).toBe('ring');
    expect(engine.getCall(decision.call_id)).toMatchObject({
      state: 'RINGING',
      direction: 'INCOMING',
      from: 'sip:1002@sip.test',
      remote_name: 'Bea',
      create_method: 'INCOMING_CALL',
    });
  });

  it('declined call is recorded as REJECTED and answered 603', () => {
    const { engine, telephony } = engineHarness();
    const { call_id } = engine.incoming(incomingLeg);
    engine.decline(call_id);
    expect(engine.getCall(call_id)).toMatchObject({ state: 'REJECTED', end_reason: 'declined' });
    expect(telephony.last()).toEqual({ type: 'reject', call_id, status_code: 603 });
  });

  it('while Away, an incoming call is refused with 480 and recorded as unavailable', () => {
    const { engine } = engineHarness();
    engine.setAgentStatus('away');
    const decision = engine.incoming(incomingLeg);
    expect(decision).toMatchObject({ action: 'reject', status_code: 480 });
    expect(engine.getCall(decision.call_id)).toMatchObject({ state: 'REJECTED', end_reason: 'unavailable' });
  });

  it('a CANCEL with Reason cause=200 ends the ring as answered elsewhere, not missed', () => {
    const { engine } = engineHarness();
    const { call_id } = engine.incoming(incomingLeg);
    engine.legEvent({
      type: 'ended',
      call_id,
      end: { by: 'remote', reason_header: 'SIP;cause=200;text="Call completed elsewhere"' },
    });
    expect(engine.getCall(call_id)).toMatchObject({ state: 'NOT_ANSWERED', end_reason: 'answered_elsewhere' });
  });

  it('a plain CANCEL is a missed call', () => {
    const { engine } = engineHarness();
    const { call_id } = engine.incoming(incomingLeg);
    engine.legEvent({ type: 'ended', call_id, end: { by: 'remote' } });
    expect(engine.getCall(call_id)).toMatchObject({ state: 'NOT_ANSWERED', end_reason: 'missed' });
  });

  it('a ring the desk could not answer (no microphone) fails with the reason, never counts as missed', () => {
    const { engine } = engineHarness();
    const { call_id } = engine.incoming(incomingLeg);
    engine.answer(call_id);
    engine.legEvent({ type: 'ended', call_id, end: { by: 'local', failure: 'Could not answer: the microphone is blocked for this app' } });
    expect(engine.getCall(call_id)).toMatchObject({
      state: 'FAILED',
      end_reason: 'failed',
      error_code: 'answer_failed',
      error_message: 'Could not answer: the microphone is blocked for this app',
    });
  });

  it('answering a second call puts the connected one on hold first (call waiting)', () => {
    const { engine, telephony } = engineHarness();
    const first = engine.incoming(incomingLeg).call_id;
    engine.answer(first);
    engine.legEvent({ type: 'answered', call_id: first });
    const second = engine.incoming({ ...incomingLeg, sip_call_id: 'second' }).call_id;
    engine.answer(second);
    const tail = telephony.sent.slice(-2);
    expect(tail).toEqual([
      { type: 'hold', call_id: first, on: true },
      { type: 'answer', call_id: second },
    ]);
  });
});

describe('controls', () => {
  function connected() {
    const harness = engineHarness();
    const { id } = harness.engine.dial({ target: '1002' });
    harness.engine.legEvent({ type: 'answered', call_id: id });
    return { ...harness, id };
  }

  it('hold and mute are sent to the desk and recorded when the desk confirms', () => {
    const { engine, telephony, id } = connected();
    engine.hold(id, true);
    expect(telephony.last()).toEqual({ type: 'hold', call_id: id, on: true });
    expect(engine.getCall(id).held).toBe(false);
    engine.legEvent({ type: 'held', call_id: id, on: true });
    expect(engine.getCall(id).held).toBe(true);
    engine.mute(id, true);
    engine.legEvent({ type: 'muted', call_id: id, on: true });
    expect(engine.getCall(id).muted).toBe(true);
  });

  it('controls refuse calls that are not connected', () => {
    const { engine } = engineHarness();
    const { id } = engine.dial({ target: '1002' });
    expect(() => engine.hold(id, true)).toThrow('Only a connected call can be put on hold');
    expect(() => engine.sendDtmf(id, '1')).toThrow('Only a connected call can be sent digits');
  });

  it('a blind transfer REFERs to the resolved target and ends as transferred', () => {
    const { engine, telephony, id } = connected();
    engine.transfer(id, '1003');
    expect(telephony.last()).toEqual({ type: 'transfer', call_id: id, uri: 'sip:1003@sip.test' });
    engine.legEvent({ type: 'ended', call_id: id, end: { by: 'local' } });
    expect(engine.getCall(id)).toMatchObject({ state: 'COMPLETED', end_reason: 'transferred' });
  });

  it('a REFER from the far end places a new call linked to the first', () => {
    const { engine, telephony, id } = connected();
    engine.legEvent({ type: 'refer', call_id: id, uri: 'sip:1003@sip.test' });
    const dial = telephony.ofType('dial').at(-1)!;
    expect(dial.uri).toBe('sip:1003@sip.test');
    expect(engine.getCall(dial.call_id)).toMatchObject({ create_method: 'PARENT_CALL', originating_call: id });
  });

  it('hanging up a connected call sends BYE and completes it at once', () => {
    const { engine, telephony, id } = connected();
    engine.hangup(id);
    expect(telephony.last()).toEqual({ type: 'bye', call_id: id });
    expect(engine.getCall(id)).toMatchObject({ state: 'COMPLETED', end_reason: 'completed' });
    expect(() => engine.hangup(id)).toThrow('This call has already ended');
  });

  it('hanging up several calls at once sends every CANCEL, BYE and decline together, then ends each', () => {
    const { engine, telephony, id: talking } = connected();
    const { id: ringingOut } = engine.dial({ target: '1003' });
    engine.legEvent({ type: 'ringing', call_id: ringingOut });
    const { call_id: ringingIn } = engine.incoming(incomingLeg);
    const { id: ended } = engine.dial({ target: '1004' });
    engine.legEvent({ type: 'ended', call_id: ended, end: { by: 'remote', status_code: 486 } });
    engine.hangupAll([talking, ringingOut, ringingIn, ended]);
    expect(telephony.sentAtOnce).toEqual([
      [
        { type: 'bye', call_id: talking },
        { type: 'cancel', call_id: ringingOut },
        { type: 'reject', call_id: ringingIn, status_code: 603 },
      ],
    ]);
    expect([talking, ringingOut, ringingIn, ended].map((id) => [engine.getCall(id).state, engine.getCall(id).end_reason])).toEqual([
      ['COMPLETED', 'completed'],
      ['NOT_ANSWERED', 'cancelled'],
      ['REJECTED', 'declined'],
      ['BUSY', 'busy'],
    ]);
  });
});

describe('desk and host lifecycle', () => {
  it('when the desk goes away, every live call ends with reason desk_closed', () => {
    const { engine } = engineHarness();
    const a = engine.dial({ target: '1002' }).id;
    engine.legEvent({ type: 'answered', call_id: a });
    const b = engine.incoming(incomingLeg).call_id;
    engine.deskLost();
    expect(engine.getCall(a)).toMatchObject({ state: 'COMPLETED', end_reason: 'desk_closed' });
    expect(engine.getCall(b)).toMatchObject({ state: 'FAILED', end_reason: 'desk_closed' });
    expect(engine.liveCalls()).toEqual([]);
  });

  it('at start, calls left live by a crash end with reason host_restart', () => {
    const { engine } = engineHarness();
    const a = engine.dial({ target: '1002' }).id;
    expect(engine.recoverInterruptedCalls()).toBe(1);
    expect(engine.getCall(a)).toMatchObject({ state: 'FAILED', end_reason: 'host_restart' });
  });

  it('every change is announced with a full snapshot', () => {
    const { engine } = engineHarness();
    const seen: string[] = [];
    engine.events.on('call.updated', (call) => seen.push(call.state));
    const { id } = engine.dial({ target: '1002' });
    engine.legEvent({ type: 'started', call_id: id, sip_call_id: 'x' });
    engine.hangup(id);
    expect(seen).toEqual(['QUEUED', 'STARTING', 'NOT_ANSWERED']);
  });
});
