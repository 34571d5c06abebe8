/** In-memory GroupCallRepository for engine unit tests (the SQLite one has its own tests). */
import type { GroupCallRecord } from '../../../src-main/engine/group-calls/group-call-record.js';
import type { GroupCallRepository } from '../../../src-main/engine/ports/group-call-repository.js';

export class MemoryGroupCallRepository implements GroupCallRepository {
  readonly records = new Map<string, GroupCallRecord>();
  #order: string[] = [];

  insert(record: GroupCallRecord): void {
    this.records.set(record.id, record);
    this.#order.push(record.id);
  }

  update(record: GroupCallRecord): void {
    if (!this.records.has(record.id)) throw new Error(`no group call ${record.id}`);
    this.records.set(record.id, record);
  }

  get(id: string): GroupCallRecord | undefined {
    return this.records.get(id);
  }

  list(limit: number): GroupCallRecord[] {
    return this.#newestFirst().filter((record) => record.tm_delete === null).slice(0, limit);
  }

  findByName(name: string): GroupCallRecord | undefined {
    return this.#newestFirst().find((record) => record.tm_delete === null && record.name === name);
  }

  listRinging(): GroupCallRecord[] {
    return [...this.records.values()].filter((record) => record.status === 'ringing');
  }

  #newestFirst(): GroupCallRecord[] {
    return [...this.#order].reverse().map((id) => this.records.get(id)!);
  }
}
