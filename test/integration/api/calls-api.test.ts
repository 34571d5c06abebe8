/** POST/GET /v1/calls and friends on a real server, real engine and real SQLite file. */
import { afterEach, describe, expect, it } from 'vitest';
import { startApiTestHost, type ApiTestHost, AGENT_EMAIL } from './api-test-host.js';

let t: ApiTestHost | undefined;
afterEach(async () => {
  await t?.close();
  t = undefined;
});

type Call = Record<string, unknown> & { id: string; status: string; state: string | null };

const outbound = { call_type: 'Voice Outbound (API)', agent_email: AGENT_EMAIL, end_user_number: '+1 859-657-9625', lang: 'en' };
const future = new Date(Date.now() + 86_400_000).toISOString();

describe('POST /v1/calls', () => {
  it('an outbound call is 201, dialled with the outbound number as P-Preferred-Identity and From user', async () => {
    t = await startApiTestHost();
    const answer = await t.send('POST', '/apps/api/v1/calls', { body: outbound });
    expect(answer.status).toBe(201);
    const call = answer.json as Call;
    expect(call).toMatchObject({ call_type: 'Voice Outbound (API)', status: 'assigned', state: 'QUEUED', lang: 'en', outbound_number: '+13392195276' });
    expect(t.lastDial()).toMatchObject({
      call_id: call.id,
      uri: 'sip:+18596579625@sip.test',
      extra_headers: ['P-Preferred-Identity: <sip:+13392195276@sip.test>'],
      from_user: '+13392195276',
    });
  });

  it('the call follows its leg: connecting, connected, finished with durations', async () => {
    t = await startApiTestHost();
    const call = (await t.send('POST', '/v1/calls', { body: outbound })).json as Call;
    t.leg({ type: 'started', call_id: call.id, sip_call_id: 'abc' });
    t.leg({ type: 'ringing', call_id: call.id });
    expect(((await t.send('GET', `/v1/calls/${call.id}`)).json as Call).status).toBe('connecting');
    t.leg({ type: 'answered', call_id: call.id });
    t.leg({ type: 'held', call_id: call.id, on: true });
    t.leg({ type: 'held', call_id: call.id, on: false });
    expect(((await t.send('GET', `/v1/calls/${call.id}`)).json as Call).status).toBe('connected');
    const hung = await t.send('POST', `/v1/calls/${call.id}/hangup`);
    expect(hung.status).toBe(200);
    expect(hung.json).toMatchObject({ status: 'finished', state: 'COMPLETED', fail_reason: 'nothing' });
    expect((hung.json as Call).connected_at).not.toBeNull();
    expect(t.commands.map((c) => c.type)).toEqual(['dial', 'bye']);
    expect((await t.send('POST', `/v1/calls/${call.id}/hangup`)).status).toBe(409);
  });

  it('with no desk connected, a valid outbound request gets the seed’s 400 and writes nothing', async () => {
    t = await startApiTestHost({}, { desk: false });
    const before = t.host.contactCentre.repo.countRows();
    const answer = await t.send('POST', '/v1/calls', { body: outbound });
    expect(answer.status).toBe(400);
    expect(answer.json).toEqual({ message: 'Agent is not available to take this call' });
    expect(t.host.contactCentre.repo.countRows()).toBe(before);
  });

  it('an away agent is not available', async () => {
    t = await startApiTestHost();
    t.host.engine.setAgentStatus('away');
    expect((await t.send('POST', '/v1/calls', { body: outbound })).json).toEqual({ message: 'Agent is not available to take this call' });
  });

  it('several outbound numbers: 202, the desk is asked, the agent picks one and the call is dialled from it', async () => {
    t = await startApiTestHost({ outbound_numbers: ['+13392195276', '+17608675309'] });
    const answer = await t.send('POST', '/v1/calls', { body: outbound });
    expect(answer.status).toBe(202);
    const call = answer.json as Call;
    expect(call).toMatchObject({ status: 'assigned', state: null, pending_action: 'choose_outbound_number' });
    expect(t.commands).toEqual([]);
    const pending = await t.host.dispatch('api.pending_number_choices', {}, { connectionId: 'desk-1', isActiveDesk: true });
    expect(pending).toEqual({ ok: true, value: [{ id: call.id, end_user_number: '+18596579625', outbound_numbers: ['+13392195276', '+17608675309'] }] });

    const chosen = await t.host.dispatch('api.choose_outbound_number', { id: call.id, number: '+17608675309' }, { connectionId: 'desk-1', isActiveDesk: true });
    expect(chosen).toEqual({ ok: true, value: { ok: true } });
    expect(t.lastDial()).toMatchObject({ call_id: call.id, from_user: '+17608675309' });
    expect((await t.send('GET', `/v1/calls/${call.id}`)).json).toMatchObject({ status: 'assigned', state: 'QUEUED', outbound_number: '+17608675309', pending_action: null });
  });

  it('the agent declines the number choice: the call fails and is never dialled', async () => {
    t = await startApiTestHost({ outbound_numbers: ['+13392195276', '+17608675309'] });
    const call = (await t.send('POST', '/v1/calls', { body: outbound })).json as Call;
    await t.host.dispatch('api.decline_outbound_number', { id: call.id }, { connectionId: 'desk-1', isActiveDesk: true });
    expect((await t.send('GET', `/v1/calls/${call.id}`)).json).toMatchObject({ status: 'failed', fail_reason: 'agent_declined' });
    expect(t.commands).toEqual([]);
  });

  it('a ticket_id dials its contact', async () => {
    t = await startApiTestHost();
    const contact = await t.send('POST', '/v1/contacts', { body: { name: 'Ann Lee', phone_number: '+1 205-555-0100', ticket_ids: ['71450'] } });
    expect(contact.status).toBe(201);
    const call = await t.send('POST', '/v1/calls', { body: { ...outbound, end_user_number: undefined, ticket_id: '71450' } });
    expect(call.status).toBe(201);
    expect(call.json).toMatchObject({ out_ticket_id: '71450', end_user: { identifier: '+12055550100' } });
    expect(t.lastDial()?.uri).toBe('sip:+12055550100@sip.test');
    expect((await t.send('GET', '/v1/contacts')).json).toEqual({ contacts: [{ id: 1, name: 'Ann Lee', phone_number: '+12055550100', ticket_ids: ['71450'] }] });
  });

  it('an inbound (API) call dials the end user and is attributed to its menu', async () => {
    t = await startApiTestHost();
    const answer = await t.send('POST', '/v1/calls', {
      body: { call_type: 'IncomingCall', menu_id: 9, end_user_number: '+82-10-6861-2345', recording_permission: 'recording_permission_granted' },
    });
    expect(answer.status).toBe(201);
    expect(answer.json).toMatchObject({
      call_type: 'Voice Inbound (API)',
      status: 'queued',
      selected_menu: { id: 9, name: 'Lock Star', menu_type: 'ivr_menu' },
      recording_permission: 'granted',
    });
    expect(t.lastDial()?.uri).toBe('sip:+821068612345@sip.test');
  });

  it('a scheduled call is stored with status scheduled and nothing is dialled', async () => {
    t = await startApiTestHost();
    const answer = await t.send('POST', '/v1/calls', {
      body: { call_type: 'Voice Scheduled (API)', menu_id: 10, end_user_number: '+1 859-657-9625', scheduled_at: future },
    });
    expect(answer.status).toBe(201);
    const call = answer.json as Call;
    expect(call).toMatchObject({ status: 'scheduled', state: null, scheduled_at: future });
    expect(t.commands).toEqual([]);
    const listed = (await t.send('GET', '/v1/calls?status=scheduled')).json as { calls: Call[] };
    expect(listed.calls.map((c) => c.id)).toEqual([call.id]);
  });
});

describe('GET /v1/calls', () => {
  it('pages newest first with a cursor, never repeating a call, and filters', async () => {
    t = await startApiTestHost();
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) {
      const number = `+1 859-657-96${10 + i}`;
      const call = (await t.send('POST', '/v1/calls', { body: { ...outbound, end_user_number: number } })).json as Call;
      ids.push(call.id);
      t.host.engine.hangup(call.id);
    }
    await t.send('POST', '/v1/calls', { body: { call_type: 'ScheduledCall', menu_id: 11, end_user_number: '+1 859-657-9699', scheduled_at: future } });
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page = (await t.send('GET', `/v1/calls?limit=2${cursor ? `&before=${cursor}` : ''}`)).json as { calls: Call[]; next_cursor: string | null };
      seen.push(...page.calls.map((c) => c.id));
      cursor = page.next_cursor;
    } while (cursor);
    expect(seen).toHaveLength(6);
    expect(new Set(seen).size).toBe(6);
    expect(seen.filter((id) => ids.includes(id))).toEqual([...ids].reverse());

    const byNumber = (await t.send('GET', '/v1/calls?number=%2B18596579612')).json as { calls: Call[] };
    expect(byNumber.calls.map((c) => c.id)).toEqual([ids[2]]);
    const failed = (await t.send('GET', '/v1/calls?state=NOT_ANSWERED&direction=OUTGOING')).json as { calls: Call[] };
    expect(failed.calls).toHaveLength(5);
    const none = (await t.send('GET', `/v1/calls?from=${encodeURIComponent(future)}`)).json as { calls: Call[] };
    expect(none.calls).toEqual([]);
  });

  it('refuses bad filters with a message', async () => {
    t = await startApiTestHost();
    for (const query of ['state=NOPE', 'status=ringing', 'limit=0', 'limit=500', 'direction=up', 'from=yesterday', 'before=%%%', 'colour=red']) {
      const answer = await t.send('GET', `/v1/calls?${query}`);
      expect(answer.status, query).toBe(400);
      expect(typeof (answer.json as { message: string }).message, query).toBe('string');
    }
  });

  it('404 for an unknown call', async () => {
    t = await startApiTestHost();
    expect((await t.send('GET', '/v1/calls/nope')).json).toEqual({ message: 'No call with id nope' });
  });
});

describe('customer flags', () => {
  it('PATCH accepts repeat_customers and stores repeat_customer; GET reads them back on both paths', async () => {
    t = await startApiTestHost();
    const call = (await t.send('POST', '/v1/calls', { body: outbound })).json as Call;
    const patched = await t.send('PATCH', `/apps/api/v1/calls/${call.id}/customer_flag`, {
      body: { verified_customer: true, repeat_customers: true },
    });
    expect(patched.json).toEqual({ verified_customer: true, bad_actor: false, repeat_customer: true });
    expect((await t.send('GET', `/v1/calls/${call.id}/customer_flag`)).json).toEqual({ verified_customer: true, bad_actor: false, repeat_customer: true });
    expect((await t.send('GET', `/v1/calls/${call.id}`)).json).toMatchObject({ repeat_customer: true });
  });

  it('refuses a flag that is not a boolean, an unknown flag and an empty patch', async () => {
    t = await startApiTestHost();
    const call = (await t.send('POST', '/v1/calls', { body: outbound })).json as Call;
    for (const body of [{ bad_actor: 'yes' }, { happy: true }, {}]) {
      expect((await t.send('PATCH', `/v1/calls/${call.id}/customer_flag`, { body })).status).toBe(400);
    }
    expect((await t.send('PATCH', '/v1/calls/nope/customer_flag', { body: { bad_actor: true } })).status).toBe(404);
  });
});

describe('GET /v1/openapi.json', () => {
  it('is OpenAPI 3.1 with every route and the create-call schema', async () => {
    t = await startApiTestHost();
    const doc = (await t.send('GET', '/v1/openapi.json')).json as { openapi: string; paths: Record<string, Record<string, { requestBody?: unknown }>> };
    expect(doc.openapi).toBe('3.1.0');
    for (const path of ['/v1/calls', '/apps/api/v1/calls', '/v1/calls/{id}', '/v1/calls/{id}/hangup', '/v1/calls/{id}/customer_flag', '/v1/contacts', '/v1/events', '/v1/rpc']) {
      expect(doc.paths[path], path).toBeDefined();
    }
    expect(JSON.stringify(doc.paths['/v1/calls']?.post?.requestBody)).toContain('Voice Scheduled (API)');
  });
});
