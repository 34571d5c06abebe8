import { createPinia, setActivePinia } from 'pinia';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CallSnapshot } from '../../../src-main/contract/call.js';
import { useCallsStore } from '../../../src-renderer/stores/calls.js';
import { installDeskClient } from '../../../src-renderer/stores/client.js';
import { useDeskStore } from '../../../src-renderer/stores/desk.js';
import { matchesQuery, useHistoryStore } from '../../../src-renderer/stores/history.js';
import { bindDeskEvents } from '../../../src-renderer/stores/sync.js';
import { createFakeDeskClient, deskState, flush, snapshot, type FakeDeskClient } from './fake-desk-client.js';

let client: FakeDeskClient;
let unbind: () => void;

beforeEach(() => {
  setActivePinia(createPinia());
  client = createFakeDeskClient();
  installDeskClient(client);
});
afterEach(() => {
  unbind?.();
  installDeskClient(null);
});

function ended(overrides: Partial<CallSnapshot>): CallSnapshot {
  return snapshot({ state: 'COMPLETED', end_reason: 'completed', ...overrides });
}

describe('resync on (re)connection', () => {
  it('replaces desk state and live calls, and reloads history, on every connection', async () => {
    const ring = snapshot();
    const old = ended({});
    client.handle('desk.state', () => ({ ok: true, value: deskState({ live_calls: [ring], agent_status: 'away' }) }));
    client.handle('calls.history', () => ({ ok: true, value: { calls: [old], next_cursor: 'c1' } }));
    unbind = bindDeskEvents(client);

    client.connect();
    await flush();

    const desk = useDeskStore();
    expect(desk.connected).toBe(true);
    expect(desk.agentStatus).toBe('away');
    expect(useCallsStore().ringingCalls.map((c) => c.id)).toEqual([ring.id]);
    expect(useHistoryStore().entries.map((c) => c.id)).toEqual([old.id]);

    client.disconnect();
    expect(desk.connected).toBe(false);
    client.handle('desk.state', () => ({ ok: true, value: deskState({ live_calls: [] }) }));
    client.connect();
    await flush();
    expect(useCallsStore().liveCalls).toEqual([]);
    expect(client.calls.filter((c) => c.method === 'desk.state')).toHaveLength(2);
    expect(client.calls.filter((c) => c.method === 'calls.history')).toHaveLength(2);
  });

  it('follows role, registration and status events', async () => {
    client.handle('desk.state', () => ({ ok: true, value: deskState() }));
    client.handle('calls.history', () => ({ ok: true, value: { calls: [], next_cursor: null } }));
    unbind = bindDeskEvents(client);
    client.connect();
    await flush();
    const desk = useDeskStore();
    expect(desk.isActiveDesk).toBe(true);
    client.emit('desk.role', { active: false });
    expect(desk.isActiveDesk).toBe(false);
    expect(desk.elsewhere).toBe(true);
    client.emit('registration.changed', { state: 'failed', reason: 'Wrong password for 1001 at sip.test', next_attempt_at: null });
    expect(desk.registration.reason).toBe('Wrong password for 1001 at sip.test');
    client.emit('agent.status', 'away');
    expect(desk.agentStatus).toBe('away');
  });

  it('puts a call that just ended on top of history without a reload', async () => {
    const older = ended({ create_time: '2030-01-01T10:00:00.000Z' });
    client.handle('desk.state', () => ({ ok: true, value: deskState() }));
    client.handle('calls.history', () => ({ ok: true, value: { calls: [older], next_cursor: null } }));
    unbind = bindDeskEvents(client);
    client.connect();
    await flush();

    const ring = snapshot();
    client.emit('call.updated', ring);
    client.emit('call.updated', { ...ring, state: 'NOT_ANSWERED', end_reason: 'missed' });

    const history = useHistoryStore();
    expect(history.entries.map((c) => c.id)).toEqual([ring.id, older.id]);
    expect(client.calls.filter((c) => c.method === 'calls.history')).toHaveLength(1);
  });
});

describe('history', () => {
  it('pages with the cursor and filters loaded pages', async () => {
    const missed = ended({ state: 'NOT_ANSWERED', end_reason: 'missed' });
    const elsewhere = ended({ state: 'NOT_ANSWERED', end_reason: 'answered_elsewhere' });
    const outgoing = ended({ direction: 'OUTGOING', to: 'sip:+442079460018@sip.test', remote_name: 'Acme Support' });
    client.handle('calls.history', ({ before }) =>
      before === 'c1'
        ? { ok: true, value: { calls: [outgoing], next_cursor: null } }
        : { ok: true, value: { calls: [missed, elsewhere], next_cursor: 'c1' } },
    );
    const history = useHistoryStore();
    await history.reload();
    expect(history.hasMore).toBe(true);
    await history.loadMore();
    expect(client.calls.at(-1)?.params).toEqual({ limit: 50, before: 'c1' });
    expect(history.hasMore).toBe(false);
    expect(history.entries).toHaveLength(3);

    history.setFilter('missed');
    expect(history.visible.map((c) => c.id)).toEqual([missed.id]);
    history.setFilter('answered_elsewhere');
    expect(history.visible.map((c) => c.id)).toEqual([elsewhere.id]);
    history.setFilter('outgoing');
    expect(history.visible.map((c) => c.id)).toEqual([outgoing.id]);
    history.setFilter('incoming');
    expect(history.visible).toHaveLength(2);
    history.setFilter('all');
    history.setQuery('acme');
    expect(history.visible.map((c) => c.id)).toEqual([outgoing.id]);
  });

  it('draws one page however many calls end during the day; "Load older calls" shows the next page, fetching only what is not loaded', async () => {
    const page = Array.from({ length: 50 }, () => ended({}));
    client.handle('calls.history', ({ before }) =>
      before === undefined ? { ok: true, value: { calls: page, next_cursor: 'c1' } } : { ok: true, value: { calls: [ended({})], next_cursor: null } },
    );
    const history = useHistoryStore();
    await history.reload();
    for (let i = 0; i < 30; i++) history.addEnded(ended({}));
    expect(history.entries).toHaveLength(80);
    expect(history.shownLimit).toBe(50);

    await history.showMore(80); // 80 loaded do not fill a limit of 100: the next page is fetched
    expect(history.shownLimit).toBe(100);
    expect(client.calls.filter((c) => c.method === 'calls.history').map((c) => c.params)).toEqual([
      { limit: 50 },
      { limit: 50, before: 'c1' },
    ]);
    expect(history.entries).toHaveLength(81);

    history.setFilter('missed'); // a new view starts at one page again
    expect(history.shownLimit).toBe(50);
  });

  it('"Load older calls" does not ask main while the loaded calls fill the next page', async () => {
    client.handle('calls.history', () => ({ ok: true, value: { calls: [ended({})], next_cursor: 'c1' } }));
    const history = useHistoryStore();
    await history.reload();
    await history.showMore(120);
    expect(history.shownLimit).toBe(100);
    expect(client.calls.filter((c) => c.method === 'calls.history')).toHaveLength(1);
  });

  it('search matches digits whatever the punctuation', () => {
    const entry = ended({ from: 'sip:+442079460018@sip.test' });
    expect(matchesQuery(entry, '020 7946')).toBe(false);
    expect(matchesQuery(entry, '2079 460')).toBe(true);
    expect(matchesQuery(entry, '(207) 946-0018')).toBe(true);
    expect(matchesQuery(entry, '1002')).toBe(false);
  });
});

describe('desk actions', () => {
  it('reverts the status picker and keeps the message when main refuses', async () => {
    client.handle('agent.set_status', () => ({ ok: false, error: { code: 'internal', message: 'Not connected to the desk host' } }));
    const desk = useDeskStore();
    expect(await desk.setStatus('away')).toBe(false);
    expect(desk.agentStatus).toBe('available');
    expect(desk.statusError).toBe('Not connected to the desk host');
  });

  it('takeover makes this window the active desk', async () => {
    client.handle('desk.takeover', () => ({ ok: true, value: { active: true } }));
    const desk = useDeskStore();
    desk.setConnected(true);
    expect(await desk.takeover()).toBe(true);
    expect(desk.isActiveDesk).toBe(true);
  });
});
