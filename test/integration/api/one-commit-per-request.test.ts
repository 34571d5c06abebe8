/**
 * Each request to the host writes in one durable commit, and the commands it causes do not wait
 * for it: proven on the real desk host and its SQLite file, with a second connection that sees
 * only committed rows.
 */
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { startApiTestHost, type ApiTestHost } from './api-test-host.js';

let api: ApiTestHost | undefined;
let reader: BetterSqlite3.Database | undefined;
afterEach(async () => {
  reader?.close();
  reader = undefined;
  await api?.close();
  api = undefined;
});

/** Attach a desk that, at each dial command, notes how many calls are committed by then. */
function committedAtEachDial(host: ApiTestHost): number[] {
  reader = new BetterSqlite3(join(host.dataDir, 'calls.sqlite'), { readonly: true });
  const count = reader.prepare<[], { n: number }>('SELECT count(*) AS n FROM calls');
  const seen: number[] = [];
  host.host.hub.attach({
    id: 'desk-1',
    send: (event, payload) => {
      if (event === 'telephony.command' && (payload as { type: string }).type === 'dial') seen.push(count.get()!.n);
    },
  });
  host.host.engine.reportRegistration({ state: 'registered', reason: null, next_attempt_at: null });
  return seen;
}

describe('one commit per request', () => {
  it('a REST group call dials every leg before its one commit, and has stored them all when it answers', async () => {
    api = await startApiTestHost({}, { desk: false });
    const seen = committedAtEachDial(api);
    const response = await api.send('POST', '/v1/groupcalls', {
      body: { name: 'Sales', ring_method: 'ring_all', destinations: ['1003', '1004', '1005'].map((target) => ({ type: 'endpoint', target })) },
    });
    expect(response.status).toBe(201);
    expect(seen).toEqual([0, 0, 0]);
    expect(reader!.prepare<[], { n: number }>('SELECT count(*) AS n FROM calls').get()!.n).toBe(3);
  });

  it('a desk request does the same through the dispatcher', async () => {
    api = await startApiTestHost({}, { desk: false });
    const seen = committedAtEachDial(api);
    const result = await api.host.dispatch(
      'groupcalls.create',
      { name: 'Sales', ring_method: 'ring_all', destinations: ['1003', '1004'].map((target) => ({ type: 'endpoint', target })) },
      { connectionId: 'desk-1', isActiveDesk: true },
    );
    expect(result.ok).toBe(true);
    expect(seen).toEqual([0, 0]);
    expect(reader!.prepare<[], { n: number }>('SELECT count(*) AS n FROM calls').get()!.n).toBe(2);
  });

  it('a desk that takes batches gets the whole request as one batch, still before the commit', async () => {
    api = await startApiTestHost({}, { desk: false });
    reader = new BetterSqlite3(join(api.dataDir, 'calls.sqlite'), { readonly: true });
    const count = reader.prepare<[], { n: number }>('SELECT count(*) AS n FROM calls');
    const batches: Array<{ committed: number; dials: number; events: string[] }> = [];
    api.host.hub.attach({
      id: 'desk-1',
      send: () => undefined,
      sendBatch: (messages) =>
        batches.push({
          committed: count.get()!.n,
          dials: messages.filter((m) => m.event === 'telephony.command' && (m.payload as { type: string }).type === 'dial').length,
          events: [...new Set(messages.map((m) => m.event))],
        }),
    });
    api.host.engine.reportRegistration({ state: 'registered', reason: null, next_attempt_at: null });
    const result = await api.host.dispatch(
      'groupcalls.create',
      { name: 'Sales', ring_method: 'ring_all', destinations: ['1003', '1004', '1005'].map((target) => ({ type: 'endpoint', target })) },
      { connectionId: 'desk-1', isActiveDesk: true },
    );
    expect(result.ok).toBe(true);
    expect(batches).toEqual([{ committed: 0, dials: 3, events: expect.arrayContaining(['call.updated', 'telephony.command']) }]);
    expect(count.get()!.n).toBe(3);
  });
});
