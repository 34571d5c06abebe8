/** Every migration, in order. Append only. */
import type { Migration } from './migration.js';
import { migration0001 } from './0001-calls.js';
import { migration0002 } from './0002-contact-centre.js';
import { migration0003 } from './0003-group-calls.js';
import { migration0004 } from './0004-conferences.js';
import { migration0005 } from './0005-scheduled-calls.js';

export type { Migration } from './migration.js';

export const MIGRATIONS: readonly Migration[] = [migration0001, migration0002, migration0003, migration0004, migration0005];

/** The schema version this build writes; a database above it is refused. */
export const LATEST_SCHEMA_VERSION: number = MIGRATIONS.at(-1)?.version ?? 0;
