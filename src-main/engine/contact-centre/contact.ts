/** A directory entry: the end user behind one or more CRM tickets (seed 004's ticket_id). */
export interface Contact {
  readonly id: number;
  readonly name: string;
  readonly phone_number: string;
  readonly ticket_ids: readonly string[];
}

export type NewContact = Omit<Contact, 'id'>;
