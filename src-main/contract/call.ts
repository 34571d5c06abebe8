/**
 * The call record as it crosses every boundary (renderer, REST, JSON-RPC).
 * Field names follow seed 003 (Enfonica call resource) in snake_case.
 * Pure: zod only.
 */
import { z } from 'zod';

/**
 * Telephony state of one SIP leg (seed 003). States only move forward:
 *
 *   QUEUED ──► STARTING ──► RINGING ──► IN_PROGRESS ──► COMPLETED
 *     │           │            │
 *     └───────────┴────────────┴──► FAILED | NOT_ANSWERED | BUSY | REJECTED
 *
 * Skipping ahead is legal (STARTING ──► IN_PROGRESS when no 180 arrives).
 * Incoming calls are born in RINGING. Terminal states absorb.
 */
export const CALL_STATES = [
  'QUEUED',
  'STARTING',
  'RINGING',
  'IN_PROGRESS',
  'COMPLETED',
  'FAILED',
  'NOT_ANSWERED',
  'BUSY',
  'REJECTED',
] as const;
export const CallState = z.enum(CALL_STATES);
export type CallState = z.infer<typeof CallState>;

export const TERMINAL_STATES: ReadonlySet<CallState> = new Set([
  'COMPLETED',
  'FAILED',
  'NOT_ANSWERED',
  'BUSY',
  'REJECTED',
]);

/**
 * Why a call ended. Finer than the seed's closed list of states:
 * a missed call and a call answered by a colleague are both "not answered" to the seed,
 * but not to the agent.
 */
export const END_REASONS = [
  'completed', // answered, then either side hung up
  'busy', // 486 / 600
  'declined', // 603, or the agent pressed Decline
  'rejected', // another final refusal from the far end or the network (403, 488, ...)
  'no_answer', // our ring timeout ran out, or 408 / 487 not caused by us
  'cancelled', // the caller gave up before an answer (our own CANCEL on an outgoing call)
  'missed', // an incoming call the caller gave up on before anyone here answered
  'answered_elsewhere', // an incoming ring cancelled with Reason cause=200
  'unavailable', // 480 / the agent was Away
  'not_found', // 404 / 484 / 604
  'failed', // any other failure (5xx, media failure); error_code says which
  'transferred', // we handed the far party to someone else (blind transfer)
  'network', // the signalling path to the server was lost
  'desk_closed', // the desk (page or window) that carried the call went away
  'host_restart', // the app stopped while the call was live; found at the next start
] as const;
/**
 * error_code of a call ended `failed` by the desk itself (it could not place, answer or keep the
 * call's audio); error_message is then a sentence written for the agent.
 */
export const DESK_FAILURE_CODES = ['dial_failed', 'answer_failed', 'media_failed'] as const;
export type DeskFailureCode = (typeof DESK_FAILURE_CODES)[number];

export const EndReason = z.enum(END_REASONS);
export type EndReason = z.infer<typeof EndReason>;

export const Direction = z.enum(['OUTGOING', 'INCOMING']);
export type Direction = z.infer<typeof Direction>;

export const CreateMethod = z.enum(['INCOMING_CALL', 'PARENT_CALL', 'API', 'DESK']);
export type CreateMethod = z.infer<typeof CreateMethod>;

/** Seed 003: at most 50 keys and at most 10 kB of keys plus values. */
export const MAX_LABEL_KEYS = 50;
export const MAX_LABEL_BYTES = 10 * 1024;

export const Labels = z
  .record(z.string().min(1, 'label keys must not be empty'), z.string())
  .superRefine((labels, ctx) => {
    const keys = Object.keys(labels);
    if (keys.length > MAX_LABEL_KEYS) {
      ctx.addIssue({
        code: 'custom',
        message: `labels may have at most ${MAX_LABEL_KEYS} keys (got ${keys.length})`,
      });
    }
    const bytes = keys.reduce(
      (sum, key) => sum + utf8Length(key) + utf8Length(labels[key] ?? ''),
      0,
    );
    if (bytes > MAX_LABEL_BYTES) {
      ctx.addIssue({
        code: 'custom',
        message: `labels may hold at most ${MAX_LABEL_BYTES} bytes of keys plus values (got ${bytes})`,
      });
    }
  });
export type Labels = z.infer<typeof Labels>;

/** Seed 003: timeoutSeconds, minimum 1, maximum 600, default 30. */
export const DEFAULT_TIMEOUT_SECONDS = 30;
export const TimeoutSeconds = z
  .number({ error: 'timeout_seconds must be a number' })
  .int('timeout_seconds must be a whole number of seconds')
  .min(1, 'timeout_seconds must be between 1 and 600')
  .max(600, 'timeout_seconds must be between 1 and 600');

const IsoTime = z.string().nullable();

export const CallSnapshot = z.object({
  id: z.uuid(),
  /** 64-bit integer id for the JSON-RPC methods of seed 002 (a safe integer in practice). */
  callid: z.number().int(),
  direction: Direction,
  state: CallState,
  end_reason: EndReason.nullable(),
  from: z.string(),
  to: z.string(),
  /** Display name of the far party when SIP gave one. */
  remote_name: z.string().nullable(),
  labels: z.record(z.string(), z.string()),
  timeout_seconds: z.number().int(),
  create_method: CreateMethod,
  originating_call: z.string().nullable(),
  sip_call_id: z.string().nullable(),
  error_code: z.string().nullable(),
  error_message: z.string().nullable(),
  create_time: z.string(),
  start_time: IsoTime,
  ring_time: IsoTime,
  answer_time: IsoTime,
  end_time: IsoTime,
  /** Seed 003 Duration format, e.g. "12.345s"; set once an answered call is terminal. */
  answer_duration: z.string().nullable(),
  /** Live controls; false once terminal. */
  held: z.boolean(),
  muted: z.boolean(),
});
export type CallSnapshot = z.infer<typeof CallSnapshot>;

function utf8Length(text: string): number {
  return new TextEncoder().encode(text).length;
}
