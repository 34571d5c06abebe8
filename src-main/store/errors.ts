/**
 * Typed errors of the store. Each has a stable `code`; the ones a caller can cause
 * (a bad cursor, a bad settings value) are DeskErrors so the dispatcher can answer with them
 * as they are.
 */
import { DeskError } from '../contract/result.js';

/**
 * The database file was written by a newer app (its `PRAGMA user_version` is above the newest
 * migration this build knows). It is refused untouched: running old code on a newer schema
 * could lose data.
 */
export class DatabaseTooNewError extends Error {
  readonly code = 'database_too_new';
  readonly file: string;
  readonly fileVersion: number;
  readonly supportedVersion: number;
  constructor(file: string, fileVersion: number, supportedVersion: number) {
    super(
      `${file} was written by a newer version of this app (database version ${fileVersion}; ` +
        `this version understands up to ${supportedVersion}). ` +
        `Use a newer app version to open it; the file has not been changed.`,
    );
    this.name = 'DatabaseTooNewError';
    this.file = file;
    this.fileVersion = fileVersion;
    this.supportedVersion = supportedVersion;
  }
}

/** A migration threw; the whole batch was rolled back and the file is at its previous version. */
export class MigrationError extends Error {
  readonly code = 'migration_failed';
  readonly file: string;
  readonly version: number;
  constructor(file: string, version: number, name: string, cause: unknown) {
    super(
      `${file}: database migration ${version} (${name}) failed, nothing was changed: ` +
        `${cause instanceof Error ? cause.message : String(cause)}`,
      { cause },
    );
    this.name = 'MigrationError';
    this.file = file;
    this.version = version;
  }
}

/** `before` was not a cursor this store handed out. */
export class InvalidCursorError extends DeskError {
  constructor(cursor: unknown) {
    const shown =
      typeof cursor === 'string'
        ? `"${cursor.length > 40 ? `${cursor.slice(0, 40)}…` : cursor}"`
        : typeof cursor;
    super(
      'bad_request',
      `before: ${shown} is not a valid history cursor; pass the next_cursor of a previous page, ` +
        'or leave it out to start from the newest call',
    );
    this.name = 'InvalidCursorError';
  }
}

/** A page size outside what the store serves in one main-thread query. */
export class InvalidPageSizeError extends DeskError {
  constructor(limit: unknown, max: number) {
    super('bad_request', `limit: must be a whole number from 1 to ${max} (got ${String(limit)})`);
    this.name = 'InvalidPageSizeError';
  }
}

/** `update()` for a record the store does not hold (or whose callid does not match its id). */
export class CallRecordNotFoundError extends DeskError {
  constructor(id: string, callid: number) {
    super('not_found', `no stored call record with id ${id} and callid ${callid}`);
    this.name = 'CallRecordNotFoundError';
  }
}

/** A stored row that no longer reads as a CallRecord (edited by hand, or a bug). */
export class CorruptCallRecordError extends DeskError {
  readonly callid: number;
  constructor(callid: number, column: string, problem: string) {
    super('internal', `stored call ${callid}: column ${column} ${problem}`);
    this.name = 'CorruptCallRecordError';
    this.callid = callid;
  }
}

/** One problem in a settings document: where (`sip.server`, empty for the whole document) and what. */
export interface SettingsProblem {
  readonly path: string;
  readonly message: string;
}

/** Settings (from a patch or built in code) that do not satisfy the contract's schema. */
export class SettingsInvalidError extends DeskError {
  readonly problems: readonly SettingsProblem[];
  constructor(problems: readonly SettingsProblem[]) {
    super('settings_invalid', problems.map(formatProblem).join('; '));
    this.name = 'SettingsInvalidError';
    this.problems = problems;
  }
}

/**
 * settings.json cannot be used. The message names the file, then the key path and the problem,
 * e.g. `/data/settings.json: sip.server: must be a WebSocket URL starting with wss:// or ws://`.
 */
export class SettingsFileError extends DeskError {
  readonly file: string;
  readonly problems: readonly SettingsProblem[];
  /** 1-based position of a JSON syntax error, when that is the problem. */
  readonly line: number | null;
  readonly column: number | null;
  constructor(
    file: string,
    problems: readonly SettingsProblem[],
    position?: { line: number; column: number },
  ) {
    super('settings_invalid', `${file}: ${problems.map(formatProblem).join('; ')}`);
    this.name = 'SettingsFileError';
    this.file = file;
    this.problems = problems;
    this.line = position?.line ?? null;
    this.column = position?.column ?? null;
  }
}

function formatProblem(problem: SettingsProblem): string {
  return problem.path === '' ? problem.message : `${problem.path}: ${problem.message}`;
}
