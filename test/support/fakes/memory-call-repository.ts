/** In-memory CallRepository for engine unit tests (the SQLite one has its own tests). */
import { TERMINAL_STATES } from '../../../src-main/contract/call.js';
import type { CallRecord, NewCallRecord } from '../../../src-main/engine/call-record.js';
import type { CallRepository } from '../../../src-main/engine/ports/call-repository.js';

export class MemoryCallRepository implements CallRepository {
  readonly records = new Map<string, CallRecord>();
  #nextCallid = 1;

  insert(record: NewCallRecord): CallRecord {
    const stored = { ...record, callid: this.#nextCallid++ };
    this.records.set(stored.id, stored);
    return stored;
  }

  update(record: CallRecord): void {
    if (!this.records.has(record.id)) throw new Error(`no record ${record.id}`);
    this.records.set(record.id, record);
  }

  get(id: string): CallRecord | undefined {
    return this.records.get(id);
  }

  getByCallid(callid: number): CallRecord | undefined {
    return [...this.records.values()].find((record) => record.callid === callid);
  }

  listRecent(limit: number): { records: CallRecord[]; nextCursor: string | null } {
    const records = [...this.records.values()].sort((a, b) => b.create_time - a.create_time || b.callid - a.callid);
    return { records: records.slice(0, limit), nextCursor: null };
  }

  listLive(): CallRecord[] {
    return [...this.records.values()].filter((record) => !TERMINAL_STATES.has(record.state));
  }
}
