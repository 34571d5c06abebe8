import { describe, expect, it } from 'vitest';
import { conferenceHarness } from '../../../support/fakes/conference-harness.js';

const AGENT = 'sip:1001@sip.test';

function connected(h: ReturnType<typeof conferenceHarness>, from: string): string {
  const { call_id } = h.engine.incoming({ sip_call_id: from, from_uri: from, from_name: null, to_uri: AGENT });
  h.engine.legEvent({ type: 'answered', call_id });
  return call_id;
}

function joinLeg(target: string, mode = 'listen', from = 'sip:sup1@sip.test') {
  return { sip_call_id: 'sup', from_uri: from, from_name: 'Sam', to_uri: AGENT, supervisor_join: `${target};mode=${mode}` };
}

describe('conference service: supervisors', () => {
  it('answers a join from an allowed supervisor at once; it is joining until connected, then joined', () => {
    const h = conferenceHarness();
    h.settings.supervisors = [{ sip_uri: 'sip:sup1@sip.test', name: 'Sam' }];
    const customer = connected(h, 'sip:1002@sip.test');
    const decision = h.conferences.incoming(joinLeg(customer, 'whisper'));
    expect(decision.action).toBe('answer');
    const [conference] = h.conferences.live();
    expect(conference!.conferencecalls.map((m) => [m.role, m.status, m.supervisor_mode, m.supervisor_name])).toEqual([
      ['participant', 'joined', null, null],
      ['supervisor', 'joining', 'whisper', 'Sam'],
    ]);
    h.engine.legEvent({ type: 'answered', call_id: decision.call_id });
    expect(h.conferences.live()[0]!.conferencecalls[1]!.status).toBe('joined');
  });

  it('refuses and logs a join from an address not in the list (403), and one for an unknown target (404)', () => {
    const h = conferenceHarness();
    h.settings.supervisors = [{ sip_uri: 'sip:sup1@sip.test', name: 'Sam' }];
    const customer = connected(h, 'sip:1002@sip.test');
    expect(h.conferences.incoming(joinLeg(customer, 'listen', 'sip:intruder@sip.test'))).toMatchObject({ action: 'reject', status_code: 403 });
    expect(h.conferences.incoming(joinLeg('00000000-0000-4000-8000-0000000fffff'))).toMatchObject({ action: 'reject', status_code: 404 });
    expect(h.conferences.incoming(joinLeg('not-an-id'))).toMatchObject({ action: 'reject', status_code: 403 });
    expect(h.logged.filter((line) => line === 'supervisor join refused')).toHaveLength(3);
    expect(h.conferences.live()).toEqual([]);
    expect(h.telephony.ofType('reject')).toHaveLength(3);
  });

  it('a join for "current" joins the agent\'s one connected call, or their live conference; with none it is refused (404)', () => {
    const h = conferenceHarness();
    h.settings.supervisors = [{ sip_uri: 'sip:sup1@sip.test', name: 'Sam' }];
    expect(h.conferences.incoming(joinLeg('current'))).toMatchObject({ action: 'reject', status_code: 404 });

    const customer = connected(h, 'sip:1002@sip.test');
    const first = h.conferences.incoming(joinLeg('current', 'barge'));
    expect(first.action).toBe('answer');
    const [conference] = h.conferences.live();
    expect(conference!.conferencecalls.map((m) => [m.role, m.reference_id === customer ? 'customer' : 'other'])).toEqual([
      ['participant', 'customer'],
      ['supervisor', 'other'],
    ]);
    h.engine.legEvent({ type: 'answered', call_id: first.call_id });

    // A second supervisor's "current" is that conference, not the first supervisor's call.
    h.settings.supervisors = [...h.settings.supervisors, { sip_uri: 'sip:sup2@sip.test', name: 'Kim' }];
    const second = h.conferences.incoming({ ...joinLeg('current', 'listen', 'sip:sup2@sip.test'), sip_call_id: 'sup2' });
    expect(second.action).toBe('answer');
    expect(h.conferences.live()).toHaveLength(1);
    expect(h.conferences.live()[0]!.conferencecalls.filter((m) => m.role === 'supervisor')).toHaveLength(2);
  });

  it('a join for "current" is refused (404) while the agent talks in two calls and no conference: it would be a guess', () => {
    const h = conferenceHarness();
    h.settings.supervisors = [{ sip_uri: 'sip:sup1@sip.test', name: 'Sam' }];
    connected(h, 'sip:1002@sip.test');
    connected(h, 'sip:1003@sip.test');
    expect(h.conferences.incoming(joinLeg('current'))).toMatchObject({ action: 'reject', status_code: 404 });
  });

  it('a mode switch from the supervisor changes the conferencecall; from anyone else it is ignored', () => {
    const h = conferenceHarness();
    h.settings.supervisors = [{ sip_uri: 'sip:sup1@sip.test', name: 'Sam' }];
    const customer = connected(h, 'sip:1002@sip.test');
    const { call_id } = h.conferences.incoming(joinLeg(customer));
    h.conferences.legEvent({ type: 'supervisor_mode', call_id, mode: 'barge' });
    expect(h.conferences.live()[0]!.conferencecalls[1]!.supervisor_mode).toBe('barge');
    h.conferences.legEvent({ type: 'supervisor_mode', call_id: customer, mode: 'barge' });
    expect(h.conferences.live()[0]!.conferencecalls[0]!.supervisor_mode).toBeNull();
  });

  it('supervisor side: join dials with X-Supervisor-Join and labels; a switch sends the mode and relabels', () => {
    const h = conferenceHarness();
    const target = '00000000-0000-4000-8000-00000000abcd';
    const call = h.conferences.joinAsSupervisor('1001', target, 'listen');
    expect(h.telephony.ofType('dial')[0]!.extra_headers).toEqual([`X-Supervisor-Join: ${target};mode=listen`]);
    expect(call.labels).toEqual({ supervisor_mode: 'listen', supervisor_target: target });
    h.engine.legEvent({ type: 'answered', call_id: call.id });
    expect(h.conferences.setOwnSupervisorMode(call.id, 'whisper').labels.supervisor_mode).toBe('whisper');
    expect(h.telephony.ofType('supervisor_mode')).toEqual([{ type: 'supervisor_mode', call_id: call.id, mode: 'whisper' }]);
  });
});

describe('conference service: participants', () => {
  it('a participant who hangs up goes leaving → leaved; the conference ends with its last participant', () => {
    const h = conferenceHarness();
    const [b, c] = [connected(h, 'sip:1002@sip.test'), connected(h, 'sip:1003@sip.test')];
    const conference = h.conferences.merge([b, c]);
    h.engine.legEvent({ type: 'ended', call_id: b, end: { by: 'remote' } });
    expect(h.conferences.get(conference.id).conferencecalls.map((m) => m.status)).toEqual(['leaved', 'joined']);
    h.engine.legEvent({ type: 'ended', call_id: c, end: { by: 'remote' } });
    expect(h.conferences.get(conference.id).status).toBe('terminated');
  });

  it('merging resumes a held call, and a conference left open by a previous run is ended at start', () => {
    const h = conferenceHarness();
    const [b, c] = [connected(h, 'sip:1002@sip.test'), connected(h, 'sip:1003@sip.test')];
    h.engine.legEvent({ type: 'held', call_id: b, on: true });
    const conference = h.conferences.merge([b, c]);
    expect(h.telephony.ofType('hold')).toEqual([{ type: 'hold', call_id: b, on: false }]);
    expect(h.conferences.recoverInterrupted()).toBe(1);
    expect(h.conferences.get(conference.id).status).toBe('terminated');
    expect(h.conferences.get(conference.id).conferencecalls.map((m) => m.status)).toEqual(['leaved', 'leaved']);
  });
});
