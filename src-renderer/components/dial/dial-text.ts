/**
 * The dial field's live formatting. Phone numbers are formatted as they are typed (libphonenumber
 * AsYouType with the settings' default country); extensions and SIP addresses are left exactly
 * as typed. The dial plan itself runs in main: this only decides what the field shows and sends.
 */
import { AsYouType, type CountryCode } from 'libphonenumber-js';

/** Longest run of digits still read as an internal extension (1001, 20345). */
export const MAX_EXTENSION_DIGITS = 6;

const PHONE_CHARS = /^\+?[\d\s().\-/]*$/;

/** Letters, "@", "sip:" or DTMF symbols: something the dial plan reads, not a phone number. */
export function looksLikeAddress(text: string): boolean {
  return !PHONE_CHARS.test(text.trim());
}

export function looksLikeExtension(text: string): boolean {
  const trimmed = text.trim();
  return !trimmed.startsWith('+') && /^\d*$/.test(trimmed.replace(/[\s().\-/]/g, '')) && digitCount(trimmed) <= MAX_EXTENSION_DIGITS;
}

function digitCount(text: string): number {
  return text.replace(/\D/g, '').length;
}

/** What the field should show for `text`. */
export function formatDialText(text: string, country: string): string {
  if (!text.trim() || looksLikeAddress(text)) return text;
  if (looksLikeExtension(text)) return text.replace(/[\s().\-/]/g, '');
  const formatter = new AsYouType(/^[A-Z]{2}$/.test(country) ? (country as CountryCode) : undefined);
  return formatter.input(text);
}

/** What is sent to `calls.dial`: phone numbers lose their formatting, anything else is sent as typed. */
export function dialTarget(text: string): string {
  const trimmed = text.trim();
  if (looksLikeAddress(trimmed)) return trimmed;
  const plus = trimmed.startsWith('+') ? '+' : '';
  return plus + trimmed.replace(/\D/g, '');
}
