/** Click-to-dial requests reaching the desk: confirm first by default, dial at once when told to. */
import { afterEach, describe, expect, it } from 'vitest';
import { startApiTestHost, type ApiTestHost } from './api-test-host.js';

let t: ApiTestHost | undefined;
afterEach(async () => {
  await t?.close();
  t = undefined;
});

describe('click-to-dial', () => {
  it('asks the desk to confirm: the number goes to its dial field, nothing is dialled', async () => {
    t = await startApiTestHost();
    t.host.contactCentre.dialRequests.offer('+18596579625');
    expect(t.events.filter((e) => e.event === 'desk.dial_request').map((e) => e.payload)).toEqual([{ target: '+18596579625' }]);
    expect(t.commands).toEqual([]);
  });

  it('dials at once when confirm_before_dial is off', async () => {
    t = await startApiTestHost({ dial: { confirm_before_dial: false } });
    t.host.contactCentre.dialRequests.offer('1002');
    expect(t.lastDial()?.uri).toBe('sip:1002@sip.test');
    expect(t.events.some((e) => e.event === 'desk.dial_request')).toBe(false);
  });

  it('keeps a request that arrives before the desk, and hands it over once', async () => {
    t = await startApiTestHost({}, { desk: false });
    t.host.contactCentre.dialRequests.offer('+18596579625');
    const caller = { connectionId: 'c', isActiveDesk: true };
    expect(await t.host.dispatch('desk.take_dial_request', {}, caller)).toEqual({ ok: true, value: { target: '+18596579625' } });
    expect(await t.host.dispatch('desk.take_dial_request', {}, caller)).toEqual({ ok: true, value: { target: null } });
  });
});
