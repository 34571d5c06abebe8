import type BetterSqlite3 from 'better-sqlite3';

/**
 * One schema step. `version` is the `PRAGMA user_version` the database has after `up` ran;
 * versions start at 1 and have no gaps. A migration, once released, is never edited: a change
 * to the schema is a new migration.
 */
export interface Migration {
  readonly version: number;
  readonly name: string;
  /** Runs inside the caller's transaction; must not BEGIN/COMMIT or change connection pragmas. */
  up(db: BetterSqlite3.Database): void;
}
