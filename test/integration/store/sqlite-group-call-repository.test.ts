import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { GroupCallRecord } from '../../../src-main/engine/group-calls/group-call-record.js';
import { openDatabase } from '../../../src-main/store/database.js';
import { SqliteGroupCallRepository } from '../../../src-main/store/sqlite-group-call-repository.js';
import { useTempDir } from './support.js';

const temp = useTempDir();

function record(overrides: Partial<GroupCallRecord> = {}): GroupCallRecord {
  return {
    id: crypto.randomUUID(),
    customer_id: 'c-1',
    name: 'Sales',
    source: { type: 'sip', target: 'sip:1001@sip.test', target_name: '', name: '', detail: '' },
    destinations: [{ type: 'endpoint', target: '1002', target_name: '', name: '', detail: '' }],
    ring_method: 'ring_all',
    answer_method: 'hangup_others',
    answer_call_id: null,
    call_ids: [],
    status: 'ringing',
    timeout_seconds: 30,
    tm_create: 1000,
    tm_update: null,
    tm_delete: null,
    ...overrides,
  };
}

describe('SqliteGroupCallRepository (migration 0003)', () => {
  it('stores and reads back every field, across a reopen', () => {
    const file = join(temp.dir(), 'calls.sqlite');
    const first = record({ call_ids: ['a', 'b'], answer_call_id: 'b', status: 'answered', tm_update: 2000 });
    new SqliteGroupCallRepository(temp.track(openDatabase(file))).insert(first);
    const reopened = new SqliteGroupCallRepository(temp.track(openDatabase(file)));
    expect(reopened.get(first.id)).toEqual(first);
  });

  it('lists the not-deleted newest first, finds the newest by name, and lists the ringing', () => {
    const repo = new SqliteGroupCallRepository(temp.track(openDatabase(join(temp.dir(), 'calls.sqlite'))));
    const older = record();
    const newer = record({ status: 'no_answer' });
    const deleted = record({ status: 'hungup', tm_delete: 5 });
    for (const r of [older, newer, deleted]) repo.insert(r);
    expect(repo.list(10).map((r) => r.id)).toEqual([newer.id, older.id]);
    expect(repo.findByName('Sales')?.id).toBe(newer.id);
    expect(repo.listRinging().map((r) => r.id)).toEqual([older.id]);
    repo.update({ ...older, status: 'hungup' });
    expect(repo.listRinging()).toEqual([]);
  });

  it('refuses a status the schema does not know', () => {
    const db = temp.track(openDatabase(join(temp.dir(), 'calls.sqlite')));
    const repo = new SqliteGroupCallRepository(db);
    expect(() => repo.insert(record({ status: 'lost' as never }))).toThrow(/CHECK constraint failed/);
  });
});
