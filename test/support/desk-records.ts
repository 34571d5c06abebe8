/** Reads a desk's call records straight from its SQLite file (read-only, alongside the host). */
import Database from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { openDatabase } from '../../src-main/store/database.js';
import { SqliteCallRepository } from '../../src-main/store/sqlite-call-repository.js';

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
 * Write `count` finished calls (answered, a minute long, an hour ago and older) into a desk's
 * store, as the app would have left them: for a desk host that is stopped.
 */
export function seedFinishedCalls(dataDir: string, count: number, party = 'sip:2999@sip.test'): void {
  const db = openDatabase(join(dataDir, 'calls.sqlite'));
  try {
    const calls = new SqliteCallRepository(db);
    const hourAgo = Date.now() - 3_600_000;
    for (let i = 0; i < count; i++) {
      const start = hourAgo - i * 120_000;
      calls.insert({
        id: randomUUID(),
        direction: 'INCOMING',
        state: 'COMPLETED',
        end_reason: 'completed',
        from: party,
        to: 'sip:1002@sip.test',
        remote_name: `Seeded caller ${i + 1}`,
        labels: {},
        timeout_seconds: 30,
        create_method: 'INCOMING_CALL',
        originating_call: null,
        sip_call_id: null,
        error_code: null,
        error_message: null,
        create_time: start,
        start_time: start,
        ring_time: start,
        answer_time: start + 5_000,
        end_time: start + 65_000,
        held: false,
        muted: false,
      });
    }
  } finally {
    db.close();
  }
}
