/** The desk: the agent's status, the SIP registration as the renderer reports it, and desk ownership. */
import { z } from 'zod';

export const AgentStatus = z.enum(['available', 'away']);
export type AgentStatus = z.infer<typeof AgentStatus>;

/**
 * Registration as the SIP adapter sees it.
 *   unconfigured ──► registering ──► registered
 *                        ▲   │            │
 *                        │   ▼            ▼
 *                    reconnecting ◄── failed (reason)
 */
export const RegistrationState = z.enum([
  'unconfigured',
  'registering',
  'registered',
  'reconnecting',
  'failed',
]);
export type RegistrationState = z.infer<typeof RegistrationState>;

export const Registration = z.object({
  state: RegistrationState,
  /** A sentence a person understands: "Wrong password for 1001 at sip.test". */
  reason: z.string().nullable(),
  /** When state is reconnecting: the epoch ms of the next attempt. */
  next_attempt_at: z.number().nullable(),
});
export type Registration = z.infer<typeof Registration>;

export const DeskRole = z.object({
  /** True on the one connection that carries calls; every other tab is told the desk is elsewhere. */
  active: z.boolean(),
});
export type DeskRole = z.infer<typeof DeskRole>;
