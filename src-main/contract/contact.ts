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
