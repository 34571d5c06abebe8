import type BetterSqlite3 from 'better-sqlite3';
import { DatabaseTooNewError, MigrationError } from './errors.js';
import { MIGRATIONS, type Migration } from './migrations/index.js';

export function readUserVersion(db: BetterSqlite3.Database): number {
  return db.pragma('user_version', { simple: true }) as number;
}

/**
 * Brings the database up to the last of `migrations`: every pending migration runs in ONE
 * immediate transaction, and `user_version` is set inside it, so a crash or a failing
 * migration leaves the file exactly at its previous version.
 *
 * @returns the version before and after.
 * @throws DatabaseTooNewError when the file is above the last migration (nothing is written).
 * @throws MigrationError when a migration fails (everything is rolled back).
 */
export function applyMigrations(
  db: BetterSqlite3.Database,
  migrations: readonly Migration[] = MIGRATIONS,
): { from: number; to: number } {
  assertSequence(migrations);
  const latest = migrations.at(-1)?.version ?? 0;
  const run = db.transaction(() => {
    const current = readUserVersion(db);
    if (current > latest) throw new DatabaseTooNewError(db.name, current, latest);
    for (const migration of migrations) {
      if (migration.version <= current) continue;
      try {
        migration.up(db);
      } catch (error) {
        throw new MigrationError(db.name, migration.version, migration.name, error);
      }
    }
    // PRAGMA takes no bound parameters; `latest` is a checked integer from our own list.
    if (latest > current) db.pragma(`user_version = ${latest}`);
    return { from: current, to: Math.max(current, latest) };
  });
  return run.immediate();
}

function assertSequence(migrations: readonly Migration[]): void {
  migrations.forEach((migration, index) => {
    if (migration.version !== index + 1 || !Number.isSafeInteger(migration.version)) {
      throw new Error(
        `migration list is broken: entry ${index} (${migration.name}) has version ` +
          `${migration.version}, expected ${index + 1}`,
      );
    }
  });
}
