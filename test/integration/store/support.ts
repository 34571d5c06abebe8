/** Helpers for the store's file-backed tests: a temp dir per test and call record builders. */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach } from 'vitest';
import type { NewCallRecord } from '../../../src-main/engine/call-record.js';
import type { Database } from '../../../src-main/store/database.js';

/**
 * A fresh temp dir for the current test; databases registered with `track` are closed and the
 * dir removed after the test.
 */
export function useTempDir(): { dir(): string; track(db: Database): Database } {
  let current: string | undefined;
  const open: Database[] = [];
  afterEach(() => {
    for (const db of open.splice(0)) if (db.open) db.close();
    if (current) rmSync(current, { recursive: true, force: true });
    current = undefined;
  });
  return {
    dir() {
      current ??= mkdtempSync(join(tmpdir(), 'store-test-'));
      return current;
    },
    track(db) {
      open.push(db);
      return db;
    },
  };
}

export function newCall(overrides: Partial<NewCallRecord> = {}): NewCallRecord {
  return {
    id: randomUUID(),
    direction: 'OUTGOING',
    state: 'QUEUED',
    end_reason: null,
    from: 'sip:agent1@example.com',
    to: '+442071838750',
    remote_name: null,
    labels: {},
    timeout_seconds: 30,
    create_method: 'DESK',
    originating_call: null,
    sip_call_id: null,
    error_code: null,
    error_message: null,
    create_time: 1_760_000_000_000,
    start_time: null,
    ring_time: null,
    answer_time: null,
    end_time: null,
    held: false,
    muted: false,
    ...overrides,
  };
}
