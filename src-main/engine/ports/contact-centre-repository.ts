import type { CallRecord } from '../call-record.js';
import type { ContactCentreRecord } from '../contact-centre/contact-centre-record.js';
import type { Contact, NewContact } from '../contact-centre/contact.js';

/** A call as the API lists it: its telephony leg (if it has one) and its contact-centre side. */
export interface ApiCallRow {
  readonly call: CallRecord | null;
  readonly cc: ContactCentreRecord | null;
}

export interface ApiCallFilter {
  readonly states?: readonly string[];
  /** Legless phases to include (scheduled, awaiting_number, cancelled); undefined: all. */
  readonly phases?: readonly string[];
  readonly direction?: 'OUTGOING' | 'INCOMING';
  /** Digits or text that appears in the far party or end-user number. */
  readonly number?: string;
  /** Legless cancelled rows: keep only these fail_reasons (in) or drop these (notIn). Scheduled calls' outcomes. */
  readonly leglessFailReasons?: { readonly in?: readonly string[]; readonly notIn?: readonly string[] };
  /** Epoch ms, inclusive from, exclusive to. */
  readonly from?: number;
  readonly to?: number;
}

/** The contact-centre side of calls, and the contacts directory. Synchronous, durable on return. */
export interface ContactCentreRepository {
  get(id: string): ContactCentreRecord | undefined;
  /** Insert or replace the record with this id. */
  save(record: ContactCentreRecord): void;
  /** Newest first; the cursor is opaque. */
  list(filter: ApiCallFilter, limit: number, before?: string): { rows: ApiCallRow[]; nextCursor: string | null };
  /** Every row count (calls + contact-centre + contacts): lets tests prove a refusal wrote nothing. */
  countRows(): number;

  addContact(contact: NewContact): Contact;
  listContacts(): Contact[];
  contactByTicket(ticketId: string): Contact | undefined;
  contactById(id: number): Contact | undefined;
  /** Replace the contact's fields (ticket_ids as a whole list); undefined when there is no such contact. */
  updateContact(id: number, contact: NewContact): Contact | undefined;
}
