/**
 * Opening the one writer connection to the call database.
 */
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { DatabaseTooNewError } from './errors.js';
import { applyMigrations, readUserVersion } from './migrate.js';
import { LATEST_SCHEMA_VERSION } from './migrations/index.js';

export type Database = BetterSqlite3.Database;

export const BUSY_TIMEOUT_MS = 5000;

/**
 * Opens (creating if needed) the database at `file`, sets the connection pragmas and applies
 * pending migrations.
 *
 * - journal_mode=WAL; synchronous=FULL, set explicitly because better-sqlite3's build defaults
 *   WAL to NORMAL, which can lose the last commits on power loss, and a call record must
 *   survive a crash once `insert`/`update` returned.
 * - foreign_keys=ON, busy_timeout=5000.
 *
 * @throws DatabaseTooNewError when the file comes from a newer app; the file is left as it was
 *   (the version is read before any pragma that could write, such as journal_mode).
 */
export function openDatabase(file: string): Database {
  if (file !== ':memory:' && !file.startsWith('file:')) {
    mkdirSync(dirname(file), { recursive: true });
  }
  const db = new BetterSqlite3(file, { timeout: BUSY_TIMEOUT_MS });
  try {
    db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
    const version = readUserVersion(db);
    if (version > LATEST_SCHEMA_VERSION) {
      throw new DatabaseTooNewError(file, version, LATEST_SCHEMA_VERSION);
    }
    // On a file system without WAL support (some network shares) SQLite keeps its rollback
    // journal; with synchronous=FULL commits are durable there too, so we carry on.
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = ON');
    applyMigrations(db);
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}
