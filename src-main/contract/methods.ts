/**
 * Every request the renderer (or another desk client) may send to main, with its params and
 * result schema. Both transports (Electron IPC, browser-mode WebSocket) carry exactly this table
 * through one dispatcher.
 */
import { z } from 'zod';
import { CallSnapshot } from './call.js';
import { CURRENT_CALL_TARGET, ConferenceSnapshot, SupervisorMode } from './conference.js';
import { AgentStatus, DeskRole, Registration } from './desk.js';
import { CreateGroupCall, GroupCall } from './group-call.js';
import { Settings, SettingsPatch } from './settings.js';
import { IncomingDecision, IncomingLeg, LegEvent } from './telephony.js';
import { NumberChoice } from './number-choice.js';
import { Callback, CallbackIds, CallbackList, CallbackPrompt, RescheduleCallback, ScheduleCallback } from './callback.js';
import { ContactPatchInput, DeskContact, NewContactInput } from './contact.js';

const CallRef = z.object({ id: z.uuid({ error: 'id must be a call id (UUID)' }) }).strict();
const Empty = z.object({}).strict();
const Ok = z.object({ ok: z.literal(true) });

/** Everything a freshly (re)connected page needs to draw the desk. */
export const DeskState = z.object({
  role: DeskRole,
  settings: Settings,
  agent_status: AgentStatus,
  /** See the `desk.rings_new_calls` event. */
  rings_new_calls: z.boolean(),
  registration: Registration,
  /** Calls that are not terminal yet. */
  live_calls: z.array(CallSnapshot),
});
export type DeskState = z.infer<typeof DeskState>;

export const HistoryPage = z.object({
  calls: z.array(CallSnapshot),
  /** Pass as `before` for the next page; null at the end. */
  next_cursor: z.string().nullable(),
});
export type HistoryPage = z.infer<typeof HistoryPage>;

export const METHODS = {
  /** Full state for a page that just connected or reconnected. */
  'desk.state': { params: Empty, result: DeskState },
  /** Make this connection the desk that carries calls (another tab had it). */
  'desk.takeover': { params: Empty, result: DeskRole },

  'settings.get': { params: Empty, result: Settings },
  'settings.update': { params: SettingsPatch, result: Settings },

  'agent.set_status': { params: z.object({ status: AgentStatus }).strict(), result: AgentStatus },

  'calls.dial': {
    params: z
      .object({
        target: z.string().min(1, 'Type a number or SIP address to call').max(256),
        labels: z.record(z.string(), z.string()).optional(),
        timeout_seconds: z.number().optional(),
      })
      .strict(),
    result: CallSnapshot,
  },
  'calls.answer': { params: CallRef, result: CallSnapshot },
  'calls.decline': { params: CallRef, result: CallSnapshot },
  'calls.hangup': { params: CallRef, result: CallSnapshot },
  'calls.hold': { params: CallRef.extend({ on: z.boolean() }).strict(), result: CallSnapshot },
  'calls.mute': { params: CallRef.extend({ on: z.boolean() }).strict(), result: CallSnapshot },
  'calls.dtmf': {
    params: CallRef.extend({
      digits: z.string().regex(/^[0-9*#A-Da-d]{1,32}$/, 'DTMF digits are 0-9, *, #, A-D'),
    }).strict(),
    result: Ok,
  },
  'calls.transfer': {
    params: CallRef.extend({ target: z.string().min(1).max(256) }).strict(),
    result: CallSnapshot,
  },
  'calls.get': { params: CallRef, result: CallSnapshot },
  'calls.history': {
    params: z
      .object({
        limit: z.number().int().min(1).max(200).default(50),
        before: z.string().optional(),
      })
      .strict(),
    result: HistoryPage,
  },

  /** Group calls (seed 000): ring several destinations from this desk, first answer wins. */
  'groupcalls.create': { params: CreateGroupCall, result: GroupCall },
  'groupcalls.hangup': { params: CallRef, result: GroupCall },
  'groupcalls.list': { params: Empty, result: z.array(GroupCall) },

  /** From the SIP adapter: registration changed. */
  'sip.registration': { params: Registration, result: Ok },
  /** From the SIP adapter: an INVITE arrived; the engine decides to ring or refuse. */
  'sip.incoming': { params: IncomingLeg, result: IncomingDecision },
  /** From the SIP adapter: something happened on a leg. */
  'sip.leg_event': { params: LegEvent, result: Ok },

  /** Conferences this desk hosts that have not ended. */
  'conferences.live': { params: Empty, result: z.array(ConferenceSnapshot) },
  /** Merge connected calls (the active one and held ones) into one conference. */
  'conferences.merge': {
    params: z
      .object({ call_ids: z.array(z.uuid({ error: 'call_ids must be call ids (UUID)' })).min(2, 'Pick at least two calls to merge').max(16) })
      .strict(),
    result: ConferenceSnapshot,
  },
  /** Dial someone and add them to the conference when they answer. */
  'conferences.add': {
    params: z.object({ id: z.uuid(), target: z.string().min(1, 'Type a number or SIP address to add').max(256) }).strict(),
    result: ConferenceSnapshot,
  },
  /** Drop one participant: leaving → leaved, and its call ends. */
  'conferences.drop': { params: z.object({ conferencecall_id: z.uuid() }).strict(), result: ConferenceSnapshot },
  /** End the conference: every participant's call ends. */
  'conferences.end': { params: z.object({ id: z.uuid() }).strict(), result: ConferenceSnapshot },
  /** Supervisor side: call an agent and join their call or conference in a mode. */
  'supervisor.join': {
    params: z
      .object({
        agent: z.string().min(1, "Type the agent's number or SIP address").max(256),
        target_id: z
          .string()
          .refine((id) => id === CURRENT_CALL_TARGET || z.uuid().safeParse(id).success, {
            error: `target_id must be the id of the call or conference to join, or "${CURRENT_CALL_TARGET}" for the agent's current call`,
          }),
        mode: SupervisorMode.default('listen'),
      })
      .strict(),
    result: CallSnapshot,
  },
  /** Supervisor side: switch mode live on a join call. */
  'supervisor.set_mode': { params: CallRef.extend({ mode: SupervisorMode }).strict(), result: CallSnapshot },
  // ── Local API (issue 3): the agent picks the outbound number of an API call (HTTP 202) ──
  /** Calls waiting for the agent to pick an outbound number (after a reload, too). */
  'api.pending_number_choices': { params: Empty, result: z.array(NumberChoice) },
  'api.choose_outbound_number': {
    params: CallRef.extend({ number: z.string().min(1).max(32) }).strict(),
    result: Ok,
  },
  'api.decline_outbound_number': { params: CallRef, result: Ok },
  /** Replace api.token with a fresh one (the old one stops working at once). */
  'api.regenerate_token': { params: Empty, result: Settings },
  /** Click-to-dial: the request that arrived before this desk connected, if any (once). */
  'desk.take_dial_request': { params: Empty, result: z.object({ target: z.string().nullable() }) },
  /**
   * One chunk of a media-library item, for the desk that plays it into a call (a `play`
   * command). Chunked because a WebSocket frame is at most 256 KiB; base64 in JSON.
   */
  'api.media_read': {
    params: z.object({ id: z.number().int().min(1), offset: z.number().int().min(0) }).strict(),
    result: z.object({ content_type: z.string(), total_bytes: z.number().int(), data_base64: z.string() }),
  },
  /** The contacts directory (issue 3's contacts), e.g. to ring contacts in a group call. */
  'contacts.list': { params: Empty, result: z.array(DeskContact) },
  // ── Callbacks (issue 6): scheduled calls from the desk, and the pre-due prompt ──
  'callbacks.list': { params: Empty, result: CallbackList },
  'callbacks.schedule': { params: ScheduleCallback, result: Callback },
  'callbacks.reschedule': { params: RescheduleCallback, result: Callback },
  'callbacks.cancel': { params: CallbackIds, result: z.array(Callback) },
  /** Accept the prompt: reserves the agent, dials at the due time (at once when already due). */
  'callbacks.accept': { params: z.object({ id: z.string().min(1).max(64) }).strict(), result: Callback },
  /** "Not now": hide the prompt. */
  'callbacks.dismiss': { params: z.object({ id: z.string().min(1).max(64) }).strict(), result: Callback },
  /** Prompts to show now (after a reload, too). */
  'callbacks.prompts': { params: Empty, result: z.array(CallbackPrompt) },
  /** Add a contact from the desk: the same input and rules as REST `POST /v1/contacts`. */
  'contacts.create': { params: NewContactInput, result: DeskContact },
  /** Change a contact from the desk: the same input and rules as REST `PATCH /v1/contacts/:id`. */
  'contacts.update': {
    params: z.object({ id: z.number().int().min(1), patch: ContactPatchInput }).strict(),
    result: DeskContact,
  },
} as const;

export type MethodName = keyof typeof METHODS;
export type MethodParams<M extends MethodName> = z.input<(typeof METHODS)[M]['params']>;
export type MethodParsedParams<M extends MethodName> = z.output<(typeof METHODS)[M]['params']>;
export type MethodResult<M extends MethodName> = z.infer<(typeof METHODS)[M]['result']>;

/** Methods only the active desk may call: they carry telephony. */
export const DESK_ONLY_METHODS: ReadonlySet<MethodName> = new Set([
  'sip.registration',
  'sip.incoming',
  'sip.leg_event',
]);

export function isMethodName(name: string): name is MethodName {
  return Object.hasOwn(METHODS, name);
}
