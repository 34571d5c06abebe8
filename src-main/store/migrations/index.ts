/** Every migration, in order. Append only. */
import type { Migration } from './migration.js';
import { migration0001 } from './0001-calls.js';
import { migration0004 } from './0004-conferences.js';

export type { Migration } from './migration.js';

// MERGE NOTE (issue 5): conferences are migration 4. Until 0002 (issue 3) and 0003 (issue 4)
// are merged, this branch applies it in the next free place; the lead lists migration0004
// itself after migration0003 and drops this spread.
export const MIGRATIONS: readonly Migration[] = [migration0001, { ...migration0004, version: 2 }];

/** The schema version this build writes; a database above it is refused. */
export const LATEST_SCHEMA_VERSION: number = MIGRATIONS.at(-1)?.version ?? 0;
