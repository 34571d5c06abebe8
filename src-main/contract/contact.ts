/**
 * A contacts directory entry as the desk sees it (the local API's `GET /v1/contacts`): the end
 * user behind CRM tickets. The group call panel rings contacts by their E.164 number. Pure: zod only.
 */
import { z } from 'zod';

export const DeskContact = z.object({
  id: z.number().int(),
  name: z.string(),
  /** E.164, as the contacts service stores it. */
  phone_number: z.string(),
  ticket_ids: z.array(z.string()),
});
export type DeskContact = z.infer<typeof DeskContact>;

/** A new contact, as REST `POST /v1/contacts` and the desk's contacts.create take it. */
export const NewContactInput = z
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
export const ContactPatchInput = NewContactInput.partial()
  .extend({
    ticket_ids: z
      .array(z.union([z.string().min(1).max(100), z.number().int()]).transform(String), { error: 'ticket_ids must be a list of ticket ids' })
      .max(100, 'at most 100 ticket_ids')
      .refine((ids) => new Set(ids).size === ids.length, 'ticket_ids must not repeat')
      .optional(),
  })
  .strict()
  .refine((body) => Object.keys(body).length > 0, 'Give at least one of name, phone_number, ticket_ids');
export type NewContactInput = z.output<typeof NewContactInput>;
export type ContactPatchInput = z.output<typeof ContactPatchInput>;
