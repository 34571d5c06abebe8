/**
 * ContactCentreRepository on `contact_centre_calls`, `contacts` and `contact_tickets`
 * (migration 0002), joined with `calls` for the API's call list.
 *
 * The list merges two keyset-paged queries, newest first: telephony legs (with their
 * contact-centre side when they have one) and calls that have no leg yet (scheduled, waiting
 * for a number, cancelled). The cursor orders by (time, has-leg, sequence) so pages never
 * repeat or skip a call.
 */
import type BetterSqlite3 from 'better-sqlite3';
import type { CallRecord } from '../engine/call-record.js';
import type { CallType, RecordingPermission } from '../engine/contact-centre/call-types.js';
import type { Contact, NewContact } from '../engine/contact-centre/contact.js';
import type { CcPhase, ContactCentreRecord } from '../engine/contact-centre/contact-centre-record.js';
import type {
  ApiCallFilter,
  ApiCallRow,
  ContactCentreRepository,
} from '../engine/ports/contact-centre-repository.js';
import { ALL_COLUMNS, fromRow, type CallRow } from './call-row.js';
import type { Database } from './database.js';
import { InvalidCursorError, InvalidPageSizeError } from './errors.js';

export const MAX_API_PAGE_SIZE = 200;

const CC_COLUMNS = [
  'id', 'has_leg', 'phase', 'call_type', 'lang', 'parent_id', 'menu_id', 'ticket_id', 'end_user_number',
  'outbound_number', 'recording_permission', 'agent_email', 'state_update_uri', 'created_at', 'scheduled_at',
  'verified_customer', 'bad_actor', 'repeat_customer', 'hold_ms', 'hold_started_at', 'fail_reason', 'fail_details',
] as const;

const CC_SELECT = [...CC_COLUMNS, 'seq'].map((column) => `cc.${column} AS cc_${column}`).join(', ');
const CALL_SELECT = ALL_COLUMNS.map((column) => `c.${column} AS ${column}`).join(', ');

interface PageKey {
  readonly time: number;
  readonly leg: 0 | 1;
  readonly n: number;
}

export class SqliteContactCentreRepository implements ContactCentreRepository {
  readonly #db: Database;
  readonly #get;
  readonly #save;
  readonly #statements = new Map<string, BetterSqlite3.Statement<unknown[], unknown>>();
  readonly #insertContact;
  readonly #insertTicket;
  readonly #contactById;
  readonly #ticketsOf;
  readonly #contactByTicket;
  readonly #contacts;
  readonly #updateContact;
  readonly #dropTickets;
  readonly #count;

  constructor(db: Database) {
    this.#db = db;
    this.#get = db.prepare<[string], Record<string, unknown>>(`SELECT ${CC_SELECT} FROM contact_centre_calls cc WHERE cc.id = ?`);
    this.#save = db.prepare(
      `INSERT INTO contact_centre_calls (${CC_COLUMNS.join(', ')}) VALUES (${CC_COLUMNS.map((c) => `@${c}`).join(', ')}) ` +
        `ON CONFLICT (id) DO UPDATE SET ${CC_COLUMNS.filter((c) => c !== 'id').map((c) => `${c} = excluded.${c}`).join(', ')}`,
    );
    this.#insertContact = db.prepare<[string, string]>('INSERT INTO contacts (name, phone_number) VALUES (?, ?)');
    this.#insertTicket = db.prepare<[string, number]>('INSERT INTO contact_tickets (ticket_id, contact_id) VALUES (?, ?)');
    this.#updateContact = db.prepare<[string, string, number]>('UPDATE contacts SET name = ?, phone_number = ? WHERE id = ?');
    this.#dropTickets = db.prepare<[number]>('DELETE FROM contact_tickets WHERE contact_id = ?');
    this.#contactById = db.prepare<[number], { id: number; name: string; phone_number: string }>(
      'SELECT id, name, phone_number FROM contacts WHERE id = ?',
    );
    this.#ticketsOf = db.prepare<[number], { ticket_id: string }>(
      'SELECT ticket_id FROM contact_tickets WHERE contact_id = ? ORDER BY ticket_id',
    );
    this.#contactByTicket = db.prepare<[string], { contact_id: number }>(
      'SELECT contact_id FROM contact_tickets WHERE ticket_id = ?',
    );
    this.#contacts = db.prepare<[], { id: number; name: string; phone_number: string }>(
      'SELECT id, name, phone_number FROM contacts ORDER BY id',
    );
    this.#count = db.prepare<[], { n: number }>(
      'SELECT (SELECT count(*) FROM calls) + (SELECT count(*) FROM contact_centre_calls) + ' +
        '(SELECT count(*) FROM contacts) + (SELECT count(*) FROM contact_tickets) + (SELECT count(*) FROM media) AS n',
    );
  }

  get(id: string): ContactCentreRecord | undefined {
    const row = this.#get.get(id);
    return row && ccFromRow(row);
  }

  save(record: ContactCentreRecord): void {
    this.#save.run(toCcRow(record));
  }

  countRows(): number {
    return this.#count.get()?.n ?? 0;
  }

  /**
   * @throws InvalidPageSizeError unless 1 ≤ limit ≤ MAX_API_PAGE_SIZE.
   * @throws InvalidCursorError for a cursor this method did not hand out.
   */
  list(filter: ApiCallFilter, limit: number, before?: string): { rows: ApiCallRow[]; nextCursor: string | null } {
    if (!Number.isInteger(limit) || limit < 1 || limit > MAX_API_PAGE_SIZE) {
      throw new InvalidPageSizeError(limit, MAX_API_PAGE_SIZE);
    }
    const key = before === undefined ? undefined : decodeKey(before);
    // Rows become records only once they made the page: half of what both queries return.
    const merged: Array<{ key: PageKey; leg: (CallRow & Record<string, unknown>) | null; cc: Record<string, unknown> | null }> = [];
    if (filter.states === undefined || filter.states.length > 0) {
      for (const row of this.#legs(filter, limit + 1, key)) {
        merged.push({ key: { time: row.create_time, leg: 1, n: row.callid }, leg: row, cc: row.cc_id === null ? null : row });
      }
    }
    if ((filter.phases === undefined || filter.phases.length > 0) && filter.direction === undefined) {
      for (const row of this.#legless(filter, limit + 1, key)) {
        merged.push({ key: { time: row.cc_created_at as number, leg: 0, n: row.cc_seq as number }, leg: null, cc: row });
      }
    }
    merged.sort((a, b) => compareKeys(b.key, a.key));
    const page = merged.length > limit ? merged.slice(0, limit) : merged;
    const last = page.at(-1);
    return {
      rows: page.map((entry) => ({ call: entry.leg === null ? null : fromRow(entry.leg), cc: entry.cc === null ? null : ccFromRow(entry.cc) })),
      nextCursor: merged.length > limit && last ? encodeKey(last.key) : null,
    };
  }

  addContact(contact: NewContact): Contact {
    const add = this.#db.transaction(() => {
      const id = Number(this.#insertContact.run(contact.name, contact.phone_number).lastInsertRowid);
      for (const ticket of contact.ticket_ids) this.#insertTicket.run(ticket, id);
      return id;
    });
    const id = add.immediate();
    return { id, ...contact, ticket_ids: [...contact.ticket_ids] };
  }

  listContacts(): Contact[] {
    return this.#contacts.all().map((row) => ({ ...row, ticket_ids: this.#ticketsOf.all(row.id).map((t) => t.ticket_id) }));
  }

  contactById(id: number): Contact | undefined {
    const row = this.#contactById.get(id);
    return row ? { ...row, ticket_ids: this.#ticketsOf.all(row.id).map((t) => t.ticket_id) } : undefined;
  }

  updateContact(id: number, contact: NewContact): Contact | undefined {
    const update = this.#db.transaction(() => {
      if (this.#updateContact.run(contact.name, contact.phone_number, id).changes === 0) return false;
      this.#dropTickets.run(id);
      for (const ticket of contact.ticket_ids) this.#insertTicket.run(ticket, id);
      return true;
    });
    return update.immediate() ? this.contactById(id) : undefined;
  }

  contactByTicket(ticketId: string): Contact | undefined {
    const link = this.#contactByTicket.get(ticketId);
    const row = link && this.#contactById.get(link.contact_id);
    return row ? { ...row, ticket_ids: this.#ticketsOf.all(row.id).map((t) => t.ticket_id) } : undefined;
  }

  #legs(filter: ApiCallFilter, limit: number, key: PageKey | undefined): Array<CallRow & Record<string, string | number | null>> {
    const where: string[] = [];
    const values: Array<string | number> = [];
    if (key) {
      where.push('(c.create_time, c.callid) < (?, ?)');
      values.push(key.time, key.leg === 1 ? key.n : 0);
    }
    if (filter.states) {
      where.push(`c.state IN (${filter.states.map(() => '?').join(', ')})`);
      values.push(...filter.states);
    }
    if (filter.direction) {
      where.push('c.direction = ?');
      values.push(filter.direction);
    }
    const exactNumber = filter.number !== undefined && PHONE_OR_EXTENSION.test(filter.number);
    if (filter.number) {
      if (exactNumber) {
        // Exact, index-served: the far party as the record stores it (E.164 or extension for
        // outgoing calls; the From URI sip:NUMBER@host for incoming ones).
        where.push('(c.to_party = ? OR c.from_party = ? OR (c.from_party >= ? AND c.from_party < ?))');
        values.push(filter.number, filter.number, `sip:${filter.number}@`, `sip:${filter.number}A`);
      } else {
        where.push('(instr(c.to_party, ?) > 0 OR instr(c.from_party, ?) > 0)');
        values.push(filter.number, filter.number);
      }
    }
    if (filter.from !== undefined) {
      where.push('c.create_time >= ?');
      values.push(filter.from);
    }
    if (filter.to !== undefined) {
      where.push('c.create_time < ?');
      values.push(filter.to);
    }
    // With an exact number, the unary + keeps SQLite from walking the whole history index to find
    // a rare number (it would, on a database without ANALYZE statistics): the party indexes find
    // the few rows, and they are sorted.
    const orderBy = exactNumber ? '+c.create_time DESC, c.callid DESC' : 'c.create_time DESC, c.callid DESC';
    const sql =
      `SELECT ${CALL_SELECT}, ${CC_SELECT} FROM calls c LEFT JOIN contact_centre_calls cc ON cc.id = c.id ` +
      `${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY ${orderBy} LIMIT ${sqlLimit(limit)}`;
    return this.#statement(sql).all(...values) as Array<CallRow & Record<string, string | number | null>>;
  }

  #legless(filter: ApiCallFilter, limit: number, key: PageKey | undefined): Array<Record<string, string | number | null>> {
    const where = ['cc.has_leg = 0'];
    const values: Array<string | number> = [];
    if (key) {
      where.push('(cc.created_at, cc.seq) < (?, ?)');
      values.push(key.leg === 0 ? key.time : key.time + 1, key.leg === 0 ? key.n : 0);
    }
    if (filter.phases) {
      where.push(`cc.phase IN (${filter.phases.map(() => '?').join(', ')})`);
      values.push(...filter.phases);
    }
    const reasons = filter.leglessFailReasons;
    if (reasons?.in) {
      where.push(`(cc.phase <> 'cancelled' OR cc.fail_reason IN (${reasons.in.map(() => '?').join(', ') || 'NULL'}))`);
      values.push(...reasons.in);
    }
    if (reasons?.notIn && reasons.notIn.length > 0) {
      where.push(`(cc.phase <> 'cancelled' OR cc.fail_reason IS NULL OR cc.fail_reason NOT IN (${reasons.notIn.map(() => '?').join(', ')}))`);
      values.push(...reasons.notIn);
    }
    if (filter.number) {
      where.push('instr(cc.end_user_number, ?) > 0');
      values.push(filter.number);
    }
    if (filter.from !== undefined) {
      where.push('cc.created_at >= ?');
      values.push(filter.from);
    }
    if (filter.to !== undefined) {
      where.push('cc.created_at < ?');
      values.push(filter.to);
    }
    const sql = `SELECT ${CC_SELECT} FROM contact_centre_calls cc WHERE ${where.join(' AND ')} ORDER BY cc.created_at DESC, cc.seq DESC LIMIT ${sqlLimit(limit)}`;
    return this.#statement(sql).all(...values) as Array<Record<string, string | number | null>>;
  }

  /** Statements are prepared once per filter shape (values are always bound). */
  #statement(sql: string): BetterSqlite3.Statement<unknown[], unknown> {
    let statement = this.#statements.get(sql);
    if (!statement) {
      statement = this.#db.prepare<unknown[], unknown>(sql);
      this.#statements.set(sql, statement);
    }
    return statement;
  }
}

/**
 * The page size as a literal in the SQL, not a bound value: with a bound LIMIT SQLite spends
 * about 40 µs more on the newest-50 page here (measured: test/bench/api-calls.bench.ts). Safe to
 * inline: list() has checked it is a whole number from 1 to MAX_API_PAGE_SIZE (+1), so at most
 * that many statements per filter shape are prepared.
 */
function sqlLimit(limit: number): number {
  if (!Number.isSafeInteger(limit) || limit < 1 || limit > MAX_API_PAGE_SIZE + 1) throw new InvalidPageSizeError(limit, MAX_API_PAGE_SIZE);
  return limit;
}

function compareKeys(a: PageKey, b: PageKey): number {
  return a.time - b.time || a.leg - b.leg || a.n - b.n;
}

const KEY = /^(-?\d{1,16}):([01]):(\d{1,16})$/;
/** An E.164 number or an extension: matched exactly (the routes normalise numbers to E.164). */
const PHONE_OR_EXTENSION = /^\+?\d{2,15}$/;

function encodeKey(key: PageKey): string {
  return Buffer.from(`${key.time}:${key.leg}:${key.n}`, 'utf8').toString('base64url');
}

function decodeKey(cursor: string): PageKey {
  if (cursor.length > 64 || !/^[A-Za-z0-9_-]+$/.test(cursor)) throw new InvalidCursorError(cursor);
  const bytes = Buffer.from(cursor, 'base64url');
  if (bytes.toString('base64url') !== cursor) throw new InvalidCursorError(cursor);
  const match = KEY.exec(bytes.toString('utf8'));
  const time = Number(match?.[1]);
  const n = Number(match?.[3]);
  if (!match || !Number.isSafeInteger(time) || !Number.isSafeInteger(n)) throw new InvalidCursorError(cursor);
  return { time, leg: match[2] === '1' ? 1 : 0, n };
}

function toCcRow(record: ContactCentreRecord): Record<string, string | number | null> {
  return {
    ...record,
    has_leg: record.has_leg ? 1 : 0,
    verified_customer: record.verified_customer ? 1 : 0,
    bad_actor: record.bad_actor ? 1 : 0,
    repeat_customer: record.repeat_customer ? 1 : 0,
  };
}

/** A contact-centre record from a row selected with CC_SELECT (columns prefixed cc_). */
function ccFromRow(row: Record<string, unknown>): ContactCentreRecord {
  return {
    id: row.cc_id as string,
    has_leg: row.cc_has_leg === 1,
    phase: row.cc_phase as CcPhase,
    call_type: row.cc_call_type as CallType | null,
    lang: row.cc_lang as string,
    parent_id: row.cc_parent_id as string | null,
    menu_id: row.cc_menu_id as number | null,
    ticket_id: row.cc_ticket_id as string | null,
    end_user_number: row.cc_end_user_number as string | null,
    outbound_number: row.cc_outbound_number as string | null,
    recording_permission: row.cc_recording_permission as RecordingPermission,
    agent_email: row.cc_agent_email as string | null,
    state_update_uri: row.cc_state_update_uri as string | null,
    created_at: row.cc_created_at as number,
    scheduled_at: row.cc_scheduled_at as number | null,
    verified_customer: row.cc_verified_customer === 1,
    bad_actor: row.cc_bad_actor === 1,
    repeat_customer: row.cc_repeat_customer === 1,
    hold_ms: row.cc_hold_ms as number,
    hold_started_at: row.cc_hold_started_at as number | null,
    fail_reason: row.cc_fail_reason as string | null,
    fail_details: row.cc_fail_details as string | null,
  };
}

export type { CallRecord };
