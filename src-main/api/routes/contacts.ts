/** The contacts directory over REST: the end users behind CRM tickets (seed 004's ticket_id). */
import { z } from 'zod';
import { ContactPatchInput, NewContactInput } from '../../contract/contact.js';
import { contactFromInput, contactPatchFromInput } from '../../engine/contact-centre/contact-input.js';
import type { ContactCentreService } from '../../engine/contact-centre/contact-centre-service.js';
import type { SettingsSource } from '../../engine/ports/settings.js';
import { apiError, type ApiRoute } from '../api-route.js';

/** The one schema set for contact input, shared with the desk contract (contacts.create / update). */
export const NewContactBody = NewContactInput;
export const ContactPatchBody = ContactPatchInput;

const ContactSchema = z.object({
  id: z.number().int(),
  name: z.string(),
  phone_number: z.string(),
  ticket_ids: z.array(z.string()),
});

export function contactRoutes(service: ContactCentreService, settings: SettingsSource): ApiRoute[] {
  return [
    {
      method: 'POST',
      path: '/v1/contacts',
      summary: 'Add a contact: { name, phone_number, ticket_ids }',
      bodySchema: NewContactBody,
      responseSchema: ContactSchema,
      handle: (request) => {
        const body = request.body as NewContactInput;
        return { status: 201, body: service.addContact(contactFromInput(body, settings.current())) };
      },
    },
    {
      method: 'PATCH',
      path: '/v1/contacts/:id',
      summary: 'Change a contact: any of { name, phone_number, ticket_ids } (ticket_ids replaces the list)',
      bodySchema: ContactPatchBody,
      responseSchema: ContactSchema,
      handle: (request) => {
        const id = Number(request.params.id);
        if (!Number.isSafeInteger(id) || id < 1) return apiError(404, `Contact ${String(request.params.id).slice(0, 40)} is not found`);
        const body = request.body as ContactPatchInput;
        return { status: 200, body: service.updateContact(id, contactPatchFromInput(body, settings.current())) };
      },
    },
    {
      method: 'GET',
      path: '/v1/contacts',
      summary: 'Every contact',
      responseSchema: z.object({ contacts: z.array(ContactSchema) }),
      handle: () => ({ status: 200, body: { contacts: service.listContacts() } }),
    },
  ];
}
