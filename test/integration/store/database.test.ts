import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../../src-main/store/database.js';
import { DatabaseTooNewError, MigrationError } from '../../../src-main/store/errors.js';
import { applyMigrations, readUserVersion } from '../../../src-main/store/migrate.js';
import { LATEST_SCHEMA_VERSION, MIGRATIONS } from '../../../src-main/store/migrations/index.js';
import { useTempDir } from './support.js';

const temp = useTempDir();

function sha256(file: string): string {
  return createHash('sha256').update(readFileSync(file)).digest('hex');
}

describe('openDatabase', () => {
  it('migrates a new file to the latest version', () => {
    const db = temp.track(openDatabase(join(temp.dir(), 'calls.db')));
    expect(LATEST_SCHEMA_VERSION).toBe(MIGRATIONS.length);
    expect(readUserVersion(db)).toBe(LATEST_SCHEMA_VERSION);
  });

  it('runs with WAL, synchronous=FULL, foreign keys and a busy timeout', () => {
    const db = temp.track(openDatabase(join(temp.dir(), 'calls.db')));
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('synchronous', { simple: true })).toBe(2);
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.pragma('busy_timeout', { simple: true })).toBe(5000);
  });

  it('sets the pragmas again on every open (they are per connection)', () => {
    const file = join(temp.dir(), 'calls.db');
    openDatabase(file).close();
    const db = temp.track(openDatabase(file));
    expect(db.pragma('synchronous', { simple: true })).toBe(2);
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(readUserVersion(db)).toBe(LATEST_SCHEMA_VERSION);
  });

  it('creates a missing parent folder', () => {
    const file = join(temp.dir(), 'nested', 'deeper', 'calls.db');
    temp.track(openDatabase(file));
    expect(existsSync(file)).toBe(true);
  });

  it('refuses a database from a newer app and leaves the file unchanged', () => {
    const dir = temp.dir();
    const file = join(dir, 'calls.db');
    openDatabase(file).close();
    const raw = new BetterSqlite3(file);
    raw.pragma('user_version = 999');
    raw.close();
    const before = { hash: sha256(file), entries: readdirSync(dir).sort() };

    let caught: unknown;
    try {
      openDatabase(file);
    } catch (error) {
      caught = error;
    }

    expect(caught).toBeInstanceOf(DatabaseTooNewError);
    const error = caught as DatabaseTooNewError;
    expect(error.code).toBe('database_too_new');
    expect(error.fileVersion).toBe(999);
    expect(error.supportedVersion).toBe(LATEST_SCHEMA_VERSION);
    expect(error.message).toContain(file);
    expect(error.message).toContain('999');
    expect(error.message).toContain(`up to ${LATEST_SCHEMA_VERSION}`);
    expect(error.message).toContain('Use a newer app version');
    expect({ hash: sha256(file), entries: readdirSync(dir).sort() }).toEqual(before);
  });

  it('refuses a newer rollback-journal database without switching it to WAL', () => {
    const dir = temp.dir();
    const file = join(dir, 'old-style.db');
    const raw = new BetterSqlite3(file);
    raw.exec('CREATE TABLE something_newer (x INTEGER)');
    raw.pragma('user_version = 999');
    raw.close();
    const before = { hash: sha256(file), entries: readdirSync(dir).sort() };

    expect(() => openDatabase(file)).toThrow(DatabaseTooNewError);
    expect({ hash: sha256(file), entries: readdirSync(dir).sort() }).toEqual(before);
  });
});

describe('applyMigrations', () => {
  it('does nothing on a database that is already current', () => {
    const db = temp.track(openDatabase(join(temp.dir(), 'calls.db')));
    expect(applyMigrations(db)).toEqual({ from: LATEST_SCHEMA_VERSION, to: LATEST_SCHEMA_VERSION });
  });

  it('applies all pending migrations in one transaction: a failure rolls back the earlier ones', () => {
    const db = temp.track(new BetterSqlite3(join(temp.dir(), 'calls.db')));
    const broken = [
      { version: 1, name: 'first', up: (d: BetterSqlite3.Database) => d.exec('CREATE TABLE a (x INTEGER)') },
      {
        version: 2,
        name: 'second',
        up: (d: BetterSqlite3.Database) => d.exec('CREATE TABLE b (x INTEGER); INSERT INTO nowhere VALUES (1)'),
      },
    ];

    expect(() => applyMigrations(db, broken)).toThrow(MigrationError);
    expect(() => applyMigrations(db, broken)).toThrow(/migration 2 \(second\) failed/);
    expect(readUserVersion(db)).toBe(0);
    const tables = db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table'").pluck().all();
    expect(tables).toEqual([]);
  });

  it('applies only the migrations above the stored version', () => {
    const db = temp.track(new BetterSqlite3(join(temp.dir(), 'calls.db')));
    const ran: number[] = [];
    const list = [1, 2, 3].map((version) => ({
      version,
      name: `m${version}`,
      up: () => void ran.push(version),
    }));
    applyMigrations(db, list.slice(0, 1));
    expect(applyMigrations(db, list)).toEqual({ from: 1, to: 3 });
    expect(ran).toEqual([1, 2, 3]);
    expect(readUserVersion(db)).toBe(3);
  });

  it('refuses a migration list with a gap', () => {
    const db = temp.track(new BetterSqlite3(join(temp.dir(), 'calls.db')));
    const list = [
      { version: 1, name: 'a', up: () => {} },
      { version: 3, name: 'c', up: () => {} },
    ];
    expect(() => applyMigrations(db, list)).toThrow(/expected 2/);
    expect(readUserVersion(db)).toBe(0);
  });
});
