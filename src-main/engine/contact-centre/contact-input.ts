/**
 * Contact input from any door (REST `POST`/`PATCH /v1/contacts`, the desk's contacts.create /
 * contacts.update) turned into what the contacts service stores. The one place that reads a
 * contact's phone number, so both doors accept and refuse the same numbers with the same words.
 */
import type { ContactPatchInput, NewContactInput } from '../../contract/contact.js';
import { DeskError } from '../../contract/result.js';
import type { Settings } from '../../contract/settings.js';
import type { NewContact } from './contact.js';
import { possibleNumber } from './create-call-request.js';

export const PHONE_NUMBER_NOT_WELL_FORMED = 'phone_number is not well-formed';

/** A validated new contact with its number in E.164; throws bad_request for a number that is not possible. */
export function contactFromInput(input: NewContactInput, settings: Settings): NewContact {
  return { name: input.name, phone_number: e164(input.phone_number, settings), ticket_ids: input.ticket_ids };
}

/** The fields to change, the number (when given) in E.164. */
export function contactPatchFromInput(input: ContactPatchInput, settings: Settings): Partial<NewContact> {
  return {
    ...(input.name === undefined ? {} : { name: input.name }),
    ...(input.phone_number === undefined ? {} : { phone_number: e164(input.phone_number, settings) }),
    ...(input.ticket_ids === undefined ? {} : { ticket_ids: input.ticket_ids }),
  };
}

function e164(raw: string, settings: Settings): string {
  const number = possibleNumber(raw, settings.dial.default_country);
  if (number === undefined) throw new DeskError('bad_request', PHONE_NUMBER_NOT_WELL_FORMED);
  return number;
}
