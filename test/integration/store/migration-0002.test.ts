/** 0002-contact-centre: a version-1 file with calls gains the tables and keeps its calls. */
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { RECORDING_PERMISSIONS, CALL_TYPES } from '../../../src-main/engine/contact-centre/call-types.js';
import { applyMigrations, readUserVersion } from '../../../src-main/store/migrate.js';
import { migration0001 } from '../../../src-main/store/migrations/0001-calls.js';
import { CONTACT_CENTRE_SQL, migration0002 } from '../../../src-main/store/migrations/0002-contact-centre.js';
import { openDatabase } from '../../../src-main/store/database.js';
import { LATEST_SCHEMA_VERSION } from '../../../src-main/store/migrations/index.js';
import { SqliteCallRepository } from '../../../src-main/store/sqlite-call-repository.js';
import { SqliteContactCentreRepository } from '../../../src-main/store/sqlite-contact-centre-repository.js';
import { blankContactCentreRecord } from '../../../src-main/engine/contact-centre/contact-centre-record.js';
import { newCall, useTempDir } from './support.js';

const temp = useTempDir();

describe('0002-contact-centre', () => {
  it('upgrades a version-1 file that holds calls, keeping them', () => {
    const file = join(temp.dir(), 'calls.sqlite');
    const v1 = new BetterSqlite3(file);
    applyMigrations(v1, [migration0001]);
    v1.prepare("INSERT INTO calls (id, direction, state, from_party, to_party, timeout_seconds, create_method, create_time) VALUES ('a', 'OUTGOING', 'COMPLETED', 'x', 'y', 30, 'DESK', 1)").run();
    v1.close();
    const db = temp.track(openDatabase(file));
    expect(readUserVersion(db)).toBe(LATEST_SCHEMA_VERSION);
    expect(db.prepare('SELECT count(*) AS n FROM calls').get()).toEqual({ n: 1 });
    const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").all();
    expect(tables.map((t) => (t as { name: string }).name)).toEqual(
      expect.arrayContaining(['calls', 'contact_centre_calls', 'contact_tickets', 'contacts', 'media']),
    );
  });

  it('its CHECK lists match the engine’s call types and recording permissions', () => {
    for (const value of [...CALL_TYPES, ...RECORDING_PERMISSIONS]) expect(CONTACT_CENTRE_SQL).toContain(`'${value}'`);
    expect(migration0002.version).toBe(2);
  });

  it('refuses a phase or call type outside the lists', () => {
    const db = temp.track(openDatabase(join(temp.dir(), 'c.sqlite')));
    const repo = new SqliteContactCentreRepository(db);
    expect(() => repo.save({ ...blankContactCentreRecord('x', 1), phase: 'ringing' as never })).toThrow(/CHECK/);
    expect(() => repo.save({ ...blankContactCentreRecord('x', 1), call_type: 'Voice Fax' as never })).toThrow(/CHECK/);
  });

  it('the API call list merges legs and legless calls newest first, and pages without repeats', () => {
    const db = temp.track(openDatabase(join(temp.dir(), 'd.sqlite')));
    const calls = new SqliteCallRepository(db);
    const repo = new SqliteContactCentreRepository(db);
    for (let i = 0; i < 4; i++) calls.insert(newCall({ id: `leg-${i}`, create_time: 1000 + i * 10 }));
    for (let i = 0; i < 3; i++) repo.save({ ...blankContactCentreRecord(`sched-${i}`, 1005 + i * 10), has_leg: false, phase: 'scheduled' });
    repo.save({ ...blankContactCentreRecord('tie', 1010), has_leg: false, phase: 'scheduled' });
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = repo.list({}, 3, cursor);
      seen.push(...page.rows.map((row) => row.call?.id ?? row.cc?.id ?? '?'));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(seen).toEqual(['leg-3', 'sched-2', 'leg-2', 'sched-1', 'leg-1', 'tie', 'sched-0', 'leg-0']);
    expect(repo.list({ states: [], phases: ['scheduled'] }, 10).rows).toHaveLength(4);
  });
});

describe('query plans of the API call list', () => {
  function plan(db: ReturnType<typeof openDatabase>, sql: string, ...params: unknown[]): string {
    return (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as { detail: string }[]).map((row) => row.detail).join(' | ');
  }
  const select = 'SELECT c.callid FROM calls c LEFT JOIN contact_centre_calls cc ON cc.id = c.id';

  it('without ANALYZE statistics too: the newest page walks the history index, a number uses the party indexes', () => {
    const db = temp.track(openDatabase(join(temp.dir(), 'plan.sqlite')));
    const calls = new SqliteCallRepository(db);
    for (let i = 0; i < 500; i++) calls.insert(newCall({ id: `c${i}`, to: `+1859000${String(i).padStart(4, '0')}`, create_time: i }));
    const newest = plan(db, `${select} ORDER BY c.create_time DESC, c.callid DESC LIMIT 51`);
    expect(newest).toContain('calls_history');
    expect(newest).not.toContain('USE TEMP B-TREE');
    const n = '+18590000042';
    const byNumber = plan(
      db,
      `${select} WHERE (c.to_party = ? OR c.from_party = ? OR (c.from_party >= ? AND c.from_party < ?)) ORDER BY +c.create_time DESC, c.callid DESC LIMIT 51`,
      n, n, `sip:${n}@`, `sip:${n}A`,
    );
    expect(byNumber).toContain('calls_to_party');
    expect(byNumber).toContain('calls_from_party');
    expect(byNumber).not.toMatch(/SCAN c\b(?! USING)/);
  });
});
