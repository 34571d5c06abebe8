/**
 * Conferences hosted and mixed by this desk (seed 001): the conference and its conferencecalls,
 * as they cross every boundary (renderer, REST). Pure: zod only.
 *
 * Extensions beyond the seed, all on conferencecall: `role` (participant or supervisor),
 * `supervisor_mode` and `supervisor_name` (null for participants). See docs/conferences.md.
 */
import { z } from 'zod';

/**
 * A conferencecall's status (seed 001). Forward only; `leaved` is final and absorbs:
 *
 *   joining ──► joined ──► leaving ──► leaved
 *      │                      ▲
 *      └──────────────────────┘   (hung up or dropped before it joined)
 */
export const CONFERENCECALL_STATUSES = ['joining', 'joined', 'leaving', 'leaved'] as const;
export const ConferencecallStatus = z.enum(CONFERENCECALL_STATUSES);
export type ConferencecallStatus = z.infer<typeof ConferencecallStatus>;

/**
 * A conference's status. `progressing` while it mixes; `terminating` while its last calls
 * leave; `terminated` is final.
 */
export const CONFERENCE_STATUSES = ['progressing', 'terminating', 'terminated'] as const;
export const ConferenceStatus = z.enum(CONFERENCE_STATUSES);
export type ConferenceStatus = z.infer<typeof ConferenceStatus>;

/** What a supervisor's microphone reaches: nobody, the agent only, or everyone. */
export const SUPERVISOR_MODES = ['listen', 'whisper', 'barge'] as const;
export const SupervisorMode = z.enum(SUPERVISOR_MODES);
export type SupervisorMode = z.infer<typeof SupervisorMode>;

export const ConferencecallRole = z.enum(['participant', 'supervisor']);
export type ConferencecallRole = z.infer<typeof ConferencecallRole>;

/** Seed 001's time format; `9999-01-01 00:00:00.000000` means "not yet". */
export const SeedTime = z.string().regex(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}\.\d{6}$/);

export const ConferencecallSnapshot = z.object({
  id: z.uuid(),
  customer_id: z.uuid(),
  conference_id: z.uuid(),
  reference_type: z.literal('call'),
  /** The call's UUID id. */
  reference_id: z.uuid(),
  status: ConferencecallStatus,
  role: ConferencecallRole,
  supervisor_mode: SupervisorMode.nullable(),
  supervisor_name: z.string().nullable(),
  tm_create: SeedTime,
  tm_update: SeedTime,
  tm_delete: SeedTime,
});
export type ConferencecallSnapshot = z.infer<typeof ConferencecallSnapshot>;

export const ConferenceSnapshot = z.object({
  id: z.uuid(),
  customer_id: z.uuid(),
  name: z.string(),
  status: ConferenceStatus,
  conferencecall_ids: z.array(z.uuid()),
  /** The conferencecalls themselves, in join order (the REST resource lists only their ids). */
  conferencecalls: z.array(ConferencecallSnapshot),
  tm_create: SeedTime,
  tm_update: SeedTime,
  tm_delete: SeedTime,
});
export type ConferenceSnapshot = z.infer<typeof ConferenceSnapshot>;

/** A supervisor allowed to join this agent's calls (settings `supervisors`). */
export const SupervisorEntry = z
  .object({
    sip_uri: z.string().regex(/^sips?:[^\s@]+@[^\s@;]+$/i, 'must be a SIP address like sip:sup1@example.com'),
    name: z.string().min(1, 'name must not be empty').max(80),
  })
  .strict();
export type SupervisorEntry = z.infer<typeof SupervisorEntry>;

export const SupervisorList = z.array(SupervisorEntry).max(100);

/**
 * The supervisor signalling on the wire (docs/conferences.md), shared by the engine and the
 * SIP adapter: the join request travels in the INVITE as
 *   X-Supervisor-Join: <call or conference id>;mode=listen|whisper|barge
 * and a live mode switch as an in-dialog INFO with this content type and a `mode=…` body.
 */
export const SUPERVISOR_JOIN_HEADER = 'X-Supervisor-Join';
/**
 * Join target meaning "whatever the agent is talking in now": the agent's live conference, or
 * else their one connected call that is not on hold. The agent's app resolves it, so a supervisor
 * needs no id (docs/conferences.md).
 */
export const CURRENT_CALL_TARGET = 'current';
export const SUPERVISOR_MODE_TYPE = 'application/x-supervisor-mode';

export function supervisorModeBody(mode: SupervisorMode): string {
  return `mode=${mode}`;
}

/** The mode in an INFO body (`mode=whisper`), or null. */
export function parseSupervisorModeBody(body: string): SupervisorMode | null {
  const match = /^\s*mode\s*=\s*(listen|whisper|barge)\s*$/i.exec(body);
  return match ? (match[1]!.toLowerCase() as SupervisorMode) : null;
}
