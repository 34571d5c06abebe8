/**
 * Property: whatever arrives, the API answers below 500, every 4xx carries a message, a refused
 * request writes no row, and the host keeps running. 10,000+ generated requests across every
 * route and RPC method, weighted towards almost-valid ones (one field dropped, retyped or added).
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AGENT_EMAIL, startApiTestHost, type ApiTestHost } from './api-test-host.js';

const RUNS = 10_400;
let t: ApiTestHost;
let knownCallId = '';

beforeAll(async () => {
  t = await startApiTestHost({ outbound_numbers: ['+13392195276', '+17608675309'], default_outbound_number: '+13392195276' }, { busyPeer: true });
  await t.send('POST', '/v1/media?name=hello', { raw: 'RIFF', headers: { 'Content-Type': 'audio/wav' } });
  await t.send('POST', '/v1/contacts', { body: { name: 'Ann', phone_number: '+12055550100', ticket_ids: ['71450'] } });
  knownCallId = ((await t.send('POST', '/v1/calls', { body: { call_type: 'OutboundCall', agent_email: AGENT_EMAIL, end_user_number: '+18596579625' } })).json as { id: string }).id;
});
afterAll(async () => {
  await t.close();
});

const future = new Date(Date.now() + 86_400_000 * 30).toISOString();
const BODIES: Record<string, Record<string, unknown>> = {
  outbound: { call_type: 'Voice Outbound (API)', agent_email: AGENT_EMAIL, end_user_number: '+1 859-657-9625', lang: 'en', outbound_number: '+1 339-219-5276' },
  outboundTicket: { call_type: 'OutboundCall', agent_email: AGENT_EMAIL, ticket_id: '71450' },
  inbound: { call_type: 'Voice Inbound (API)', menu_id: 9, end_user_number: '+82-10-6861-2345', recording_permission: 'recording_permission_granted' },
  scheduled: { call_type: 'ScheduledCall', menu_id: 10, end_user_number: '+1 859-657-9625', scheduled_at: future },
  contact: { name: 'Bo', phone_number: '+44 20 7183 8750', ticket_ids: ['t-1'] },
  flags: { verified_customer: true, bad_actor: false, repeat_customers: true },
};
const RPC: Record<string, unknown[]> = {
  'calls.broadcast_1': [{ number: '+18596579625' }, [1, 'TTS|EN|hi'], null],
  'calls.get_status_1': ['00000000-0000-4000-8000-000000000001'],
  'calls.hangup': [1, {}],
  'calls.realtime': ['app', { number: '+18596579625' }, {}],
  'calls.realtime_break': [1, {}],
};

const nasty = fc.oneof(
  fc.constantFrom(null, true, 0, -1, 1e309 as number, '', ' ', '🙂', 'null', '9999', 'menu_999', '+1 999-657-12', '__proto__', 'x'.repeat(5000), [], {}),
  fc.jsonValue({ maxDepth: 2 }),
  fc.string({ maxLength: 40 }),
  fc.integer(),
);

/** One field dropped, replaced or added: the almost-valid request. */
function mutate(base: Record<string, unknown>): fc.Arbitrary<unknown> {
  const keys = Object.keys(base);
  return fc.oneof(
    { weight: 1, arbitrary: fc.constant(base) },
    { weight: 3, arbitrary: fc.constantFrom(...keys).map((key) => Object.fromEntries(Object.entries(base).filter(([k]) => k !== key))) },
    { weight: 5, arbitrary: fc.tuple(fc.constantFrom(...keys), nasty).map(([key, value]) => ({ ...base, [key]: value })) },
    { weight: 1, arbitrary: fc.tuple(fc.string({ maxLength: 12 }), nasty).map(([key, value]) => ({ ...base, [key]: value })) },
    { weight: 1, arbitrary: nasty },
  );
}

type Request = { method: string; path: string; body?: unknown; raw?: string; headers?: Record<string, string>; token?: string | null };

const idPart = fc.oneof(fc.constant('KNOWN'), fc.uuid(), fc.string({ maxLength: 20 }).map(encodeURIComponent), fc.constant('%E0%A4%A'));
const queryPart = fc
  .array(
    fc.tuple(
      fc.constantFrom('state', 'status', 'direction', 'number', 'from', 'to', 'limit', 'before', 'x'),
      fc.oneof(fc.constantFrom('QUEUED', 'failed,finished', 'OUTGOING', '2020-01-01T00:00:00Z', '50', '0', 'abc', '+1859', 'NOPE'), fc.string({ maxLength: 20 })),
    ),
    { maxLength: 3 },
  )
  .map((pairs) => new URLSearchParams(pairs).toString());

const request: fc.Arbitrary<Request> = fc.oneof(
  { weight: 6, arbitrary: fc.tuple(fc.constantFrom('/v1/calls', '/apps/api/v1/calls'), fc.constantFrom('outbound', 'outboundTicket', 'inbound', 'scheduled')).chain(([path, kind]) => mutate(BODIES[kind]!).map((body) => ({ method: 'POST', path, body }))) },
  { weight: 2, arbitrary: queryPart.map((query) => ({ method: 'GET', path: `/v1/calls?${query}` })) },
  { weight: 1, arbitrary: idPart.map((id) => ({ method: 'GET', path: `/v1/calls/${id}` })) },
  { weight: 1, arbitrary: idPart.map((id) => ({ method: 'POST', path: `/v1/calls/${id}/hangup` })) },
  { weight: 1, arbitrary: fc.tuple(idPart, fc.constantFrom('/v1', '/apps/api/v1')).map(([id, prefix]) => ({ method: 'GET', path: `${prefix}/calls/${id}/customer_flag` })) },
  { weight: 2, arbitrary: fc.tuple(idPart, mutate(BODIES.flags!)).map(([id, body]) => ({ method: 'PATCH', path: `/v1/calls/${id}/customer_flag`, body })) },
  { weight: 2, arbitrary: mutate(BODIES.contact!).map((body) => ({ method: 'POST', path: '/v1/contacts', body })) },
  {
    weight: 2,
    arbitrary: fc
      .tuple(fc.constantFrom('1', '2', '0', '-1', 'x', '1e3', '99999999999999999999', '%E0%A4%A'), mutate(BODIES.contact!))
      .map(([id, body]) => ({ method: 'PATCH', path: `/v1/contacts/${id}`, body })),
  },
  { weight: 1, arbitrary: fc.constantFrom({ method: 'GET', path: '/v1/contacts' }, { method: 'GET', path: '/v1/openapi.json' }, { method: 'GET', path: '/v1/media' }) },
  {
    weight: 1,
    arbitrary: fc.record({
      method: fc.constant('POST'),
      path: fc.constantFrom('/v1/media?name=x', '/v1/media', '/v1/media?name='),
      raw: fc.string({ maxLength: 40 }),
      headers: fc.constantFrom<Record<string, string>>({ 'Content-Type': 'audio/wav' }, { 'Content-Type': 'audio/ogg; codecs=opus' }, { 'Content-Type': 'application/json' }, {}),
    }),
  },
  {
    weight: 4,
    arbitrary: fc
      .tuple(fc.constantFrom(...Object.keys(RPC)), fc.integer({ min: 0, max: 5 }))
      .chain(([method, index]) =>
        fc.oneof(
          fc.constant(RPC[method]!),
          fc.tuple(fc.constant(index), nasty).map(([i, value]) => RPC[method]!.map((p, j) => (j === i ? value : p))),
          nasty,
        ).chain((params) =>
          mutate({ jsonrpc: '2.0', method, params, id: 1 }).map((body) => ({ method: 'POST', path: '/v1/rpc', body })),
        ),
      ),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      method: fc.constantFrom('POST', 'PATCH', 'GET', 'PUT', 'DELETE'),
      path: fc.constantFrom('/v1/calls', '/v1/rpc', '/v1/contacts', '/v1/x', '/apps/api/v1/calls'),
      raw: fc.oneof(fc.string({ maxLength: 60 }), fc.constantFrom('{', '[]', '{"a":1}', '\u0000')),
      headers: fc.constantFrom<Record<string, string>>({ 'Content-Type': 'application/json' }, { 'Content-Type': 'text/plain' }, {}),
      token: fc.constantFrom(undefined, null, 'wrong'),
    }),
  },
);

describe('the API under generated requests', () => {
  it(`answers ${RUNS} requests without a 5xx, with a message on every 4xx, writing nothing when refusing`, async () => {
    let refused = 0;
    let accepted = 0;
    await fc.assert(
      fc.asyncProperty(request, async (generated) => {
        const path = generated.path.replace('KNOWN', knownCallId);
        const before = t.host.contactCentre.repo.countRows();
        const answer = await t.send(generated.method, path, {
          body: generated.body,
          raw: generated.raw,
          headers: generated.headers ?? (generated.raw !== undefined ? { 'Content-Type': 'application/json' } : undefined),
          token: generated.token,
        });
        expect(answer.status).toBeLessThan(500);
        if (answer.status >= 400) {
          refused++;
          expect(typeof (answer.json as { message?: unknown }).message).toBe('string');
          expect((answer.json as { message: string }).message.length).toBeGreaterThan(0);
          expect(t.host.contactCentre.repo.countRows()).toBe(before);
        } else accepted++;
        const rpcError = (answer.json as { error?: unknown } | undefined)?.error;
        if (path === '/v1/rpc' && rpcError !== undefined && !Array.isArray(answer.json)) {
          expect(t.host.contactCentre.repo.countRows()).toBe(before);
        }
      }),
      { numRuns: RUNS, seed: 20261123 },
    );
    expect(t.errors).toEqual([]);
    expect(refused).toBeGreaterThan(RUNS / 4);
    expect(accepted).toBeGreaterThan(RUNS / 20);
  }, 120_000);
});
