/** ConferenceRepository on the `conferences` and `conferencecalls` tables (migration 0004). */
import type { ConferenceRecord, ConferencecallRecord } from '../engine/conference/conference-record.js';
import type { ConferenceRepository } from '../engine/ports/conference-repository.js';
import type { Database } from './database.js';

const CONFERENCE_COLUMNS = ['id', 'customer_id', 'name', 'status', 'tm_create', 'tm_update', 'tm_delete'] as const;
const CALL_COLUMNS = [
  'id',
  'customer_id',
  'conference_id',
  'reference_id',
  'status',
  'role',
  'supervisor_mode',
  'supervisor_name',
  'tm_create',
  'tm_update',
  'tm_delete',
] as const;

const SELECT_CONFERENCE = `SELECT ${CONFERENCE_COLUMNS.join(', ')} FROM conferences`;
const SELECT_CALL = `SELECT ${CALL_COLUMNS.join(', ')} FROM conferencecalls`;

function insertSql(table: string, columns: readonly string[]): string {
  return `INSERT INTO ${table} (${columns.join(', ')}) VALUES (${columns.map((c) => `@${c}`).join(', ')})`;
}
function updateSql(table: string, columns: readonly string[]): string {
  return `UPDATE ${table} SET ${columns.filter((c) => c !== 'id').map((c) => `${c} = @${c}`).join(', ')} WHERE id = @id`;
}

export class SqliteConferenceRepository implements ConferenceRepository {
  readonly #insertConference;
  readonly #updateConference;
  readonly #getConference;
  readonly #listConferences;
  readonly #liveConferences;
  readonly #insertCall;
  readonly #updateCall;
  readonly #getCall;
  readonly #callsOf;
  readonly #listCalls;
  readonly #activeByCall;

  constructor(db: Database) {
    this.#insertConference = db.prepare<ConferenceRecord>(insertSql('conferences', CONFERENCE_COLUMNS));
    this.#updateConference = db.prepare<ConferenceRecord>(updateSql('conferences', CONFERENCE_COLUMNS));
    this.#getConference = db.prepare<[string], ConferenceRecord>(`${SELECT_CONFERENCE} WHERE id = ?`);
    this.#listConferences = db.prepare<[number], ConferenceRecord>(`${SELECT_CONFERENCE} ORDER BY tm_create DESC LIMIT ?`);
    this.#liveConferences = db.prepare<[], ConferenceRecord>(
      `${SELECT_CONFERENCE} WHERE status <> 'terminated' ORDER BY tm_create`,
    );
    this.#insertCall = db.prepare<ConferencecallRecord>(insertSql('conferencecalls', CALL_COLUMNS));
    this.#updateCall = db.prepare<ConferencecallRecord>(updateSql('conferencecalls', CALL_COLUMNS));
    this.#getCall = db.prepare<[string], ConferencecallRecord>(`${SELECT_CALL} WHERE id = ?`);
    this.#callsOf = db.prepare<[string], ConferencecallRecord>(`${SELECT_CALL} WHERE conference_id = ? ORDER BY seq`);
    this.#listCalls = db.prepare<[number], ConferencecallRecord>(`${SELECT_CALL} ORDER BY seq DESC LIMIT ?`);
    this.#activeByCall = db.prepare<[string], ConferencecallRecord>(
      `${SELECT_CALL} WHERE reference_id = ? AND status <> 'leaved' ORDER BY seq DESC LIMIT 1`,
    );
  }

  insertConference(record: ConferenceRecord): void {
    this.#insertConference.run(record);
  }
  updateConference(record: ConferenceRecord): void {
    this.#updateConference.run(record);
  }
  getConference(id: string): ConferenceRecord | undefined {
    return this.#getConference.get(id);
  }
  listConferences(limit: number): ConferenceRecord[] {
    return this.#listConferences.all(limit);
  }
  listLiveConferences(): ConferenceRecord[] {
    return this.#liveConferences.all();
  }
  insertConferencecall(record: ConferencecallRecord): void {
    this.#insertCall.run(record);
  }
  updateConferencecall(record: ConferencecallRecord): void {
    this.#updateCall.run(record);
  }
  getConferencecall(id: string): ConferencecallRecord | undefined {
    return this.#getCall.get(id);
  }
  listConferencecallsOf(conferenceId: string): ConferencecallRecord[] {
    return this.#callsOf.all(conferenceId);
  }
  listConferencecalls(limit: number): ConferencecallRecord[] {
    return this.#listCalls.all(limit);
  }
  findActiveByCall(callId: string): ConferencecallRecord | undefined {
    return this.#activeByCall.get(callId);
  }
}
