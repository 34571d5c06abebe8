/** Reads a desk's call records straight from its SQLite file (read-only, alongside the host). */
import Database from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
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

/**
 * Write `count` finished calls (answered, a minute long, an hour ago and older) into the store
 * of a desk host that ran once (its migrations made the table) and is stopped now, as the app
 * would have left them (columns of migration 0001).
 */
export function seedFinishedCalls(dataDir: string, count: number, party = 'sip:2999@sip.test'): void {
  const db = new Database(join(dataDir, 'calls.sqlite'), { fileMustExist: true });
  try {
    const insert = db.prepare(
      `INSERT INTO calls (id, direction, state, end_reason, from_party, to_party, remote_name, labels, timeout_seconds,
                          create_method, originating_call, sip_call_id, error_code, error_message,
                          create_time, start_time, ring_time, answer_time, end_time, held, muted)
       VALUES (?, 'INCOMING', 'COMPLETED', 'completed', ?, 'sip:1002@sip.test', ?, '{}', 30,
               'INCOMING_CALL', NULL, NULL, NULL, NULL, ?, ?, ?, ?, ?, 0, 0)`,
    );
    const hourAgo = Date.now() - 3_600_000;
    db.transaction(() => {
      for (let i = 0; i < count; i++) {
        const start = hourAgo - i * 120_000;
        insert.run(randomUUID(), party, `Seeded caller ${i + 1}`, start, start, start, start + 5_000, start + 65_000);
      }
    })();
  } finally {
    db.close();
  }
}
