/**
 * ScheduledCallRepository on `scheduled_calls` (migration 0005) joined with
 * `contact_centre_calls` (0002), whose phase says whether a scheduled call is still undialled.
 * Every multi-row write is one IMMEDIATE transaction, committed (synchronous=FULL) before the
 * method returns: the claim is on disk before the scheduler dials.
 */
import type {
  CallbackRow,
  LeglessOutcome,
  ScheduledCallRepository,
} from '../engine/ports/scheduled-call-repository.js';
import { statusOfOutcome } from '../engine/ports/scheduled-call-repository.js';
import type { ScheduledCallStatus } from '../engine/scheduler/scheduled-call-status.js';
import type { ScheduledItem, ScheduleStage } from '../engine/scheduler/scheduled-item.js';
import type { Database } from './database.js';

interface ItemRow {
  id: string;
  scheduled_at: number;
  end_user_number: string | null;
  outbound_number: string | null;
  parent_id: string | null;
  stage: ScheduleStage | null;
  prompted_at: number | null;
  accepted_at: number | null;
  dismissed_at: number | null;
}

interface StageRow {
  id: string;
  status: ScheduledCallStatus;
  stage: ScheduleStage | null;
  prompted_at: number | null;
  accepted_at: number | null;
  dismissed_at: number | null;
  claimed_at: number | null;
  ended_at: number | null;
}

interface ListRow {
  id: string;
  scheduled_at: number;
  end_user_number: string | null;
  parent_id: string | null;
  phase: string;
  fail_reason: string | null;
  status: ScheduledCallStatus | null;
  stage: ScheduleStage | null;
}

const ITEM_SELECT =
  'SELECT cc.id, cc.scheduled_at, cc.end_user_number, cc.outbound_number, cc.parent_id, ' +
  's.stage, s.prompted_at, s.accepted_at, s.dismissed_at ' +
  'FROM contact_centre_calls cc LEFT JOIN scheduled_calls s ON s.id = cc.id';

const LIST_SELECT =
  'SELECT cc.id, cc.scheduled_at, cc.end_user_number, cc.parent_id, cc.phase, cc.fail_reason, s.status, s.stage ' +
  'FROM contact_centre_calls cc LEFT JOIN scheduled_calls s ON s.id = cc.id';

export class SqliteScheduledCallRepository implements ScheduledCallRepository {
  readonly #db: Database;
  readonly #dueBy;
  readonly #nextAfter;
  readonly #get;
  readonly #stageRow;
  readonly #upsert;
  readonly #setDue;
  readonly #claimCc;
  readonly #finishCc;
  readonly #phase;
  readonly #claimsWithoutLeg;
  readonly #upcoming;
  readonly #past;

  constructor(db: Database) {
    this.#db = db;
    this.#dueBy = db.prepare<[number, number], ItemRow>(
      `${ITEM_SELECT} WHERE cc.phase = 'scheduled' AND cc.scheduled_at <= ? ORDER BY cc.scheduled_at, cc.seq LIMIT ?`,
    );
    this.#nextAfter = db.prepare<[number], { id: string; scheduled_at: number }>(
      "SELECT id, scheduled_at FROM contact_centre_calls WHERE phase = 'scheduled' AND scheduled_at > ? ORDER BY scheduled_at, seq LIMIT 1",
    );
    this.#get = db.prepare<[string], ItemRow>(`${ITEM_SELECT} WHERE cc.id = ? AND cc.phase = 'scheduled'`);
    this.#stageRow = db.prepare<[string], StageRow>('SELECT * FROM scheduled_calls WHERE id = ?');
    this.#upsert = db.prepare(
      'INSERT INTO scheduled_calls (id, status, stage, prompted_at, accepted_at, dismissed_at, claimed_at, ended_at) ' +
        'VALUES (@id, @status, @stage, @prompted_at, @accepted_at, @dismissed_at, @claimed_at, @ended_at) ' +
        'ON CONFLICT (id) DO UPDATE SET status = excluded.status, stage = excluded.stage, prompted_at = excluded.prompted_at, ' +
        'accepted_at = excluded.accepted_at, dismissed_at = excluded.dismissed_at, claimed_at = excluded.claimed_at, ended_at = excluded.ended_at',
    );
    this.#setDue = db.prepare<[number, string]>(
      "UPDATE contact_centre_calls SET scheduled_at = ? WHERE id = ? AND phase = 'scheduled'",
    );
    this.#claimCc = db.prepare<[string]>(
      "UPDATE contact_centre_calls SET phase = 'dialled', has_leg = 1 WHERE id = ? AND phase = 'scheduled'",
    );
    this.#finishCc = db.prepare<[string, string, string]>(
      "UPDATE contact_centre_calls SET phase = 'cancelled', has_leg = 0, fail_reason = ?, fail_details = ? " +
        "WHERE id = ? AND (phase = 'scheduled' OR (phase = 'dialled' AND NOT EXISTS (SELECT 1 FROM calls c WHERE c.id = contact_centre_calls.id)))",
    );
    this.#phase = db.prepare<[string], { phase: string; call_type: string | null; fail_reason: string | null }>(
      'SELECT phase, call_type, fail_reason FROM contact_centre_calls WHERE id = ?',
    );
    this.#claimsWithoutLeg = db.prepare<[], { id: string }>(
      "SELECT s.id FROM scheduled_calls s JOIN contact_centre_calls cc ON cc.id = s.id WHERE s.status = 'queued' " +
        "AND cc.phase = 'dialled' AND NOT EXISTS (SELECT 1 FROM calls c WHERE c.id = s.id)",
    );
    this.#upcoming = db.prepare<[number], ListRow>(
      `${LIST_SELECT} WHERE cc.phase = 'scheduled' ORDER BY cc.scheduled_at, cc.seq LIMIT ?`,
    );
    this.#past = db.prepare<[number], ListRow>(
      `${LIST_SELECT} WHERE cc.call_type = 'Voice Scheduled (API)' AND cc.phase <> 'scheduled' ` +
        'ORDER BY cc.scheduled_at DESC, cc.seq DESC LIMIT ?',
    );
  }

  dueBy(until: number, limit: number): ScheduledItem[] {
    return this.#dueBy.all(until, limit).map(itemOf);
  }

  nextAfter(after: number): { id: string; due: number } | undefined {
    const row = this.#nextAfter.get(after);
    return row && { id: row.id, due: row.scheduled_at };
  }

  get(id: string): ScheduledItem | undefined {
    const row = this.#get.get(id);
    return row && itemOf(row);
  }

  setStage(id: string, patch: Partial<Pick<ScheduledItem, 'stage' | 'prompted_at' | 'accepted_at' | 'dismissed_at'>>): void {
    const current = this.#stageOf(id);
    this.#upsert.run({ ...current, ...patch });
  }

  reschedule(id: string, due: number): boolean {
    return this.#db
      .transaction(() => {
        if (this.#setDue.run(due, id).changes === 0) return false;
        this.#upsert.run({ ...this.#stageOf(id), status: 'scheduled', stage: 'waiting', prompted_at: null, accepted_at: null, dismissed_at: null });
        return true;
      })
      .immediate();
  }

  claim(id: string, now: number): boolean {
    return this.#db
      .transaction(() => {
        if (this.#claimCc.run(id).changes === 0) return false;
        this.#upsert.run({ ...this.#stageOf(id), status: 'queued', stage: null, claimed_at: now });
        return true;
      })
      .immediate();
  }

  finish(id: string, outcome: LeglessOutcome, details: string, now: number): boolean {
    return this.#db
      .transaction(() => {
        if (this.#finishCc.run(outcome, details, id).changes === 0) return false;
        this.#upsert.run({ ...this.#stageOf(id), status: statusOfOutcome(outcome), stage: null, ended_at: now });
        return true;
      })
      .immediate();
  }

  claimsWithoutLeg(): string[] {
    return this.#claimsWithoutLeg.all().map((row) => row.id);
  }

  status(id: string): ScheduledCallStatus | undefined {
    const row = this.#stageRow.get(id);
    const cc = this.#phase.get(id);
    // A row still "scheduled" whose record was ended elsewhere (POST /v1/calls/:id/hangup).
    if (row && !(row.status === 'scheduled' && cc && cc.phase !== 'scheduled')) return row.status;
    if (!cc || cc.call_type !== 'Voice Scheduled (API)') return undefined;
    if (cc.phase === 'scheduled') return 'scheduled';
    return cc.phase === 'cancelled' ? statusOfOutcome(cc.fail_reason) : undefined;
  }

  setStatus(id: string, status: ScheduledCallStatus): void {
    this.#upsert.run({ ...this.#stageOf(id), status });
  }

  upcoming(limit: number): CallbackRow[] {
    return this.#upcoming.all(limit).map(callbackOf);
  }

  past(limit: number): CallbackRow[] {
    return this.#past.all(limit).map(callbackOf);
  }

  /** The stored row, or the implicit one of a scheduled call the scheduler has not touched yet. */
  #stageOf(id: string): StageRow {
    return (
      this.#stageRow.get(id) ?? {
        id,
        status: 'scheduled',
        stage: 'waiting',
        prompted_at: null,
        accepted_at: null,
        dismissed_at: null,
        claimed_at: null,
        ended_at: null,
      }
    );
  }
}

function itemOf(row: ItemRow): ScheduledItem {
  return {
    id: row.id,
    due: row.scheduled_at,
    stage: row.stage ?? 'waiting',
    target: row.end_user_number ?? '',
    outbound_number: row.outbound_number,
    parent_id: row.parent_id,
    prompted_at: row.prompted_at,
    accepted_at: row.accepted_at,
    dismissed_at: row.dismissed_at,
  };
}

function callbackOf(row: ListRow): CallbackRow {
  const stale = row.status === 'scheduled' && row.phase !== 'scheduled';
  const status: ScheduledCallStatus =
    (stale ? null : row.status) ?? (row.phase === 'scheduled' ? 'scheduled' : row.phase === 'cancelled' ? statusOfOutcome(row.fail_reason) : 'queued');
  return {
    id: row.id,
    due: row.scheduled_at,
    target: row.end_user_number ?? '',
    parent_id: row.parent_id,
    stage: row.phase === 'scheduled' ? (row.stage ?? 'waiting') : null,
    status,
    fail_reason: row.fail_reason,
  };
}
