/** Each scheduler rule on its own, on a real SQLite file with the fake clock. */
import { afterEach, describe, expect, it } from 'vitest';
import { MAX_TIMER_MS } from '../../../src-main/engine/scheduler/scheduler-service.js';
import { publishRingReadiness } from '../../../src-main/host/ring-readiness.js';
import { schedulerSystem, type SchedulerSystem } from './scheduler-system.js';

const MIN = 60_000;
let sys: SchedulerSystem | undefined;
afterEach(() => {
  sys?.close();
  sys = undefined;
});

function start(options: Parameters<typeof schedulerSystem>[0] = {}): SchedulerSystem {
  sys = schedulerSystem({ scheduler: { lead_minutes: 2, expiry_minutes: 15, overdue_grace_minutes: 10, auto_dial: false, ...options.scheduler } });
  return sys;
}

describe('scheduler rules', () => {
  it('prompts the agent at the lead time, not before', () => {
    const s = start();
    const prompts: string[] = [];
    s.scheduler.events.on('callback.prompt', (prompt) => prompts.push(prompt.id));
    const row = s.scheduler.schedule({ target: '+14155550123', due: s.clock.now() + 10 * MIN });
    s.clock.advance(8 * MIN - 1);
    expect(prompts).toEqual([]);
    s.clock.advance(1);
    expect(prompts).toEqual([row.id]);
    expect(s.scheduler.prompts().map((prompt) => prompt.id)).toEqual([row.id]);
  });

  it('accepting during the lead time dials at the due time, never before', () => {
    const s = start();
    const row = s.scheduler.schedule({ target: '+14155550123', due: s.clock.now() + 3 * MIN });
    s.clock.advance(90_000);
    s.scheduler.accept(row.id);
    s.clock.advance(90_000 - 1);
    expect(s.dials).toEqual([]);
    s.clock.advance(1);
    expect(s.dials).toEqual([{ id: row.id, wall: row.due, mono: 3 * MIN }]);
  });

  it('an accepted callback reserves the agent: incoming rings are refused with 480 until it is dialled', () => {
    const s = start();
    const row = s.scheduler.schedule({ target: '+14155550123', due: s.clock.now() + 3 * MIN });
    const ring = (n: number) =>
      s.engine.incoming({ sip_call_id: `r${n}`, from_uri: 'sip:1003@sip.test', from_name: null, to_uri: 'sip:1001@sip.test' });
    expect(ring(1).action).toBe('ring');
    s.clock.advance(90_000);
    s.scheduler.accept(row.id);
    expect(s.engine.reservedReason()).toBe('Agent is reserved for the callback to +14155550123');
    expect(ring(2)).toMatchObject({ action: 'reject', status_code: 480 });
    s.clock.advance(90_000);
    expect(s.dials.map((dial) => dial.id)).toEqual([row.id]);
    expect(s.engine.reservedReason()).toBeNull();
  });

  it('the desk windows are told when new calls stop and start ringing: Away, an accepted callback, Available again', () => {
    const s = start();
    const told: boolean[] = [];
    publishRingReadiness({
      engine: s.engine,
      hub: { broadcast: (event, payload) => void (event === 'desk.rings_new_calls' && told.push(payload as boolean)) },
      onReservationsMayChange: (check) => s.scheduler.events.on('callbacks.changed', check),
    });
    const row = s.scheduler.schedule({ target: '+14155550123', due: s.clock.now() + 3 * MIN });
    expect(told).toEqual([]); // scheduling reserves nothing
    s.engine.setAgentStatus('away');
    s.engine.setAgentStatus('available');
    s.clock.advance(90_000);
    s.scheduler.accept(row.id);
    expect(s.engine.ringsNewCalls()).toBe(false);
    s.engine.setAgentStatus('away'); // still no ring: no second word
    s.engine.setAgentStatus('available');
    s.clock.advance(90_000); // the callback is dialled: the reservation ends
    expect(told).toEqual([false, true, false, true]);
    expect(s.engine.ringsNewCalls()).toBe(true);
  });

  it('accepting after the due time dials at once', () => {
    const s = start();
    const row = s.scheduler.schedule({ target: '+14155550123', due: s.clock.now() + MIN });
    s.clock.advance(MIN + 30_000);
    expect(s.dials).toEqual([]);
    s.scheduler.accept(row.id);
    expect(s.dials.map((dial) => dial.wall)).toEqual([row.due + 30_000]);
  });

  it('auto-dial dials at the due time without the agent', () => {
    const s = start({ scheduler: { auto_dial: true } });
    const row = s.scheduler.schedule({ target: '+14155550123', due: s.clock.now() + 5 * MIN });
    s.clock.advance(5 * MIN);
    expect(s.dials.map((dial) => dial.id)).toEqual([row.id]);
    expect(s.repo.status(row.id)).toBe('queued');
  });

  it('a prompt nobody answers expires after the window, and the outcome is recorded', () => {
    const s = start();
    const row = s.scheduler.schedule({ target: '+14155550123', due: s.clock.now() + 5 * MIN });
    s.clock.advance(5 * MIN + 15 * MIN);
    expect(s.repo.status(row.id)).toBe('expired');
    expect(s.contactCentre.get(row.id)?.fail_reason).toBe('expired');
    expect(s.dials).toEqual([]);
  });

  it('a claim left without a dial by a crash gets an outcome at the next start and is never redialled', () => {
    const s = start({ scheduler: { auto_dial: true } });
    const row = s.scheduler.schedule({ target: '+14155550123', due: s.clock.now() + 5 * MIN });
    // The process dies right after the claim committed, before the dial.
    expect(s.repo.claim(row.id, s.clock.now())).toBe(true);
    s.clock.advance(10 * MIN);
    s.restart();
    s.clock.advance(30 * MIN);
    expect(s.dials).toEqual([]);
    expect(s.repo.status(row.id)).toBe('failed');
    expect(s.contactCentre.get(row.id)?.fail_reason).toBe('interrupted');
  });

  it('after a restart, an overdue accepted call within the grace fires at once; one beyond it is missed', () => {
    const s = start();
    const soon = s.scheduler.schedule({ target: '+14155550123', due: s.clock.now() + 3 * MIN });
    const earlier = s.scheduler.schedule({ target: '+14155550124', due: s.clock.now() + 3 * MIN - 1 });
    s.clock.advance(2 * MIN);
    s.scheduler.accept(soon.id);
    s.scheduler.accept(earlier.id);
    s.scheduler.stop();
    s.clock.suspend(11 * MIN); // closed until exactly `soon` + 10 min (the grace); `earlier` is 1 ms beyond it
    s.restart();
    expect(s.dials.map((dial) => dial.id)).toEqual([soon.id]);
    expect(s.repo.status(earlier.id)).toBe('missed');
  });

  it('a backwards jump of the wall clock never fires anything again', () => {
    const s = start({ scheduler: { auto_dial: true } });
    const row = s.scheduler.schedule({ target: '+14155550123', due: s.clock.now() + MIN });
    s.clock.advance(MIN);
    s.clock.jumpWall(-30 * MIN);
    s.clock.advance(40 * MIN);
    expect(s.dials.map((dial) => dial.id)).toEqual([row.id]);
  });

  it('a forwards jump fires what became due, within the timer bound', () => {
    const s = start({ scheduler: { auto_dial: true } });
    const row = s.scheduler.schedule({ target: '+14155550123', due: s.clock.now() + 30 * MIN });
    s.clock.jumpWall(30 * MIN);
    s.clock.advance(MAX_TIMER_MS);
    expect(s.dials.map((dial) => dial.id)).toEqual([row.id]);
  });

  it('no armed timer waits longer than the bound (≤ 60 s) before reading the wall clock again', () => {
    const s = start();
    s.scheduler.schedule({ target: '+14155550123', due: s.clock.now() + 6 * 60 * MIN });
    expect(MAX_TIMER_MS).toBeLessThanOrEqual(60_000);
    expect(s.clock.nextTimerIn()).toBeLessThanOrEqual(MAX_TIMER_MS);
  });

  it('moves one record forward: scheduled → queued → connecting → connected → finished, and ignores a late backwards event', () => {
    const s = start({ scheduler: { auto_dial: true } });
    const row = s.scheduler.schedule({ target: '+14155550123', due: s.clock.now() + MIN });
    expect(s.repo.status(row.id)).toBe('scheduled');
    s.clock.advance(MIN);
    expect(s.repo.status(row.id)).toBe('queued');
    s.engine.legEvent({ type: 'ringing', call_id: row.id });
    expect(s.repo.status(row.id)).toBe('connecting');
    s.engine.legEvent({ type: 'answered', call_id: row.id });
    expect(s.repo.status(row.id)).toBe('connected');
    s.engine.legEvent({ type: 'ringing', call_id: row.id }); // late 180: ignored
    expect(s.repo.status(row.id)).toBe('connected');
    s.engine.hangup(row.id);
    expect(s.repo.status(row.id)).toBe('finished');
    expect(s.calls.get(row.id)?.state).toBe('COMPLETED');
    expect(s.scheduler.list().past.map((past) => [past.id, past.status])).toEqual([[row.id, 'finished']]);
  });

  it('editing or cancelling a call that is no longer scheduled is refused and writes nothing', () => {
    const s = start({ scheduler: { auto_dial: true } });
    const done = s.scheduler.schedule({ target: '+14155550123', due: s.clock.now() + MIN });
    const waiting = s.scheduler.schedule({ target: '+14155550124', due: s.clock.now() + 30 * MIN });
    s.clock.advance(MIN);
    expect(() => s.scheduler.reschedule(done.id, s.clock.now() + MIN)).toThrow(`Call ${done.id} is no longer scheduled`);
    expect(() => s.scheduler.cancel([waiting.id, done.id])).toThrow('is no longer scheduled');
    expect(s.repo.status(waiting.id)).toBe('scheduled');
    expect(() => s.scheduler.reschedule(waiting.id, s.clock.now() - 1)).toThrow('scheduled_at must be a future time');
    expect(s.repo.get(waiting.id)?.due).toBe(waiting.due);
  });
});
