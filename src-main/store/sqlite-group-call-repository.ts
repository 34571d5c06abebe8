/**
 * GroupCallRepository on the `group_calls` table (migration 0003). JSON columns are parsed with
 * the contract's schemas on the way out, so a row edited by hand cannot smuggle bad data in.
 */
import { z } from 'zod';
import { Address, AnswerMethod, GroupCallStatus, RingMethod } from '../contract/group-call.js';
import type { GroupCallRecord } from '../engine/group-calls/group-call-record.js';
import type { GroupCallRepository } from '../engine/ports/group-call-repository.js';
import type { Database } from './database.js';

const COLUMNS = [
  'id', 'customer_id', 'name', 'source', 'destinations', 'ring_method', 'answer_method', 'answer_call_id',
  'call_ids', 'status', 'timeout_seconds', 'tm_create', 'tm_update', 'tm_delete',
] as const;

const Row = z.object({
  id: z.string(),
  customer_id: z.string(),
  name: z.string(),
  source: z.string().transform((text) => Address.parse(JSON.parse(text))),
  destinations: z.string().transform((text) => z.array(Address).parse(JSON.parse(text))),
  ring_method: RingMethod,
  answer_method: AnswerMethod,
  answer_call_id: z.string().nullable(),
  call_ids: z.string().transform((text) => z.array(z.string()).parse(JSON.parse(text))),
  status: GroupCallStatus,
  timeout_seconds: z.number().int(),
  tm_create: z.number().int(),
  tm_update: z.number().int().nullable(),
  tm_delete: z.number().int().nullable(),
});

const SELECT = `SELECT ${COLUMNS.join(', ')} FROM group_calls`;

export class SqliteGroupCallRepository implements GroupCallRepository {
  readonly #insert;
  readonly #update;
  readonly #get;
  readonly #list;
  readonly #byName;
  readonly #ringing;

  /** `db` must come from openDatabase (migrated, pragmas set). */
  constructor(db: Database) {
    this.#insert = db.prepare(`INSERT INTO group_calls (${COLUMNS.join(', ')}) VALUES (${COLUMNS.map((c) => `@${c}`).join(', ')})`);
    this.#update = db.prepare(
      `UPDATE group_calls SET ${COLUMNS.filter((c) => c !== 'id').map((c) => `${c} = @${c}`).join(', ')} WHERE id = @id`,
    );
    this.#get = db.prepare(`${SELECT} WHERE id = ?`);
    this.#list = db.prepare(`${SELECT} WHERE tm_delete IS NULL ORDER BY seq DESC LIMIT ?`);
    this.#byName = db.prepare(`${SELECT} WHERE name = ? AND tm_delete IS NULL ORDER BY seq DESC LIMIT 1`);
    this.#ringing = db.prepare(`${SELECT} WHERE status = 'ringing' ORDER BY seq`);
  }

  insert(record: GroupCallRecord): void {
    this.#insert.run(toRow(record));
  }

  update(record: GroupCallRecord): void {
    const result = this.#update.run(toRow(record));
    if (result.changes !== 1) throw new Error(`No group call with id ${record.id} to update`);
  }

  get(id: string): GroupCallRecord | undefined {
    const row = this.#get.get(id);
    return row === undefined ? undefined : Row.parse(row);
  }

  list(limit: number): GroupCallRecord[] {
    return this.#list.all(limit).map((row) => Row.parse(row));
  }

  findByName(name: string): GroupCallRecord | undefined {
    const row = this.#byName.get(name);
    return row === undefined ? undefined : Row.parse(row);
  }

  listRinging(): GroupCallRecord[] {
    return this.#ringing.all().map((row) => Row.parse(row));
  }
}

function toRow(record: GroupCallRecord): Record<(typeof COLUMNS)[number], string | number | null> {
  return {
    id: record.id,
    customer_id: record.customer_id,
    name: record.name,
    source: JSON.stringify(record.source),
    destinations: JSON.stringify(record.destinations),
    ring_method: record.ring_method,
    answer_method: record.answer_method,
    answer_call_id: record.answer_call_id,
    call_ids: JSON.stringify(record.call_ids),
    status: record.status,
    timeout_seconds: record.timeout_seconds,
    tm_create: record.tm_create,
    tm_update: record.tm_update,
    tm_delete: record.tm_delete,
  };
}
