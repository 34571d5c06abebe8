/**
 * What the dial field suggests as the agent types: contacts whose name or number matches, then
 * recent parties from the loaded history. Pure, so it is unit-tested without a page.
 *
 * Matching: a name matches when any word starts with the typed text (case-insensitive, so "lee"
 * finds "Ann Lee" but "nn" does not find it); a number matches when the typed digits (at least 2,
 * and only when the text is all digits and phone punctuation) appear anywhere in its digits.
 */
import type { CallSnapshot } from '../../../src-main/contract/call.js';
import type { DeskContact } from '../../../src-main/contract/contact.js';
import { displayAddress, partyOf, remoteAddress } from '../../stores/words.js';

export interface DialSuggestion {
  /** Unique within one list; used for the option's DOM id. */
  readonly key: string;
  readonly kind: 'contact' | 'recent';
  /** The name (or the number when there is no name). */
  readonly label: string;
  /** The number as people read it. */
  readonly detail: string;
  /** What picking it puts in the dial field (then dialled as typed). */
  readonly target: string;
}

export const MAX_SUGGESTIONS = 6;

export function dialSuggestions(
  typed: string,
  contacts: readonly DeskContact[],
  history: readonly CallSnapshot[],
  limit = MAX_SUGGESTIONS,
): DialSuggestion[] {
  const text = typed.trim().toLowerCase();
  if (text === '') return [];
  const out: DialSuggestion[] = [];
  const seenTargets = new Set<string>();

  for (const contact of contacts) {
    if (!nameMatches(contact.name, text) && !numberMatches(contact.phone_number, text)) continue;
    seenTargets.add(digitsKey(contact.phone_number));
    out.push({
      key: `contact-${contact.id}`,
      kind: 'contact',
      label: contact.name,
      detail: displayAddress(contact.phone_number),
      target: contact.phone_number,
    });
  }

  for (const call of history) {
    const address = remoteAddress(call);
    const target = dialableOf(address);
    if (target === '' || seenTargets.has(digitsKey(target))) continue;
    const party = partyOf(call);
    if (!(party.name !== null && nameMatches(party.name, text)) && !numberMatches(target, text) && !textMatches(party.address, text)) continue;
    seenTargets.add(digitsKey(target));
    out.push({ key: `recent-${call.id}`, kind: 'recent', label: party.label, detail: party.address, target });
  }
  return out.slice(0, limit);
}

function nameMatches(name: string, text: string): boolean {
  const lower = name.toLowerCase();
  if (lower.startsWith(text)) return true;
  return lower.split(/[\s\-.,']+/).some((word) => word.startsWith(text));
}

function numberMatches(number: string, text: string): boolean {
  if (!/^\+?[\d\s().\-/]+$/.test(text)) return false;
  const digits = text.replace(/\D/g, '');
  return digits.length >= 2 && number.replace(/\D/g, '').includes(digits);
}

function textMatches(address: string, text: string): boolean {
  return text.length >= 2 && address.toLowerCase().includes(text);
}

/** What the dial field can take for a stored address: the number or extension, else user@host. */
function dialableOf(address: string): string {
  const shown = displayAddress(address);
  return /^\+?[\d\s().-]+$/.test(shown) ? shown.replace(/[^\d+]/g, '') : shown;
}

/** Numbers are the same party whatever their punctuation; SIP addresses compare as text. */
function digitsKey(target: string): string {
  return /^\+?[\d\s().-]+$/.test(target) ? target.replace(/\D/g, '') : target.toLowerCase();
}
