/**
 * The dial plan: what the agent typed → the SIP URI to call.
 *   - SIP addresses (sip:…, or anything with an @) are dialled as they are.
 *   - Extensions, short codes and emergency numbers (up to 6 digits, or starting with * or #)
 *     are dialled as typed, at the account's SIP domain.
 *   - Other numbers are read as phone numbers with libphonenumber-js in the default country
 *     and dialled in E.164 at the account's SIP domain.
 *   - Anything else is refused with a message that says what would work.
 */
import { isPossiblePhoneNumber, parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js';
import { DeskError } from '../contract/result.js';

export type DialTargetKind = 'sip' | 'extension' | 'phone';

export interface DialTarget {
  readonly kind: DialTargetKind;
  /** What the call record shows as the far party: E.164, the extension, or the SIP address. */
  readonly display: string;
  readonly uri: string;
}

export interface DialPlanOptions {
  /** Host part of the account's SIP address, e.g. "sip.example.com". */
  readonly domain: string;
  readonly defaultCountry: string;
}

const SIP_ADDRESS = /^(?:sips?:)?([^\s@:;]+)@((?:[A-Za-z0-9-]+\.)*[A-Za-z0-9-]+|\[[0-9A-Fa-f:.]+\])(?::(\d{1,5}))?$/;
const SEPARATORS = /[\s().\-/]/g;
const SHORT_CODE = /^(?:[0-9]{1,6}|[*#][0-9*#]{1,15})$/;
const PHONE_DIGITS = /^\+?[0-9]{3,}$/;

export function resolveDialTarget(typed: string, options: DialPlanOptions): DialTarget {
  const text = typed.trim();
  if (text === '') throw new DeskError('invalid_target', 'Type a number or SIP address to call');

  if (text.includes('@') || /^sips?:/i.test(text)) {
    const match = SIP_ADDRESS.exec(text);
    if (!match) {
      throw new DeskError('invalid_target', `“${text}” is not a valid SIP address; write it like sip:name@example.com`);
    }
    const scheme = /^sips:/i.test(text) ? 'sips' : 'sip';
    const port = match[3] ? `:${match[3]}` : '';
    const address = `${match[1]}@${match[2]}${port}`;
    return { kind: 'sip', display: address, uri: `${scheme}:${address}` };
  }

  const compact = text.replace(SEPARATORS, '');
  if (SHORT_CODE.test(compact)) {
    return { kind: 'extension', display: compact, uri: `sip:${compact}@${options.domain}` };
  }

  if (PHONE_DIGITS.test(compact)) {
    const country = options.defaultCountry as CountryCode;
    if (isPossiblePhoneNumber(compact, country)) {
      const number = parsePhoneNumberFromString(compact, country);
      if (number) {
        return { kind: 'phone', display: number.number, uri: `sip:${number.number}@${options.domain}` };
      }
    }
    throw new DeskError(
      'invalid_target',
      `“${text}” is not a complete phone number for ${options.defaultCountry}; check the digits or add the country code (+…)`,
    );
  }

  throw new DeskError(
    'invalid_target',
    `“${text}” is not a phone number, extension or SIP address`,
  );
}

/** Host part of a SIP address of record: sip:agent@example.com → example.com. */
export function domainOf(sipUri: string): string {
  const at = sipUri.lastIndexOf('@');
  return at === -1 ? '' : sipUri.slice(at + 1).split(/[;>:]/)[0] ?? '';
}
