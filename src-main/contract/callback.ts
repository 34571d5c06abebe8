/** Callbacks (scheduled calls) as the desk sees them: the Callbacks panel and the pre-due prompt. */
import { z } from 'zod';

const IsoTime = z
  .string()
  .refine((text) => /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:\d{2})$/.test(text), {
    message: 'must be an ISO 8601 time with a zone, such as 2030-01-31T09:30:00Z',
  });

export const CALLBACK_STATUSES = [
  'scheduled', 'queued', 'connecting', 'connected', 'finished', 'failed', 'cancelled', 'expired', 'missed',
] as const;

export const Callback = z.object({
  /** The one record id: the scheduled call and, once dialled, its call. */
  id: z.string(),
  /** ISO 8601, UTC. */
  due_at: z.string(),
  target: z.string(),
  /** The earlier call this callback follows up, if any. */
  parent_id: z.string().nullable(),
  /** Before the dial: waiting / prompted / accepted (the agent is reserved). */
  stage: z.enum(['waiting', 'prompted', 'accepted']).nullable(),
  status: z.enum(CALLBACK_STATUSES),
  fail_reason: z.string().nullable(),
});
export type Callback = z.infer<typeof Callback>;

export const CallbackList = z.object({ upcoming: z.array(Callback), past: z.array(Callback) });
export type CallbackList = z.infer<typeof CallbackList>;

export const CallbackPrompt = z.object({
  id: z.string(),
  target: z.string(),
  due_at: z.string(),
  accepted: z.boolean(),
});
export type CallbackPrompt = z.infer<typeof CallbackPrompt>;

export const ScheduleCallback = z
  .object({
    target: z.string().trim().min(1, 'Enter a number or SIP address to call back').max(256),
    scheduled_at: IsoTime,
    parent_id: z.string().max(64).nullable().optional(),
  })
  .strict();

export const RescheduleCallback = z
  .object({ id: z.string().min(1).max(64), scheduled_at: IsoTime })
  .strict();

export const CallbackIds = z
  .object({ ids: z.array(z.string().min(1).max(64)).min(1, 'ids must list at least one call id').max(500) })
  .strict();
