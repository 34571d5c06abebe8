/**
 * The conference routes on the real host composition: a real SQLite file, the real call engine
 * and conference service. Calls come in as the SIP adapter would report them.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { conferenceRoutes } from '../../../src-main/api/routes/conferences.js';
import type { ApiResponse, ApiRoute } from '../../../src-main/api/api-route.js';
import { createDeskHost, type DeskHost } from '../../../src-main/host/desk-host.js';

const SEED_TIME = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}\.\d{6}$/;
const quiet = { info: () => undefined, warn: () => undefined, error: () => undefined };

let dir: string;
let host: DeskHost;
let routes: ApiRoute[];

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'conf-routes-'));
  host = createDeskHost({ dataDir: dir, logger: quiet });
  routes = conferenceRoutes({ conferences: host.conferences });
});
afterEach(() => {
  host.close();
  rmSync(dir, { recursive: true, force: true });
});

async function request(method: string, path: string, body?: unknown): Promise<ApiResponse> {
  const [pathname, search = ''] = path.split('?');
  for (const route of routes) {
    if (route.method !== method) continue;
    const pattern = new RegExp(`^${route.path.replace(/:(\w+)/g, '(?<$1>[^/]+)')}$`);
    const match = pattern.exec(pathname!);
    if (!match) continue;
    return route.handle({ params: { ...match.groups }, query: new URLSearchParams(search), body, headers: {} });
  }
  throw new Error(`no route for ${method} ${path}`);
}

/** A connected incoming call, as the SIP adapter reports it. */
function connectedCall(from: string): string {
  const decision = host.engine.incoming({ sip_call_id: `sip-${from}`, from_uri: `sip:${from}@sip.test`, from_name: null, to_uri: 'sip:1001@sip.test' });
  host.engine.legEvent({ type: 'answered', call_id: decision.call_id });
  return decision.call_id;
}

describe('conference routes', () => {
  it('POST merges two connected calls; GET shows the conference in the seed format with its conferencecall ids', async () => {
    const [b, c] = [connectedCall('1002'), connectedCall('1003')];
    const created = await request('POST', '/v1/conferences', { name: 'Escalation', call_ids: [b, c] });
    expect(created.status).toBe(201);
    const conference = created.body as Record<string, unknown>;
    expect(conference).toMatchObject({ name: 'Escalation', status: 'progressing', tm_delete: '9999-01-01 00:00:00.000000' });
    expect(conference.tm_create).toMatch(SEED_TIME);
    expect(conference).not.toHaveProperty('conferencecalls');
    expect(conference.conferencecall_ids).toHaveLength(2);

    const fetched = await request('GET', `/v1/conferences/${String(conference.id)}`);
    expect(fetched).toEqual({ status: 200, body: conference });

    const calls = (await request('GET', '/v1/conferencecalls')).body as { result: Array<Record<string, unknown>> };
    expect(calls.result.map((call) => [call.reference_type, call.reference_id, call.status]).sort()).toEqual(
      [['call', b, 'joined'], ['call', c, 'joined']].sort(),
    );
    expect((await request('GET', '/v1/conferences')).body).toEqual({ result: [conference] });
  });

  it('DELETE drops a participant: leaved, its call ended; a second DELETE is refused (no move backwards)', async () => {
    const [b, c, d] = [connectedCall('1002'), connectedCall('1003'), connectedCall('1004')];
    const conference = (await request('POST', '/v1/conferences', { call_ids: [b, c, d] })).body as { conferencecall_ids: string[] };
    const id = conference.conferencecall_ids[1]!;

    const dropped = await request('DELETE', `/v1/conferencecalls/${id}`);
    expect(dropped.status).toBe(200);
    expect(dropped.body).toMatchObject({ id, status: 'leaved', reference_id: c });
    expect((dropped.body as { tm_delete: string }).tm_delete).not.toBe('9999-01-01 00:00:00.000000');
    expect(host.engine.getCall(c).state).toBe('COMPLETED');

    expect(await request('DELETE', `/v1/conferencecalls/${id}`)).toEqual({
      status: 400,
      body: { message: 'This conferencecall is already leaved' },
    });
    expect((await request('GET', `/v1/conferencecalls/${id}`)).body).toMatchObject({ status: 'leaved' });
  });

  it('the conference ends when its last participant is dropped', async () => {
    const [b, c] = [connectedCall('1002'), connectedCall('1003')];
    const conference = (await request('POST', '/v1/conferences', { call_ids: [b, c] })).body as { id: string; conferencecall_ids: string[] };
    for (const id of conference.conferencecall_ids) await request('DELETE', `/v1/conferencecalls/${id}`);
    expect((await request('GET', `/v1/conferences/${conference.id}`)).body).toMatchObject({ status: 'terminated' });
  });

  it.each([
    [{ call_ids: 'x' }, 'call_ids: call_ids must be an array of call ids'],
    [{ call_ids: ['nope', 'nope'] }, 'call_ids.0: call_ids must be call ids (UUID)'],
    [{ call_ids: ['00000000-0000-4000-8000-000000000001'] }, 'call_ids must name at least two calls to merge'],
    [{ name: 5 }, 'name: name must be a string'],
    [{ colour: 'red' }, 'Unrecognized key: "colour"'],
  ])('POST %j is refused with 400 and writes nothing', async (body, message) => {
    expect(await request('POST', '/v1/conferences', body)).toEqual({ status: 400, body: { message } });
    expect((await request('GET', '/v1/conferences')).body).toEqual({ result: [] });
  });

  it('merging a call that is not connected is refused and writes nothing', async () => {
    const b = connectedCall('1002');
    const ringing = host.engine.incoming({ sip_call_id: 'r', from_uri: 'sip:1003@sip.test', from_name: null, to_uri: 'sip:1001@sip.test' });
    const response = await request('POST', '/v1/conferences', { call_ids: [b, ringing.call_id] });
    expect(response).toEqual({ status: 400, body: { message: `Only connected calls can be merged; call ${ringing.call_id} is RINGING` } });
    expect((await request('GET', '/v1/conferencecalls')).body).toEqual({ result: [] });
  });

  it('unknown and malformed ids get 404 and 400', async () => {
    expect(await request('GET', '/v1/conferences/abc')).toEqual({ status: 400, body: { message: 'conference id must be a UUID (got "abc")' } });
    const missing = '00000000-0000-4000-8000-00000000ffff';
    expect(await request('GET', `/v1/conferences/${missing}`)).toEqual({ status: 404, body: { message: `No conference with id ${missing}` } });
    expect(await request('DELETE', `/v1/conferencecalls/${missing}`)).toEqual({
      status: 404,
      body: { message: `No conferencecall with id ${missing}` },
    });
    expect(await request('GET', '/v1/conferencecalls?page_size=0')).toEqual({
      status: 400,
      body: { message: 'page_size must be a whole number from 1 to 500' },
    });
  });
});
