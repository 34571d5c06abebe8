import type { CallRecord, NewCallRecord } from '../call-record.js';

/** Where call records live. Every method is synchronous and durable when it returns. */
export interface CallRepository {
  /** Persist a new record and return it with its callid. */
  insert(record: NewCallRecord): CallRecord;
  /** Persist the whole record (matched by id). */
  update(record: CallRecord): void;
  get(id: string): CallRecord | undefined;
  getByCallid(callid: number): CallRecord | undefined;
  /** Newest first (create_time, then callid). `before` is an opaque cursor from a previous page. */
  listRecent(limit: number, before?: string): { records: CallRecord[]; nextCursor: string | null };
  /** Records not in a terminal state, oldest first. */
  listLive(): CallRecord[];
}
