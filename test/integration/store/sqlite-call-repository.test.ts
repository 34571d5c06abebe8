import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CALL_STATES, TERMINAL_STATES, type CallState } from '../../../src-main/contract/call.js';
import type { CallRecord } from '../../../src-main/engine/call-record.js';
import { openDatabase, type Database } from '../../../src-main/store/database.js';
import {
  CallRecordNotFoundError,
  CorruptCallRecordError,
  InvalidCursorError,
  InvalidPageSizeError,
} from '../../../src-main/store/errors.js';
import { encodeHistoryCursor } from '../../../src-main/store/history-cursor.js';
import {
  HISTORY_FIRST_PAGE_SQL,
  HISTORY_NEXT_PAGE_SQL,
  LIVE_SQL,
  SqliteCallRepository,
} from '../../../src-main/store/sqlite-call-repository.js';
import { newCall, useTempDir } from './support.js';

const temp = useTempDir();

function setup(): { db: Database; repo: SqliteCallRepository; file: string } {
  const file = join(temp.dir(), 'calls.db');
  const db = temp.track(openDatabase(file));
  return { db, repo: new SqliteCallRepository(db), file };
}

/** Every field changed from newCall()'s defaults; unicode and nulls included. */
function fullyChanged(record: CallRecord): CallRecord {
  return {
    ...record,
    direction: 'INCOMING',
    state: 'COMPLETED',
    end_reason: 'answered_elsewhere',
    from: 'sip:zoë@example.com',
    to: 'sip:agent1@example.com',
    remote_name: 'Zoë Ångström 👩‍💼',
    labels: { ticket: 'ČR-42', 'ключ': 'значение', emoji: '📞🎧', empty: '', quote: 'a "b" \\ c' },
    timeout_seconds: 600,
    create_method: 'PARENT_CALL',
    originating_call: '6f1c4c5e-53ab-4d0e-9b5c-7ad2b0a3e111',
    sip_call_id: 'a84b4c76e66710@pc33.example.com',
    error_code: '487',
    error_message: 'Request Terminated — cancelled',
    create_time: record.create_time + 1,
    start_time: record.create_time + 10,
    ring_time: record.create_time + 200,
    answer_time: record.create_time + 3_000,
    end_time: record.create_time + 63_456,
    held: true,
    muted: true,
  };
}

describe('SqliteCallRepository.insert', () => {
  it('assigns increasing callids and returns the record with its callid', () => {
    const { repo } = setup();
    const records = [newCall(), newCall(), newCall()].map((r) => repo.insert(r));
    const ids = records.map((r) => r.callid);
    expect(ids[0]).toBeGreaterThanOrEqual(1);
    expect(ids).toEqual([...ids].sort((a, b) => a - b));
    expect(new Set(ids).size).toBe(3);
    for (const record of records) expect(repo.get(record.id)).toEqual(record);
  });

  it('never reuses a callid, even after the newest row is deleted', () => {
    const { db, repo } = setup();
    const first = repo.insert(newCall());
    db.prepare('DELETE FROM calls WHERE callid = ?').run(first.callid);
    const second = repo.insert(newCall());
    expect(second.callid).toBeGreaterThan(first.callid);
  });

  it('refuses a second record with the same id', () => {
    const { repo } = setup();
    const record = newCall();
    repo.insert(record);
    expect(() => repo.insert(record)).toThrow(/UNIQUE constraint failed: calls.id/);
  });

  it('refuses an unknown state (CHECK constraint)', () => {
    const { repo } = setup();
    expect(() => repo.insert(newCall({ state: 'ON_HOLD' as CallState }))).toThrow(/CHECK constraint failed/);
    expect(repo.listRecent(10).records).toEqual([]);
  });

  it('refuses labels that break the contract limits, writing nothing', () => {
    const { repo } = setup();
    expect(() => repo.insert(newCall({ labels: { '': 'x' } }))).toThrow(/labels: label keys must not be empty/);
    expect(repo.listRecent(10).records).toEqual([]);
  });
});

describe('SqliteCallRepository.update', () => {
  it('round-trips every field, including unicode labels and nulls', () => {
    const { repo } = setup();
    const inserted = repo.insert(newCall());
    const changed = fullyChanged(inserted);
    repo.update(changed);
    expect(repo.get(inserted.id)).toEqual(changed);
    expect(repo.getByCallid(inserted.callid)).toEqual(changed);

    // and back to nulls / false / empty labels
    const cleared: CallRecord = { ...newCall({ id: inserted.id }), callid: inserted.callid };
    repo.update(cleared);
    expect(repo.get(inserted.id)).toEqual(cleared);
  });

  it('changes only the matching record', () => {
    const { repo } = setup();
    const a = repo.insert(newCall());
    const b = repo.insert(newCall());
    repo.update({ ...a, state: 'RINGING' });
    expect(repo.get(b.id)).toEqual(b);
  });

  it('throws CallRecordNotFoundError for an unknown id or a mismatched callid', () => {
    const { repo } = setup();
    const a = repo.insert(newCall());
    const b = repo.insert(newCall());
    expect(() => repo.update({ ...newCall(), callid: 99 })).toThrow(CallRecordNotFoundError);
    expect(() => repo.update({ ...a, callid: b.callid })).toThrow(CallRecordNotFoundError);
    expect(repo.get(a.id)).toEqual(a);
    expect(repo.get(b.id)).toEqual(b);
  });
});

describe('SqliteCallRepository.get', () => {
  it('returns undefined for unknown ids and callids', () => {
    const { repo } = setup();
    expect(repo.get('00000000-0000-4000-8000-000000000000')).toBeUndefined();
    expect(repo.getByCallid(12345)).toBeUndefined();
  });

  it('reports a row whose labels no longer validate', () => {
    const { db, repo } = setup();
    const record = repo.insert(newCall());
    db.prepare(`UPDATE calls SET labels = '{"n": 1}' WHERE callid = ?`).run(record.callid);
    expect(() => repo.get(record.id)).toThrow(CorruptCallRecordError);
    expect(() => repo.get(record.id)).toThrow(`stored call ${record.callid}: column labels`);
  });
});

describe('persistence', () => {
  it('shows the same records after close and reopen', () => {
    const { db, repo, file } = setup();
    const a = repo.insert(newCall({ create_time: 1000 }));
    const b = repo.insert(newCall({ create_time: 2000, labels: { 'q': 'ü' } }));
    const bDone = fullyChanged(b);
    repo.update(bDone);
    const pageBefore = repo.listRecent(10);
    db.close();

    const reopened = new SqliteCallRepository(temp.track(openDatabase(file)));
    expect(reopened.get(a.id)).toEqual(a);
    expect(reopened.get(b.id)).toEqual(bDone);
    expect(reopened.getByCallid(b.callid)).toEqual(bDone);
    expect(reopened.listRecent(10)).toEqual(pageBefore);
    expect(reopened.listLive()).toEqual([a]);
    expect(reopened.insert(newCall()).callid).toBeGreaterThan(b.callid);
  });
});

describe('SqliteCallRepository.listRecent', () => {
  function pages(repo: SqliteCallRepository, limit: number): CallRecord[][] {
    const out: CallRecord[][] = [];
    let cursor: string | undefined;
    for (let i = 0; i < 100; i++) {
      const page = repo.listRecent(limit, cursor);
      out.push(page.records);
      if (page.nextCursor === null) return out;
      cursor = page.nextCursor;
    }
    throw new Error('paging did not end');
  }

  it('pages newest first by create_time then callid, across equal create_time ties', () => {
    const { repo } = setup();
    const times = [5000, 1000, 3000, 3000, 3000, 2000, 3000, 4000, 1000];
    const inserted = times.map((create_time) => repo.insert(newCall({ create_time })));
    const expected = [...inserted].sort((x, y) => y.create_time - x.create_time || y.callid - x.callid);

    const result = pages(repo, 2);
    expect(result.map((p) => p.length)).toEqual([2, 2, 2, 2, 1]);
    expect(result.flat()).toEqual(expected);
    // the tie at 3000 straddles pages 1-3
    expect(result.flat().map((r) => r.create_time)).toEqual([5000, 4000, 3000, 3000, 3000, 3000, 2000, 1000, 1000]);
  });

  it('gives no cursor when the page holds the last record, even if it is exactly full', () => {
    const { repo } = setup();
    for (let i = 0; i < 4; i++) repo.insert(newCall({ create_time: i }));
    expect(repo.listRecent(4).nextCursor).toBeNull();
    expect(repo.listRecent(3).nextCursor).not.toBeNull();
    expect(repo.listRecent(10)).toEqual({ records: expect.any(Array), nextCursor: null });
  });

  it('returns an empty page for an empty store', () => {
    const { repo } = setup();
    expect(repo.listRecent(20)).toEqual({ records: [], nextCursor: null });
  });

  it('neither repeats nor skips records when calls arrive between pages', () => {
    const { repo } = setup();
    const old = [1, 2, 3, 4].map((t) => repo.insert(newCall({ create_time: t * 1000 })));
    const first = repo.listRecent(2);
    repo.insert(newCall({ create_time: 9000 }));
    const second = repo.listRecent(2, first.nextCursor ?? undefined);
    expect([...first.records, ...second.records]).toEqual([...old].reverse());
  });

  it.each([
    ['not base64url', 'abc$%'],
    ['empty', ''],
    ['not a key', Buffer.from('hello').toString('base64url')],
    ['missing callid', Buffer.from('1000:').toString('base64url')],
    ['callid zero', Buffer.from('1000:0').toString('base64url')],
    ['extra part', Buffer.from('1000:2:3').toString('base64url')],
    ['non-canonical base64', `${Buffer.from('1000:2').toString('base64url')}=`],
    ['too long', 'A'.repeat(200)],
  ])('rejects a malformed cursor (%s) with InvalidCursorError', (_label, cursor) => {
    const { repo } = setup();
    repo.insert(newCall());
    let caught: unknown;
    try {
      repo.listRecent(10, cursor);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(InvalidCursorError);
    expect((caught as InvalidCursorError).code).toBe('bad_request');
    expect((caught as Error).message).toMatch(/is not a valid history cursor; pass the next_cursor/);
  });

  it('accepts a cursor it did not hand out as long as it is well formed', () => {
    const { repo } = setup();
    const a = repo.insert(newCall({ create_time: 1000 }));
    repo.insert(newCall({ create_time: 2000 }));
    const cursor = encodeHistoryCursor({ createTime: 2000, callid: 1 });
    expect(repo.listRecent(10, cursor).records).toEqual([a]);
  });

  it.each([0, -1, 1.5, Number.NaN, 501])('rejects the page size %s', (limit) => {
    const { repo } = setup();
    expect(() => repo.listRecent(limit)).toThrow(InvalidPageSizeError);
  });
});

describe('SqliteCallRepository.listLive', () => {
  it('returns only non-terminal records, oldest first', () => {
    const { repo } = setup();
    const byState = new Map<CallState, CallRecord>();
    // insert newest-created first so that order by create_time differs from insertion order
    CALL_STATES.forEach((state, index) => {
      const terminal = TERMINAL_STATES.has(state);
      byState.set(
        state,
        repo.insert(
          newCall({
            state,
            end_reason: terminal ? 'completed' : null,
            create_time: 10_000 - index * 10,
          }),
        ),
      );
    });

    const live = repo.listLive();
    expect(live.map((r) => r.state)).toEqual(['IN_PROGRESS', 'RINGING', 'STARTING', 'QUEUED']);
    for (const record of live) expect(TERMINAL_STATES.has(record.state)).toBe(false);
  });

  it('drops a record once it is updated to a terminal state', () => {
    const { repo } = setup();
    const call = repo.insert(newCall({ state: 'RINGING' }));
    expect(repo.listLive()).toEqual([call]);
    repo.update({ ...call, state: 'NOT_ANSWERED', end_reason: 'missed', end_time: call.create_time + 30_000 });
    expect(repo.listLive()).toEqual([]);
  });
});

describe('query plans', () => {
  function plan(db: Database, sql: string, params: unknown[]): string[] {
    return (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as { detail: string }[]).map((row) => row.detail);
  }

  function seed(db: Database, repo: SqliteCallRepository): void {
    const insertMany = db.transaction(() => {
      for (let i = 0; i < 2000; i++) {
        repo.insert(newCall({ create_time: 1_000_000 + (i % 700), state: i % 50 === 0 ? 'RINGING' : 'COMPLETED' }));
      }
    });
    insertMany();
    db.exec('ANALYZE');
  }

  it('history pages read the calls_history index: no full scan, no temp b-tree', () => {
    const { db, repo } = setup();
    seed(db, repo);
    for (const [sql, params] of [
      [HISTORY_FIRST_PAGE_SQL, [21]],
      [HISTORY_NEXT_PAGE_SQL, [1_000_300, 500, 21]],
    ] as const) {
      const details = plan(db, sql, [...params]);
      expect(details.join(' | ')).toMatch(/USING (COVERING )?INDEX calls_history/);
      expect(details.some((d) => /TEMP B-TREE/.test(d))).toBe(false);
      expect(details.some((d) => /^SCAN calls$/.test(d))).toBe(false);
    }
    expect(plan(db, HISTORY_NEXT_PAGE_SQL, [1_000_300, 500, 21]).join()).toMatch(/^SEARCH calls USING INDEX calls_history/);
  });

  it('live calls read the partial calls_live index', () => {
    const { db, repo } = setup();
    seed(db, repo);
    const details = plan(db, LIVE_SQL, []);
    expect(details.join(' | ')).toMatch(/USING (COVERING )?INDEX calls_live/);
    expect(details.some((d) => /TEMP B-TREE/.test(d))).toBe(false);
  });
});
