import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../../src-main/store/database.js';
import { inOneCommit } from '../../../src-main/store/one-commit.js';
import { SqliteCallRepository } from '../../../src-main/store/sqlite-call-repository.js';
import { newCall, useTempDir } from './support.js';

const temp = useTempDir();

/** A writer (the app's connection) and a second connection that sees only what is committed. */
function open(): { db: BetterSqlite3.Database; calls: SqliteCallRepository; committedCount: () => number } {
  const file = join(temp.dir(), 'calls.sqlite');
  const db = temp.track(openDatabase(file));
  const reader = temp.track(new BetterSqlite3(file, { readonly: true }));
  const count = reader.prepare<[], { n: number }>('SELECT count(*) AS n FROM calls');
  return { db, calls: new SqliteCallRepository(db), committedCount: () => count.get()!.n };
}

describe('inOneCommit', () => {
  it('commits everything the work writes together, when the work ends', () => {
    const { db, calls, committedCount } = open();
    const seenDuringWork: number[] = [];
    inOneCommit(db, () => {
      for (let i = 0; i < 3; i++) {
        calls.insert(newCall());
        seenDuringWork.push(committedCount());
      }
    });
    expect(seenDuringWork).toEqual([0, 0, 0]);
    expect(committedCount()).toBe(3);
    expect(db.inTransaction).toBe(false);
  });

  it('returns what the work returns', () => {
    const { db, calls } = open();
    const record = inOneCommit(db, () => calls.insert(newCall({ to: '1002' })));
    expect(calls.get(record.id)?.to).toBe('1002');
  });

  it('keeps what failing work wrote before it threw, as separate commits would, and rethrows', () => {
    const { db, calls, committedCount } = open();
    expect(() =>
      inOneCommit(db, () => {
        calls.insert(newCall());
        throw new Error('the engine refused');
      }),
    ).toThrow('the engine refused');
    expect(committedCount()).toBe(1);
    expect(db.inTransaction).toBe(false);
  });

  it('lets nested work join the outer commit', () => {
    const { db, calls, committedCount } = open();
    let seenAfterInner = -1;
    inOneCommit(db, () => {
      inOneCommit(db, () => calls.insert(newCall()));
      seenAfterInner = committedCount();
      calls.insert(newCall());
    });
    expect(seenAfterInner).toBe(0);
    expect(committedCount()).toBe(2);
  });

  it('rolls back a commit that fails, so the next work can begin', () => {
    const { db, committedCount } = open();
    // A deferred foreign key is checked at COMMIT: the one way to make COMMIT itself fail here.
    db.exec(`CREATE TABLE parent (id INTEGER PRIMARY KEY);
             CREATE TABLE child (parent_id INTEGER REFERENCES parent (id) DEFERRABLE INITIALLY DEFERRED);`);
    const orphans = db.prepare<[], { n: number }>('SELECT count(*) AS n FROM child');
    expect(() => inOneCommit(db, () => db.prepare('INSERT INTO child VALUES (42)').run())).toThrow(/FOREIGN KEY/);
    expect(db.inTransaction).toBe(false);
    expect(orphans.get()!.n).toBe(0);
    const calls = new SqliteCallRepository(db);
    inOneCommit(db, () => calls.insert(newCall()));
    expect(committedCount()).toBe(1);
  });
});
