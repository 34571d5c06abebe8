/**
 * CallRepository on the `calls` table. Every method is one autocommit statement, durable when
 * it returns (the connection runs synchronous=FULL, see openDatabase).
 */
import { CALL_STATES, TERMINAL_STATES } from '../contract/call.js';
import type { CallRecord, NewCallRecord } from '../engine/call-record.js';
import type { CallRepository } from '../engine/ports/call-repository.js';
import { ALL_COLUMNS, DATA_COLUMNS, fromRow, toRow, type CallRow, type CallRowData } from './call-row.js';
import type { Database } from './database.js';
import { CallRecordNotFoundError, InvalidPageSizeError } from './errors.js';
import { decodeHistoryCursor, encodeHistoryCursor } from './history-cursor.js';

/** The largest page one `listRecent` call serves (keeps each main-thread query short). */
export const MAX_PAGE_SIZE = 500;

/**
 * Non-terminal states, from the contract. The text must stay identical to the WHERE of the
 * partial index `calls_live` for SQLite to use it; a query-plan test guards that.
 */
export const LIVE_STATES_SQL = CALL_STATES.filter((state) => !TERMINAL_STATES.has(state))
  .map((state) => `'${state}'`)
  .join(', ');

const SELECT = `SELECT ${ALL_COLUMNS.join(', ')} FROM calls`;
const NEWEST_FIRST = 'ORDER BY create_time DESC, callid DESC';

export const HISTORY_FIRST_PAGE_SQL = `${SELECT} ${NEWEST_FIRST} LIMIT ?`;
export const HISTORY_NEXT_PAGE_SQL = `${SELECT} WHERE (create_time, callid) < (?, ?) ${NEWEST_FIRST} LIMIT ?`;
export const LIVE_SQL = `${SELECT} WHERE state IN (${LIVE_STATES_SQL}) ORDER BY create_time, callid`;

export class SqliteCallRepository implements CallRepository {
  readonly #insert;
  readonly #update;
  readonly #get;
  readonly #getByCallid;
  readonly #firstPage;
  readonly #nextPage;
  readonly #live;

  /** `db` must come from openDatabase (migrated, pragmas set). */
  constructor(db: Database) {
    this.#insert = db.prepare<CallRowData>(
      `INSERT INTO calls (${DATA_COLUMNS.join(', ')}) ` +
        `VALUES (${DATA_COLUMNS.map((column) => `@${column}`).join(', ')})`,
    );
    this.#update = db.prepare<CallRow>(
      `UPDATE calls SET ${DATA_COLUMNS.filter((column) => column !== 'id')
        .map((column) => `${column} = @${column}`)
        .join(', ')} WHERE id = @id AND callid = @callid`,
    );
    this.#get = db.prepare<[string], CallRow>(`${SELECT} WHERE id = ?`);
    this.#getByCallid = db.prepare<[number], CallRow>(`${SELECT} WHERE callid = ?`);
    this.#firstPage = db.prepare<[number], CallRow>(HISTORY_FIRST_PAGE_SQL);
    this.#nextPage = db.prepare<[number, number, number], CallRow>(HISTORY_NEXT_PAGE_SQL);
    this.#live = db.prepare<[], CallRow>(LIVE_SQL);
  }

  insert(record: NewCallRecord): CallRecord {
    const info = this.#insert.run(toRow(record));
    return { ...record, callid: Number(info.lastInsertRowid) };
  }

  /** @throws CallRecordNotFoundError when no row has this id and callid (callid never changes). */
  update(record: CallRecord): void {
    const info = this.#update.run({ ...toRow(record), callid: record.callid });
    if (info.changes !== 1) throw new CallRecordNotFoundError(record.id, record.callid);
  }

  get(id: string): CallRecord | undefined {
    const row = this.#get.get(id);
    return row && fromRow(row);
  }

  getByCallid(callid: number): CallRecord | undefined {
    const row = this.#getByCallid.get(callid);
    return row && fromRow(row);
  }

  /**
   * Keyset paging: a page never repeats or skips a record, even while new calls are inserted.
   *
   * @throws InvalidPageSizeError unless 1 ≤ limit ≤ MAX_PAGE_SIZE.
   * @throws InvalidCursorError when `before` is not a cursor from a previous page.
   */
  listRecent(limit: number, before?: string): { records: CallRecord[]; nextCursor: string | null } {
    if (!Number.isInteger(limit) || limit < 1 || limit > MAX_PAGE_SIZE) {
      throw new InvalidPageSizeError(limit, MAX_PAGE_SIZE);
    }
    // One extra row tells whether another page exists, so the last page has no cursor.
    let rows: CallRow[];
    if (before === undefined) {
      rows = this.#firstPage.all(limit + 1);
    } else {
      const key = decodeHistoryCursor(before);
      rows = this.#nextPage.all(key.createTime, key.callid, limit + 1);
    }
    const records = rows.slice(0, limit).map(fromRow);
    const last = records.at(-1);
    const nextCursor =
      rows.length > limit && last
        ? encodeHistoryCursor({ createTime: last.create_time, callid: last.callid })
        : null;
    return { records, nextCursor };
  }

  listLive(): CallRecord[] {
    return this.#live.all().map(fromRow);
  }
}
