/** An API call that waits for the agent to pick the outbound number it is placed from (seed 004's 202). */
import { z } from 'zod';

export const NumberChoice = z.object({
  id: z.string(),
  end_user_number: z.string(),
  outbound_numbers: z.array(z.string()),
});
export type NumberChoice = z.infer<typeof NumberChoice>;
