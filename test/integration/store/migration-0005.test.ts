/** 0005: the scheduler's table, and "what is due next" served by its partial index. */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../../src-main/store/database.js';
import { readUserVersion } from '../../../src-main/store/migrate.js';
import { SqliteScheduledCallRepository } from '../../../src-main/store/sqlite-scheduled-call-repository.js';
import { useTempDir } from './support.js';

const temp = useTempDir();

function plan(db: ReturnType<typeof openDatabase>, sql: string, ...args: unknown[]): string {
  return (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...args) as Array<{ detail: string }>).map((row) => row.detail).join(' | ');
}

describe('migration 0005 (scheduled calls)', () => {
  it('creates scheduled_calls and answers "what is due next" from the partial index, without a sort', () => {
    const db = temp.track(openDatabase(join(temp.dir(), 'calls.sqlite')));
    expect(readUserVersion(db)).toBeGreaterThanOrEqual(5);
    const next = plan(db, "SELECT id, scheduled_at FROM contact_centre_calls WHERE phase = 'scheduled' AND scheduled_at > ? ORDER BY scheduled_at, seq LIMIT 1", 0);
    expect(next).toContain('contact_centre_scheduled_due');
    expect(next).not.toContain('TEMP B-TREE');
  });

  it('reads a scheduled call stored before 0005 (no scheduler row yet) as scheduled and waiting', () => {
    const db = temp.track(openDatabase(join(temp.dir(), 'calls.sqlite')));
    db.prepare(
      `INSERT INTO contact_centre_calls (id, has_leg, phase, call_type, lang, end_user_number, recording_permission, created_at, scheduled_at)
       VALUES ('a', 0, 'scheduled', 'Voice Scheduled (API)', 'en', '+14155550123', 'recording_permission_not_asked', 1, 5000)`,
    ).run();
    const repo = new SqliteScheduledCallRepository(db);
    expect(repo.get('a')).toMatchObject({ id: 'a', due: 5000, stage: 'waiting', target: '+14155550123' });
    expect(repo.status('a')).toBe('scheduled');
    expect(repo.nextAfter(0)).toEqual({ id: 'a', due: 5000 });
    expect(repo.claim('a', 4000)).toBe(true);
    expect(repo.claim('a', 4001)).toBe(false);
    expect(repo.status('a')).toBe('queued');
    expect(repo.claimsWithoutLeg()).toEqual(['a']);
  });
});
