import { describe, expect, it } from 'vitest';
import { InvalidCursorError } from '../../../src-main/store/errors.js';
import { decodeHistoryCursor, encodeHistoryCursor } from '../../../src-main/store/history-cursor.js';

describe('history cursor', () => {
  it.each([
    { createTime: 1_760_000_000_123, callid: 1 },
    { createTime: 0, callid: Number.MAX_SAFE_INTEGER },
    { createTime: -5, callid: 42 },
  ])('round-trips %o', (key) => {
    const cursor = encodeHistoryCursor(key);
    expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeHistoryCursor(cursor)).toEqual(key);
  });

  it('is base64url of "ms:callid"', () => {
    expect(Buffer.from(encodeHistoryCursor({ createTime: 1000, callid: 7 }), 'base64url').toString()).toBe('1000:7');
  });

  it.each([
    ['a number', 5],
    ['null', null],
    ['padding', `${encodeHistoryCursor({ createTime: 1, callid: 2 })}==`],
    ['standard base64 alphabet', 'MTAwMDo3+/'],
    ['unsafe integer', Buffer.from('99999999999999999:1').toString('base64url')],
    ['a float', Buffer.from('1.5:1').toString('base64url')],
    ['spaces', Buffer.from(' 1:1').toString('base64url')],
  ])('rejects %s', (_label, cursor) => {
    expect(() => decodeHistoryCursor(cursor)).toThrow(InvalidCursorError);
  });
});
