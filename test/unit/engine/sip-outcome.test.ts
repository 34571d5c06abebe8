import { describe, expect, it } from 'vitest';
import { isAnsweredElsewhere, outcomeOfFinalResponse } from '../../../src-main/engine/sip-outcome.js';

describe('SIP final response → state and end reason', () => {
  it.each([
    [486, 'BUSY', 'busy'],
    [600, 'BUSY', 'busy'],
    [603, 'REJECTED', 'declined'],
    [403, 'REJECTED', 'rejected'],
    [404, 'FAILED', 'not_found'],
    [484, 'FAILED', 'not_found'],
    [604, 'FAILED', 'not_found'],
    [480, 'FAILED', 'unavailable'],
    [408, 'NOT_ANSWERED', 'no_answer'],
    [487, 'NOT_ANSWERED', 'no_answer'],
    [488, 'FAILED', 'failed'],
    [500, 'FAILED', 'failed'],
    [503, 'FAILED', 'failed'],
  ] as const)('%i → %s (%s)', (code, state, endReason) => {
    expect(outcomeOfFinalResponse(code)).toEqual({ state, endReason });
  });
});

describe('answered elsewhere (RFC 3326 Reason on CANCEL)', () => {
  it.each([
    ['SIP;cause=200;text="Call completed elsewhere"', true],
    ['SIP ; cause=200', true],
    ['Q.850;cause=16, SIP;cause=200;text="x"', true],
    ['SIP;cause=487;text="Request terminated"', false],
    ['SIP;cause=2000', false],
    ['Q.850;cause=200', false],
    [undefined, false],
    ['', false],
  ])('%s → %s', (header, expected) => {
    expect(isAnsweredElsewhere(header)).toBe(expected);
  });
});
