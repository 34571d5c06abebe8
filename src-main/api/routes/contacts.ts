/** The contacts directory over REST: the end users behind CRM tickets (seed 004's ticket_id). */
import { z } from 'zod';
import { possibleNumber } from '../../engine/contact-centre/create-call-request.js';
import type { ContactCentreService } from '../../engine/contact-centre/contact-centre-service.js';
import type { SettingsSource } from '../../engine/ports/settings.js';
import { apiError, type ApiRoute } from '../api-route.js';

export const NewContactBody = z
  .object({
    name: z.string({ error: 'name is required' }).trim().min(1, 'name is required').max(200, 'name is at most 200 characters'),
    phone_number: z.string({ error: 'phone_number is required' }).max(64),
    ticket_ids: z
      .array(z.union([z.string().min(1).max(100), z.number().int()]).transform(String), {
        error: 'ticket_ids must be a list of ticket ids',
      })
      .max(100, 'at most 100 ticket_ids')
      .default([])
      .refine((ids) => new Set(ids).size === ids.length, 'ticket_ids must not repeat'),
  })
  .strict();

/** PATCH: any of the fields; ticket_ids replaces the whole list. */
export const ContactPatchBody = NewContactBody.partial()
  .extend({
    ticket_ids: z
      .array(z.union([z.string().min(1).max(100), z.number().int()]).transform(String), { error: 'ticket_ids must be a list of ticket ids' })
      .max(100, 'at most 100 ticket_ids')
      .refine((ids) => new Set(ids).size === ids.length, 'ticket_ids must not repeat')
      .optional(),
  })
  .strict()
  .refine((body) => Object.keys(body).length > 0, 'Give at least one of name, phone_number, ticket_ids');

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
        const body = request.body as z.infer<typeof NewContactBody>;
        const number = possibleNumber(body.phone_number, settings.current().dial.default_country);
        if (number === undefined) return apiError(400, 'phone_number is not well-formed');
        return { status: 201, body: service.addContact({ name: body.name, phone_number: number, ticket_ids: body.ticket_ids }) };
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
        const body = request.body as z.infer<typeof ContactPatchBody>;
        let phone_number: string | undefined;
        if (body.phone_number !== undefined) {
          phone_number = possibleNumber(body.phone_number, settings.current().dial.default_country);
          if (phone_number === undefined) return apiError(400, 'phone_number is not well-formed');
        }
        return {
          status: 200,
          body: service.updateContact(id, {
            ...(body.name === undefined ? {} : { name: body.name }),
            ...(phone_number === undefined ? {} : { phone_number }),
            ...(body.ticket_ids === undefined ? {} : { ticket_ids: body.ticket_ids }),
          }),
        };
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
