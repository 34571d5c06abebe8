/**
 * The one place where a CallRecord becomes a `calls` row and back.
 */
import type { z } from 'zod';
import { Labels, MAX_LABEL_KEYS, type CallState, type CreateMethod, type Direction, type EndReason } from '../contract/call.js';
import { DeskError } from '../contract/result.js';
import type { CallRecord, NewCallRecord } from '../engine/call-record.js';
import { CorruptCallRecordError } from './errors.js';

/** A `calls` row as better-sqlite3 returns it (column names of migration 0001). */
export interface CallRow {
  callid: number;
  id: string;
  direction: string;
  state: string;
  end_reason: string | null;
  from_party: string;
  to_party: string;
  remote_name: string | null;
  labels: string;
  timeout_seconds: number;
  create_method: string;
  originating_call: string | null;
  sip_call_id: string | null;
  error_code: string | null;
  error_message: string | null;
  create_time: number;
  start_time: number | null;
  ring_time: number | null;
  answer_time: number | null;
  end_time: number | null;
  held: number;
  muted: number;
}

/** Every column but callid, in a fixed order: the insert/update column list. */
export const DATA_COLUMNS = [
  'id',
  'direction',
  'state',
  'end_reason',
  'from_party',
  'to_party',
  'remote_name',
  'labels',
  'timeout_seconds',
  'create_method',
  'originating_call',
  'sip_call_id',
  'error_code',
  'error_message',
  'create_time',
  'start_time',
  'ring_time',
  'answer_time',
  'end_time',
  'held',
  'muted',
] as const satisfies readonly (keyof CallRow)[];

export const ALL_COLUMNS = ['callid', ...DATA_COLUMNS] as const;

export type CallRowData = Omit<CallRow, 'callid'>;

/**
 * Labels are checked on the way in as well as out, so that a row that could not be read back
 * is never written.
 *
 * @throws DeskError('bad_request') when the labels break the contract's limits.
 */
export function toRow(record: NewCallRecord): CallRowData {
  return {
    id: record.id,
    direction: record.direction,
    state: record.state,
    end_reason: record.end_reason,
    from_party: record.from,
    to_party: record.to,
    remote_name: record.remote_name,
    labels: serializeLabels(record.labels),
    timeout_seconds: record.timeout_seconds,
    create_method: record.create_method,
    originating_call: record.originating_call,
    sip_call_id: record.sip_call_id,
    error_code: record.error_code,
    error_message: record.error_message,
    create_time: record.create_time,
    start_time: record.start_time,
    ring_time: record.ring_time,
    answer_time: record.answer_time,
    end_time: record.end_time,
    held: record.held ? 1 : 0,
    muted: record.muted ? 1 : 0,
  };
}

/**
 * The enum columns are guarded by CHECK constraints and the table is STRICT, so only the JSON
 * column needs checking on the way out.
 */
export function fromRow(row: CallRow): CallRecord {
  return {
    id: row.id,
    callid: row.callid,
    direction: row.direction as Direction,
    state: row.state as CallState,
    end_reason: row.end_reason as EndReason | null,
    from: row.from_party,
    to: row.to_party,
    remote_name: row.remote_name,
    labels: parseLabels(row),
    timeout_seconds: row.timeout_seconds,
    create_method: row.create_method as CreateMethod,
    originating_call: row.originating_call,
    sip_call_id: row.sip_call_id,
    error_code: row.error_code,
    error_message: row.error_message,
    create_time: row.create_time,
    start_time: row.start_time,
    ring_time: row.ring_time,
    answer_time: row.answer_time,
    end_time: row.end_time,
    held: row.held === 1,
    muted: row.muted === 1,
  };
}

function serializeLabels(labels: Labels): string {
  const parsed = Labels.safeParse(labels);
  if (!parsed.success) throw new DeskError('bad_request', `labels: ${firstMessage(parsed.error.issues)}`);
  return JSON.stringify(parsed.data);
}

/** zod reports a bad record key as "Invalid key in record"; the contract's words are inside. */
function firstMessage(issues: readonly z.core.$ZodIssue[]): string {
  const issue = issues[0];
  if (!issue) return 'invalid';
  if (issue.code === 'invalid_key') return firstMessage(issue.issues);
  return issue.message;
}

/**
 * Labels were validated against the contract (keys, sizes) when they were written, and only
 * toRow writes them: on the way out a JSON.parse and a cheap shape check (an object of strings)
 * is enough to catch a row edited behind our back, without running zod on every row of a page.
 */
function parseLabels(row: CallRow): Labels {
  if (row.labels === '{}') return {};
  let value: unknown;
  try {
    value = JSON.parse(row.labels);
  } catch {
    throw new CorruptCallRecordError(row.callid, 'labels', 'is not valid JSON');
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new CorruptCallRecordError(row.callid, 'labels', 'does not hold valid labels (not a JSON object)');
  }
  const labels = value as Record<string, unknown>;
  let keys = 0;
  for (const key in labels) {
    keys++;
    if (typeof labels[key] !== 'string' || key === '') {
      throw new CorruptCallRecordError(row.callid, 'labels', `does not hold valid labels (${key === '' ? 'an empty key' : `${key} is not a string`})`);
    }
  }
  if (keys > MAX_LABEL_KEYS) {
    throw new CorruptCallRecordError(row.callid, 'labels', `does not hold valid labels (more than ${MAX_LABEL_KEYS} keys)`);
  }
  return labels as Labels;
}
