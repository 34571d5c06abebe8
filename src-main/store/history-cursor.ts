/**
 * The opaque `before` cursor of call history: base64url of "<create_time ms>:<callid>",
 * the key of the last record of the previous page.
 */
import { InvalidCursorError } from './errors.js';

export interface HistoryKey {
  readonly createTime: number;
  readonly callid: number;
}

const MAX_CURSOR_LENGTH = 64;
const BASE64URL = /^[A-Za-z0-9_-]+$/;
const KEY = /^(-?\d{1,16}):(\d{1,16})$/;

export function encodeHistoryCursor(key: HistoryKey): string {
  return Buffer.from(`${key.createTime}:${key.callid}`, 'utf8').toString('base64url');
}

/** @throws InvalidCursorError for anything `encodeHistoryCursor` could not have produced. */
export function decodeHistoryCursor(cursor: unknown): HistoryKey {
  if (typeof cursor !== 'string' || cursor.length > MAX_CURSOR_LENGTH || !BASE64URL.test(cursor)) {
    throw new InvalidCursorError(cursor);
  }
  const bytes = Buffer.from(cursor, 'base64url');
  // Node's decoder skips junk silently; only the canonical spelling is a cursor we made.
  if (bytes.toString('base64url') !== cursor) throw new InvalidCursorError(cursor);
  const match = KEY.exec(bytes.toString('utf8'));
  const createTime = Number(match?.[1]);
  const callid = Number(match?.[2]);
  if (!match || !Number.isSafeInteger(createTime) || !Number.isSafeInteger(callid) || callid < 1) {
    throw new InvalidCursorError(cursor);
  }
  return { createTime, callid };
}
