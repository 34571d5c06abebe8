import { describe, expect, it } from 'vitest';
import { dtmfRelayBody, parseDtmfRelay } from '../../../../src-renderer/sip/dtmf-relay.js';
import { FIRST_RETRY_MS, MAX_RETRY_MS, nextRetryDelay } from '../../../../src-renderer/sip/reconnect-policy.js';
import {
  reasonForRegisterResponse,
  reasonForUnreachable,
} from '../../../../src-renderer/sip/registration-reasons.js';

describe('reconnect policy', () => {
  it('starts quickly and doubles up to a short ceiling, never giving up', () => {
    const middle = () => 0.5; // no jitter
    expect(nextRetryDelay(0, middle)).toBe(FIRST_RETRY_MS);
    expect(nextRetryDelay(1, middle)).toBe(FIRST_RETRY_MS * 2);
    expect(nextRetryDelay(2, middle)).toBe(FIRST_RETRY_MS * 4);
    expect(nextRetryDelay(10, middle)).toBe(MAX_RETRY_MS);
    expect(nextRetryDelay(10_000, middle)).toBe(MAX_RETRY_MS);
  });

  it('spreads retries by ±20 % so desks do not reconnect in lockstep', () => {
    expect(nextRetryDelay(10, () => 0)).toBe(MAX_RETRY_MS * 0.8);
    expect(nextRetryDelay(10, () => 1)).toBe(MAX_RETRY_MS * 1.2);
  });
});

describe('registration failure reasons', () => {
  const account = { user: '1001', domain: 'sip.test', server: 'wss://sip.test/ws' };

  it.each([401, 403, 407])('%i reads as a wrong password, naming user and domain', (code) => {
    expect(reasonForRegisterResponse(code, account)).toMatch(/^Wrong password for 1001 at sip\.test/);
  });

  it('404 says the account is unknown', () => {
    expect(reasonForRegisterResponse(404, account)).toMatch(/1001 is not a known account at sip\.test/);
  });

  it('an unreachable server names the server to check', () => {
    expect(reasonForUnreachable(account)).toContain("Can't reach the SIP server at wss://sip.test/ws");
  });
});

describe('SIP INFO DTMF (application/dtmf-relay)', () => {
  it.each(['0', '5', '9', '*', '#', 'A', 'D'])('round-trips %s', (digit) => {
    expect(parseDtmfRelay(dtmfRelayBody(digit))).toBe(digit);
  });

  it('reads the usual variants and refuses garbage', () => {
    expect(parseDtmfRelay('Signal= 7\r\nDuration= 250\r\n')).toBe('7');
    expect(parseDtmfRelay('signal=b\nduration=100')).toBe('B');
    expect(parseDtmfRelay('Signal=12')).toBeUndefined();
    expect(parseDtmfRelay('')).toBeUndefined();
  });
});
