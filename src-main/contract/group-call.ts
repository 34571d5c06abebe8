/**
 * The group call resource (seed 000) as it crosses every boundary: REST, the desk contract and
 * the 'groupcall.updated' event. Times are the seed's `YYYY-MM-DD HH:MM:SS.ffffff` (UTC), with
 * `9999-01-01 00:00:00.000000` for "not yet". Pure: zod only.
 */
import { z } from 'zod';
import { TimeoutSeconds } from './call.js';

export const NIL_UUID = '00000000-0000-0000-0000-000000000000';
export const NOT_YET = '9999-01-01 00:00:00.000000';

/** How deep group calls may nest: a group inside a group inside a group, no deeper. */
export const MAX_NESTING_DEPTH = 3;
/** Legs one group call may place in all, nested groups included. */
export const MAX_LEGS = 50;

export const ADDRESS_TYPES = ['tel', 'sip', 'endpoint', 'agent', 'groupcall'] as const;
export const AddressType = z.enum(ADDRESS_TYPES, {
  error: (issue) =>
    `unknown destination type ${JSON.stringify(issue.input)}; use one of ${ADDRESS_TYPES.join(', ')}`,
});
export type AddressType = z.infer<typeof AddressType>;

/** Seed 000's Address. */
export const Address = z
  .object({
    type: AddressType,
    target: z.string().trim().min(1, 'every address needs a target').max(256),
    target_name: z.string().max(256).default(''),
    name: z.string().max(256).default(''),
    detail: z.string().max(1024).default(''),
  })
  .strict();
export type Address = z.infer<typeof Address>;

export const RingMethod = z.enum(['ring_all', 'linear'], {
  error: (issue) => `unknown ring_method ${JSON.stringify(issue.input)}; use ring_all or linear`,
});
export type RingMethod = z.infer<typeof RingMethod>;

export const AnswerMethod = z.enum(['hangup_others'], {
  error: (issue) => `unknown answer_method ${JSON.stringify(issue.input)}; use hangup_others`,
});
export type AnswerMethod = z.infer<typeof AnswerMethod>;

/**
 * Where the group call is (our addition; the seed has none):
 *   ringing ──► answered      a destination answered; the others were hung up
 *      │
 *      ├─────► no_answer     every destination failed (no answer, busy, declined, error)
 *      └─────► hungup        we hung the group up before anyone answered
 */
export const GroupCallStatus = z.enum(['ringing', 'answered', 'no_answer', 'hungup']);
export type GroupCallStatus = z.infer<typeof GroupCallStatus>;

const DEFAULT_LEG_TIMEOUT_SECONDS = 30;

export const CreateGroupCall = z
  .object({
    /** Optional name: shown to the agents who are rung, and how other group calls nest this one. */
    name: z.string().trim().max(64).regex(/^[^\r\n]*$/, 'name must be one line').default(''),
    source: Address.optional(),
    destinations: z.array(Address).min(1, 'destinations must list at least one address').max(MAX_LEGS),
    ring_method: RingMethod.default('ring_all'),
    answer_method: AnswerMethod.default('hangup_others'),
    /** How long each leg rings before it counts as not answered (linear moves on then). */
    timeout_seconds: TimeoutSeconds.default(DEFAULT_LEG_TIMEOUT_SECONDS),
  })
  .strict();
export type CreateGroupCall = z.input<typeof CreateGroupCall>;
export type ParsedCreateGroupCall = z.output<typeof CreateGroupCall>;

export const GroupCall = z.object({
  id: z.uuid(),
  customer_id: z.string(),
  name: z.string(),
  source: Address,
  destinations: z.array(Address),
  ring_method: RingMethod,
  answer_method: AnswerMethod,
  answer_call_id: z.string(),
  call_ids: z.array(z.string()),
  status: GroupCallStatus,
  timeout_seconds: z.number().int(),
  tm_create: z.string(),
  tm_update: z.string(),
  tm_delete: z.string(),
});
export type GroupCall = z.infer<typeof GroupCall>;

/** Epoch ms → the seed's timestamp; null → "not yet". */
export function seedTime(ms: number | null): string {
  if (ms === null) return NOT_YET;
  return `${new Date(ms).toISOString().replace('T', ' ').replace('Z', '')}000`;
}
