/** Every migration, in order. Append only. */
import type { Migration } from './migration.js';
import { migration0001 } from './0001-calls.js';
import { migration0003 } from './0003-group-calls.js';
import { migration0004 } from './0004-conferences.js';

export type { Migration } from './migration.js';

/**
 * Version 2 belongs to issue 3 (its 0002 file lands in another branch). Until the branches
 * merge, this no-op holds its place so that 0003 keeps the numbering gap-free.
 * MERGE: replace this entry with issue 3's migration0002.
 */
const reserved0002: Migration = { version: 2, name: 'reserved-for-issue-3', up: () => undefined };

export const MIGRATIONS: readonly Migration[] = [migration0001, reserved0002, migration0003, migration0004];

/** The schema version this build writes; a database above it is refused. */
export const LATEST_SCHEMA_VERSION: number = MIGRATIONS.at(-1)?.version ?? 0;
