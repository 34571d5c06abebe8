/** Scheduled calls over the local API with the real engine, scheduler and SQLite file. */
import { afterEach, describe, expect, it } from 'vitest';
import { startApiTestHost, type ApiTestHost } from './api-test-host.js';

let t: ApiTestHost | undefined;
afterEach(async () => {
  await t?.close();
  t = undefined;
});

type Call = { id: string; status: string; scheduled_at: string | null; state: string | null; fail_reason: string };
const inAnHour = () => new Date(Date.now() + 3_600_000).toISOString();

async function scheduleOne(host: ApiTestHost, at = inAnHour(), number = '+1 859-657-9625'): Promise<Call> {
  const answer = await host.send('POST', '/v1/calls', {
    body: { call_type: 'Voice Scheduled (API)', menu_id: 10, end_user_number: number, scheduled_at: at },
  });
  expect(answer.status).toBe(201);
  return answer.json as Call;
}

describe('scheduled calls over REST', () => {
  it('GET ?status=scheduled lists them; PATCH moves scheduled_at while still scheduled', async () => {
    t = await startApiTestHost();
    const call = await scheduleOne(t);
    const listed = (await t.send('GET', '/v1/calls?status=scheduled')).json as { calls: Call[] };
    expect(listed.calls.map((c) => c.id)).toEqual([call.id]);

    const later = new Date(Date.now() + 7_200_000).toISOString();
    const patched = await t.send('PATCH', `/v1/calls/${call.id}`, { body: { scheduled_at: later } });
    expect(patched.status).toBe(200);
    expect(patched.json).toMatchObject({ id: call.id, status: 'scheduled', scheduled_at: later });
    expect(((await t.send('GET', `/v1/calls/${call.id}`)).json as Call).scheduled_at).toBe(later);
  });

  it('refuses a past time, an unknown id and a call no longer scheduled with 400, writing nothing', async () => {
    t = await startApiTestHost();
    const call = await scheduleOne(t);
    const before = t.host.contactCentre.repo.countRows();

    const past = await t.send('PATCH', `/v1/calls/${call.id}`, { body: { scheduled_at: '2001-01-01T00:00:00Z' } });
    expect(past).toMatchObject({ status: 400, json: { message: 'scheduled_at must be a future time' } });
    expect(((await t.send('GET', `/v1/calls/${call.id}`)).json as Call).scheduled_at).toBe(call.scheduled_at);

    const unknown = '7b0c4a52-2a4f-4a43-9c1f-000000000000';
    expect(await t.send('PATCH', `/v1/calls/${unknown}`, { body: { scheduled_at: inAnHour() } })).toMatchObject({
      status: 400,
      json: { message: `No call with id ${unknown}` },
    });
    expect(await t.send('POST', `/v1/calls/${unknown}/cancel`)).toMatchObject({ status: 400 });

    expect((await t.send('POST', `/v1/calls/${call.id}/cancel`)).json).toMatchObject({ status: 'cancelled', fail_reason: 'cancelled' });
    const again = await t.send('PATCH', `/v1/calls/${call.id}`, { body: { scheduled_at: inAnHour() } });
    expect(again).toMatchObject({ status: 400, json: { message: `Call ${call.id} is no longer scheduled` } });
    expect(await t.send('POST', `/v1/calls/${call.id}/cancel`)).toMatchObject({ status: 400 });
    expect(t.host.contactCentre.repo.countRows()).toBe(before);
    expect(t.commands).toEqual([]);
  });

  it('cancels many at once, or none when one id is refused; cancelled calls have their own status', async () => {
    t = await startApiTestHost();
    const a = await scheduleOne(t, inAnHour(), '+1 859-657-9611');
    const b = await scheduleOne(t, inAnHour(), '+1 859-657-9612');
    const unknown = '7b0c4a52-2a4f-4a43-9c1f-000000000001';

    const refused = await t.send('POST', '/v1/calls/cancel', { body: { ids: [a.id, unknown, b.id] } });
    expect(refused).toMatchObject({ status: 400, json: { message: `No call with id ${unknown}` } });
    const still = (await t.send('GET', '/v1/calls?status=scheduled')).json as { calls: Call[] };
    expect(still.calls.map((c) => c.id).sort()).toEqual([a.id, b.id].sort());

    expect(await t.send('POST', '/v1/calls/cancel', { body: { ids: [] } })).toMatchObject({
      status: 400,
      json: { message: 'ids: must list at least one call id' },
    });

    const done = await t.send('POST', '/v1/calls/cancel', { body: { ids: [a.id, b.id] } });
    expect(done.status).toBe(200);
    expect((done.json as { calls: Call[] }).calls.map((c) => c.status)).toEqual(['cancelled', 'cancelled']);
    expect(((await t.send('GET', '/v1/calls?status=scheduled')).json as { calls: Call[] }).calls).toEqual([]);
    expect(((await t.send('GET', '/v1/calls?status=cancelled')).json as { calls: Call[] }).calls).toHaveLength(2);
    expect(((await t.send('GET', '/v1/calls?status=failed')).json as { calls: Call[] }).calls).toEqual([]);
  });

  it('an accepted scheduled call is dialled at its time as the same record, never before', async () => {
    t = await startApiTestHost();
    const due = Date.now() + 1_500;
    const call = await scheduleOne(t, new Date(due).toISOString());
    // Within the lead time (2 min by default): the agent is prompted at once.
    const prompted = t.events.find((e) => e.event === 'callback.prompt');
    expect(prompted?.payload).toMatchObject({ id: call.id });
    t.host.scheduler.scheduler.accept(call.id);
    expect(t.lastDial()).toBeUndefined();
    let dialledAt = 0;
    while (!t.lastDial()) {
      await new Promise((resolve) => setTimeout(resolve, 25));
      dialledAt = Date.now();
    }
    expect(dialledAt).toBeGreaterThanOrEqual(due);
    expect(t.lastDial()?.call_id).toBe(call.id);
    expect(((await t.send('GET', `/v1/calls/${call.id}`)).json as Call)).toMatchObject({ id: call.id, status: 'queued', state: 'QUEUED' });
  });
});
