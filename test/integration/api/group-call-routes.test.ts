/**
 * The group call routes on a real SQLite file and the real engine; only the telephony port is a
 * fake (no desk here). Handlers are called directly: the API server hosts them elsewhere.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ApiRequest, ApiRoute } from '../../../src-main/api/api-route.js';
import { groupCallRoutes } from '../../../src-main/api/routes/group-calls.js';
import { defaultSettings } from '../../../src-main/contract/settings.js';
import { ANSWERED_ELSEWHERE_REASON, CallEngine } from '../../../src-main/engine/call-engine.js';
import { GroupCallService } from '../../../src-main/engine/group-calls/group-call-service.js';
import { openDatabase } from '../../../src-main/store/database.js';
import { SqliteCallRepository } from '../../../src-main/store/sqlite-call-repository.js';
import { SqliteGroupCallRepository } from '../../../src-main/store/sqlite-group-call-repository.js';
import { FakeClock } from '../../support/fakes/fake-clock.js';
import { FakeTelephony } from '../../support/fakes/fake-telephony.js';
import { useTempDir } from '../store/support.js';

const temp = useTempDir();
const logger = { info: () => undefined, warn: () => undefined, error: () => undefined };

function setup(file = join(temp.dir(), 'calls.sqlite')) {
  const db = temp.track(openDatabase(file));
  const settings = defaultSettings();
  settings.sip = { ...settings.sip, server: 'ws://127.0.0.1:5066', uri: 'sip:1001@sip.test' };
  settings.agents = [{ email: 'ana@example.com', name: 'Ana', sip_uri: 'sip:1002@sip.test' }];
  const clock = new FakeClock();
  const telephony = new FakeTelephony();
  const deps = { clock, telephony, logger, ids: { uuid: () => crypto.randomUUID() }, settings: { current: () => settings } };
  const engine = new CallEngine({ ...deps, calls: new SqliteCallRepository(db) });
  engine.reportRegistration({ state: 'registered', reason: null, next_attempt_at: null });
  const groupCalls = new GroupCallService({ ...deps, engine, groups: new SqliteGroupCallRepository(db), customerId: () => 'c-1' });
  const routes = groupCallRoutes({ groupCalls });
  const call = async (method: string, path: string, body?: unknown) => {
    const route = routes.find((r) => r.method === method && matches(r, path));
    if (!route) throw new Error(`no route ${method} ${path}`);
    const request: ApiRequest = { params: paramsOf(route, path), query: new URLSearchParams(), body, headers: {} };
    return route.handle(request);
  };
  return { call, engine, telephony, clock, file };
}

function matches(route: ApiRoute, path: string): boolean {
  const a = route.path.split('/');
  const b = path.split('/');
  return a.length === b.length && a.every((part, i) => part.startsWith(':') || part === b[i]);
}

function paramsOf(route: ApiRoute, path: string): Record<string, string> {
  const b = path.split('/');
  return Object.fromEntries(route.path.split('/').flatMap((part, i) => (part.startsWith(':') ? [[part.slice(1), b[i]!]] : [])));
}

const body = {
  name: 'Sales',
  destinations: [
    { type: 'endpoint', target: '1003' },
    { type: 'agent', target: 'ana@example.com' },
  ],
  ring_method: 'ring_all',
};

describe('POST /v1/groupcalls', () => {
  it('creates the group call in seed 000 form and places one leg per destination', async () => {
    const { call, telephony } = setup();
    const response = await call('POST', '/v1/groupcalls', body);
    expect(response.status).toBe(201);
    expect(response.body).toMatchObject({
      customer_id: 'c-1',
      ring_method: 'ring_all',
      answer_method: 'hangup_others',
      answer_call_id: '00000000-0000-0000-0000-000000000000',
      tm_update: expect.stringMatching(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{6}$/),
      tm_delete: '9999-01-01 00:00:00.000000',
      destinations: [
        { type: 'endpoint', target: '1003', target_name: '', name: '', detail: '' },
        { type: 'agent', target: 'ana@example.com', target_name: '', name: '', detail: '' },
      ],
    });
    expect((response.body as { call_ids: string[] }).call_ids).toHaveLength(2);
    expect(telephony.ofType('dial').map((dial) => dial.uri)).toEqual(['sip:1003@sip.test', 'sip:1002@sip.test']);
  });

  it.each([
    [{ destinations: [] }, 'destinations: destinations must list at least one address'],
    [{ destinations: [{ type: 'pager', target: '1' }] }, 'destinations.0.type: unknown destination type "pager"; use one of tel, sip, endpoint, agent, groupcall'],
    [{ destinations: [{ type: 'groupcall', target: 'Nobody' }] }, 'groupcall destination "Nobody" names no group call or saved group (give an id or a name)'],
    ['not an object', 'The body must be a JSON object with destinations'],
  ])('answers 400 with a clear message for %j and stores nothing', async (input, message) => {
    const { call } = setup();
    const response = await call('POST', '/v1/groupcalls', input);
    expect(response).toEqual({ status: 400, body: { message } });
    expect(((await call('GET', '/v1/groupcalls')).body as { result: unknown[] }).result).toEqual([]);
  });

  it('refuses a cycle and too deep a nesting with 400', async () => {
    const { call } = setup();
    await call('POST', '/v1/groupcalls', { name: 'A', destinations: [{ type: 'endpoint', target: '1003' }] });
    await call('POST', '/v1/groupcalls', { name: 'B', destinations: [{ type: 'groupcall', target: 'A' }] });
    const cycle = await call('POST', '/v1/groupcalls', { name: 'A', destinations: [{ type: 'groupcall', target: 'B' }] });
    expect(cycle).toEqual({ status: 400, body: { message: 'groupcall destinations form a cycle: A → B → A' } });
    await call('POST', '/v1/groupcalls', { name: 'C', destinations: [{ type: 'groupcall', target: 'B' }] });
    await call('POST', '/v1/groupcalls', { name: 'D', destinations: [{ type: 'groupcall', target: 'C' }] });
    const deep = await call('POST', '/v1/groupcalls', { name: 'E', destinations: [{ type: 'groupcall', target: 'D' }] });
    expect(deep.status).toBe(400);
    expect((deep.body as { message: string }).message).toBe('group calls nest at most 3 deep: E → D → C → B → A');
  });

  it('with no desk connected and registered, answers "Agent is not available to take this call"', async () => {
    const { call, telephony } = setup();
    telephony.connected = false;
    const response = await call('POST', '/v1/groupcalls', body);
    expect(response).toEqual({ status: 400, body: { message: 'Agent is not available to take this call' } });
  });
});

describe('the group call lifecycle over REST', () => {
  it('GET shows the winner; the losers are stored as answered elsewhere; it survives a reopen', async () => {
    const { call, engine, telephony, file } = setup();
    const created = (await call('POST', '/v1/groupcalls', body)).body as { id: string; call_ids: string[] };
    const [first, second] = created.call_ids;
    engine.legEvent({ type: 'answered', call_id: second! });
    const got = await call('GET', `/v1/groupcalls/${created.id}`);
    expect(got.body).toMatchObject({ status: 'answered', answer_call_id: second });
    expect(telephony.ofType('cancel')).toEqual([{ type: 'cancel', call_id: first, reason_header: ANSWERED_ELSEWHERE_REASON }]);
    expect(engine.getCall(first!).end_reason).toBe('answered_elsewhere');

    const reopened = setup(file);
    expect((await reopened.call('GET', `/v1/groupcalls/${created.id}`)).body).toMatchObject({ status: 'answered', answer_call_id: second, call_ids: created.call_ids });
  });

  it('hangup cancels every ringing leg; DELETE sets tm_delete and hides it from the list', async () => {
    const { call, telephony, clock } = setup();
    const created = (await call('POST', '/v1/groupcalls', body)).body as { id: string; call_ids: string[] };
    const hung = await call('POST', `/v1/groupcalls/${created.id}/hangup`);
    expect(hung.body).toMatchObject({ status: 'hungup' });
    expect(telephony.ofType('cancel').map((c) => c.call_id)).toEqual(created.call_ids);
    clock.advance(2000);
    const deleted = await call('DELETE', `/v1/groupcalls/${created.id}`);
    expect(deleted.body).toMatchObject({ tm_delete: '2026-11-23 09:00:02.000000' });
    expect(((await call('GET', '/v1/groupcalls')).body as { result: unknown[] }).result).toEqual([]);
  });

  it('an unknown id is 404, a malformed one 400', async () => {
    const { call } = setup();
    expect(await call('GET', '/v1/groupcalls/5e4a0680-804e-11ec-8477-2fea5968d85b')).toEqual({
      status: 404,
      body: { message: 'No group call with id 5e4a0680-804e-11ec-8477-2fea5968d85b' },
    });
    expect((await call('GET', '/v1/groupcalls/nope')).status).toBe(400);
  });
});
