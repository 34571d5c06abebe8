import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { CALL_STATES, CreateMethod, Direction, END_REASONS } from '../../../src-main/contract/call.js';
import { applyMigrations, readUserVersion } from '../../../src-main/store/migrate.js';
import { migration0001 } from '../../../src-main/store/migrations/0001-calls.js';
import { MIGRATIONS } from '../../../src-main/store/migrations/index.js';
import { useTempDir } from './support.js';

const temp = useTempDir();

function emptyDb(): BetterSqlite3.Database {
  return temp.track(new BetterSqlite3(join(temp.dir(), 'calls.db')));
}

interface ColumnInfo {
  name: string;
  type: string;
  notnull: number;
  pk: number;
}

describe('every migration in order', () => {
  it.each(MIGRATIONS.map((m) => [m.version, m.name, m] as const))(
    'migration %i (%s) applies on top of the ones before it',
    (version) => {
      const db = emptyDb();
      applyMigrations(db, MIGRATIONS.slice(0, version));
      expect(readUserVersion(db)).toBe(version);
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    },
  );
});

describe('0001-calls', () => {
  function migrated(): BetterSqlite3.Database {
    const db = emptyDb();
    applyMigrations(db, [migration0001]);
    return db;
  }

  function insertRaw(db: BetterSqlite3.Database, overrides: Record<string, unknown> = {}): void {
    const row = {
      id: crypto.randomUUID(),
      direction: 'OUTGOING',
      state: 'QUEUED',
      end_reason: null,
      from_party: 'a',
      to_party: 'b',
      labels: '{}',
      timeout_seconds: 30,
      create_method: 'DESK',
      create_time: 1,
      held: 0,
      muted: 0,
      ...overrides,
    };
    const columns = Object.keys(row);
    db.prepare(
      `INSERT INTO calls (${columns.join(', ')}) VALUES (${columns.map((c) => `@${c}`).join(', ')})`,
    ).run(row);
  }

  it('creates the calls table with one column per CallRecord field', () => {
    const db = migrated();
    const columns = db.prepare('PRAGMA table_info(calls)').all() as ColumnInfo[];
    expect(columns.map((c) => [c.name, c.type, c.notnull, c.pk])).toEqual([
      ['callid', 'INTEGER', 0, 1],
      ['id', 'TEXT', 1, 0],
      ['direction', 'TEXT', 1, 0],
      ['state', 'TEXT', 1, 0],
      ['end_reason', 'TEXT', 0, 0],
      ['from_party', 'TEXT', 1, 0],
      ['to_party', 'TEXT', 1, 0],
      ['remote_name', 'TEXT', 0, 0],
      ['labels', 'TEXT', 1, 0],
      ['timeout_seconds', 'INTEGER', 1, 0],
      ['create_method', 'TEXT', 1, 0],
      ['originating_call', 'TEXT', 0, 0],
      ['sip_call_id', 'TEXT', 0, 0],
      ['error_code', 'TEXT', 0, 0],
      ['error_message', 'TEXT', 0, 0],
      ['create_time', 'INTEGER', 1, 0],
      ['start_time', 'INTEGER', 0, 0],
      ['ring_time', 'INTEGER', 0, 0],
      ['answer_time', 'INTEGER', 0, 0],
      ['end_time', 'INTEGER', 0, 0],
      ['held', 'INTEGER', 1, 0],
      ['muted', 'INTEGER', 1, 0],
    ]);
    expect(readUserVersion(db)).toBe(1);
  });

  it('uses AUTOINCREMENT so callids are never reused, and makes id unique', () => {
    const db = migrated();
    const sql = db.prepare("SELECT sql FROM sqlite_schema WHERE name = 'calls'").pluck().get() as string;
    expect(sql).toMatch(/callid\s+INTEGER PRIMARY KEY AUTOINCREMENT/);
    const indexes = db.prepare('PRAGMA index_list(calls)').all() as { name: string; unique: number; partial: number }[];
    expect(indexes).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ name: 'calls_history', unique: 0, partial: 0 }),
        expect.objectContaining({ name: 'calls_live', unique: 0, partial: 1 }),
        expect.objectContaining({ unique: 1 }), // the UNIQUE constraint on id
      ]),
    );
  });

  it('accepts exactly the contract states (the CHECK list matches CALL_STATES)', () => {
    const db = migrated();
    for (const state of CALL_STATES) expect(() => insertRaw(db, { state })).not.toThrow();
    expect(() => insertRaw(db, { state: 'ON_HOLD' })).toThrow(/CHECK constraint failed/);
    expect(() => insertRaw(db, { state: 'queued' })).toThrow(/CHECK constraint failed/);
  });

  it('accepts exactly the contract end reasons, and null', () => {
    const db = migrated();
    for (const end_reason of [...END_REASONS, null]) {
      expect(() => insertRaw(db, { end_reason })).not.toThrow();
    }
    expect(() => insertRaw(db, { end_reason: 'hung_up' })).toThrow(/CHECK constraint failed/);
  });

  it('accepts exactly the contract directions and create methods', () => {
    const db = migrated();
    for (const direction of Direction.options) expect(() => insertRaw(db, { direction })).not.toThrow();
    for (const create_method of CreateMethod.options) {
      expect(() => insertRaw(db, { create_method })).not.toThrow();
    }
    expect(() => insertRaw(db, { direction: 'SIDEWAYS' })).toThrow(/CHECK constraint failed/);
    expect(() => insertRaw(db, { create_method: 'MAGIC' })).toThrow(/CHECK constraint failed/);
  });

  it('refuses labels that are not a JSON object', () => {
    const db = migrated();
    expect(() => insertRaw(db, { labels: '{"a":' })).toThrow(/CHECK constraint failed/);
    expect(() => insertRaw(db, { labels: '["a"]' })).toThrow(/CHECK constraint failed/);
  });

  it('refuses booleans other than 0/1 and text in time columns (STRICT)', () => {
    const db = migrated();
    expect(() => insertRaw(db, { held: 2 })).toThrow(/CHECK constraint failed/);
    expect(() => insertRaw(db, { create_time: 'yesterday' })).toThrow(/cannot store TEXT value in INTEGER column/);
  });
});
