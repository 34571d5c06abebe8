/** Reads a desk's call records straight from its SQLite file (read-only, alongside the host). */
import Database from 'better-sqlite3';
import { join } from 'node:path';

export interface StoredCall {
  id: string;
  direction: string;
  state: string;
  end_reason: string | null;
  error_code: string | null;
  error_message: string | null;
  create_time: number;
  ring_time: number | null;
  answer_time: number | null;
  end_time: number | null;
  originating_call: string | null;
  create_method: string;
  to_party: string;
}

export function storedCalls(dataDir: string): StoredCall[] {
  const db = new Database(join(dataDir, 'calls.sqlite'), { readonly: true, fileMustExist: true });
  try {
    return db
      .prepare(
        `SELECT id, direction, state, end_reason, error_code, error_message, create_time, ring_time, answer_time, end_time,
                originating_call, create_method, to_party
           FROM calls ORDER BY callid`,
      )
      .all() as StoredCall[];
  } finally {
    db.close();
  }
}
