import { describe, expect, it } from 'vitest';
import { DeskError } from '../../../src-main/contract/result.js';
import { domainOf, resolveDialTarget } from '../../../src-main/engine/dial-plan.js';

const us = { domain: 'sip.example.com', defaultCountry: 'US' };
const gb = { domain: 'sip.example.com', defaultCountry: 'GB' };

describe('dial plan', () => {
  it.each([
    ['(415) 555-0123', us, '+14155550123'],
    ['415.555.0123', us, '+14155550123'],
    ['+1 205-123-4567', us, '+12051234567'],
    ['020 7946 0018', gb, '+442079460018'],
    ['+44 20 7946 0018', us, '+442079460018'],
    ['0049 30 1234567', gb, '+49301234567'],
  ])('reads %s as the E.164 number %s', (typed, options, e164) => {
    const target = resolveDialTarget(typed, options);
    expect(target).toEqual({ kind: 'phone', display: e164, uri: `sip:${e164}@sip.example.com` });
  });

  it.each(['1002', '112', '911', '999', '*97', '#31#', '100 2'])('dials the short code or extension %s as typed', (typed) => {
    const digits = typed.replace(/\s/g, '');
    expect(resolveDialTarget(typed, us)).toEqual({ kind: 'extension', display: digits, uri: `sip:${digits}@sip.example.com` });
  });

  it.each([
    ['sip:alice@example.org', 'sip:alice@example.org'],
    ['alice@example.org', 'sip:alice@example.org'],
    ['sips:bob@pbx.example.org:5061', 'sips:bob@pbx.example.org:5061'],
    ['  sip:1003@10.0.0.5 ', 'sip:1003@10.0.0.5'],
  ])('dials the SIP address %s as it is', (typed, uri) => {
    expect(resolveDialTarget(typed, us)).toMatchObject({ kind: 'sip', uri });
  });

  it.each([
    ['hello', 'is not a phone number, extension or SIP address'],
    ['1-800-FLOWERS', 'is not a phone number, extension or SIP address'],
    ['sip:@example.org', 'is not a valid SIP address'],
    ['alice@', 'is not a valid SIP address'],
    ['1234567', 'is not a complete phone number for US'],
    ['+99912', 'is not a complete phone number'],
    ['   ', 'Type a number or SIP address to call'],
  ])('refuses %s with a clear message', (typed, message) => {
    try {
      resolveDialTarget(typed, us);
      expect.unreachable('should have thrown');
    } catch (error) {
      expect(error).toBeInstanceOf(DeskError);
      expect((error as DeskError).code).toBe('invalid_target');
      expect((error as DeskError).message).toContain(message);
    }
  });

  it('finds the domain of an address of record', () => {
    expect(domainOf('sip:agent1@sip.example.com')).toBe('sip.example.com');
    expect(domainOf('sip:agent1@sip.example.com;transport=ws')).toBe('sip.example.com');
    expect(domainOf('nonsense')).toBe('');
  });
});
