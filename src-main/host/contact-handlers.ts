/**
 * The desk's contacts.create and contacts.update: the REST routes' rules (contact-input.ts and the
 * contacts service), so the desk and integrations accept and refuse the same input.
 */
import type { ContactCentreService } from '../engine/contact-centre/contact-centre-service.js';
import type { Contact } from '../engine/contact-centre/contact.js';
import { contactFromInput, contactPatchFromInput } from '../engine/contact-centre/contact-input.js';
import type { SettingsSource } from '../engine/ports/settings.js';
import type { MethodHandlers } from '../transport/dispatcher.js';

export function createContactHandlers(
  service: ContactCentreService,
  settings: SettingsSource,
): Pick<MethodHandlers, 'contacts.create' | 'contacts.update'> {
  return {
    'contacts.create': (input) => plain(service.addContact(contactFromInput(input, settings.current()))),
    'contacts.update': ({ id, patch }) => plain(service.updateContact(id, contactPatchFromInput(patch, settings.current()))),
  };
}

/** The contract's mutable shape of a stored (readonly) contact. */
export function plain(contact: Contact): { id: number; name: string; phone_number: string; ticket_ids: string[] } {
  return { ...contact, ticket_ids: [...contact.ticket_ids] };
}
