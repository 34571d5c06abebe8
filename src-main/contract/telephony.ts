/**
 * The engine's telephony port, carried to the desk: commands go from the engine (main) to the
 * SIP adapter in the renderer; leg events come back. The SIP adapter owns SIP.js and media and
 * only reports what happened; the engine decides what it means for the call record.
 */
import { z } from 'zod';

const CallId = z.uuid();
const Dtmf = z.string().regex(/^[0-9*#A-Da-d]{1,32}$/, 'DTMF digits are 0-9, *, #, A-D');

export const TelephonyCommand = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('dial'),
    call_id: CallId,
    /** A full SIP URI: sip:+4930123456@example.com, sip:1002@example.com */
    uri: z.string(),
    /** Extra SIP headers for the INVITE, e.g. P-Preferred-Identity. */
    extra_headers: z.array(z.string()).default([]),
    /** User part of the From URI, e.g. the chosen outbound number (+15551234567). */
    from_user: z.string().optional(),
    /**
     * Send the INVITE without SDP (a delayed offer, RFC 3261 §13.2.1): the far end offers in its
     * 200 OK and the ACK carries our answer, so no media is set up until someone answers.
     * Ring-all group legs use it (docs/group-calls.md).
     */
    delayed_offer: z.boolean().optional(),
  }),
  z.object({ type: z.literal('answer'), call_id: CallId }),
  /** Refuse an incoming call that is ringing: 603 Decline, 480 Temporarily Unavailable, ... */
  z.object({ type: z.literal('reject'), call_id: CallId, status_code: z.number().int() }),
  /** Stop an outgoing call that is not answered yet (CANCEL), with an optional RFC 3326 Reason. */
  z.object({ type: z.literal('cancel'), call_id: CallId, reason_header: z.string().optional() }),
  /** End an answered call (BYE). */
  z.object({ type: z.literal('bye'), call_id: CallId, reason_header: z.string().optional() }),
  z.object({ type: z.literal('hold'), call_id: CallId, on: z.boolean() }),
  z.object({ type: z.literal('mute'), call_id: CallId, on: z.boolean() }),
  z.object({ type: z.literal('dtmf'), call_id: CallId, digits: Dtmf }),
  /** Blind transfer: REFER the far party to `uri`. */
  z.object({ type: z.literal('transfer'), call_id: CallId, uri: z.string() }),
  /** Supervisor side: tell the agent's app our new mode (in-dialog INFO, docs/conferences.md). */
  z.object({ type: z.literal('supervisor_mode'), call_id: CallId, mode: z.enum(['listen', 'whisper', 'barge']) }),
  /**
   * Play media-library audio into an answered call, in order, instead of the microphone (seed
   * 002's broadcasts, real-time apps). The desk fetches each item with `api.media_read`. Ends with a
   * `playback_ended` leg event carrying the same playback_id.
   */
  z.object({
    type: z.literal('play'),
    call_id: CallId,
    playback_id: z.string().min(1).max(64),
    media_ids: z.array(z.number().int().min(1)).min(1).max(50),
  }),
  /** Stop the playback in progress (calls.realtime_break); the microphone comes back. */
  z.object({ type: z.literal('stop_playback'), call_id: CallId }),
]);
export type TelephonyCommand = z.infer<typeof TelephonyCommand>;

/** How a leg ended, as SIP saw it. The engine maps this to a state and an end reason. */
export const LegEnd = z.object({
  /**
   * local: we ended it (our BYE, CANCEL, or reject). remote: the far side did (BYE, CANCEL,
   * final error response). transport: the signalling path failed.
   */
  by: z.enum(['local', 'remote', 'transport']),
  /** Final SIP status for unanswered outgoing calls (486, 603, 404, ...). */
  status_code: z.number().int().optional(),
  reason_phrase: z.string().optional(),
  /** The Reason header of a CANCEL or BYE (RFC 3326), verbatim. */
  reason_header: z.string().optional(),
  /**
   * The desk could not go on with the call (its audio could not be set up, e.g. no microphone):
   * why, in words for the agent. The record ends as failed with this message.
   */
  failure: z.string().min(1).max(300).optional(),
});
export type LegEnd = z.infer<typeof LegEnd>;

export const LegEvent = z.discriminatedUnion('type', [
  /** INVITE sent for an outgoing call. */
  z.object({ type: z.literal('started'), call_id: CallId, sip_call_id: z.string() }),
  /** 180 / 183 received for an outgoing call. */
  z.object({ type: z.literal('ringing'), call_id: CallId }),
  /** 200 OK for an outgoing call, or our answer for an incoming call was confirmed. */
  z.object({ type: z.literal('answered'), call_id: CallId }),
  z.object({ type: z.literal('ended'), call_id: CallId, end: LegEnd }),
  /** A command could not be carried out; the record says why. */
  z.object({
    type: z.literal('command_failed'),
    call_id: CallId,
    command: z.string(),
    message: z.string(),
  }),
  z.object({ type: z.literal('held'), call_id: CallId, on: z.boolean() }),
  z.object({ type: z.literal('muted'), call_id: CallId, on: z.boolean() }),
  /** The far party asked us to call someone else (REFER); the engine places that call. */
  z.object({ type: z.literal('refer'), call_id: CallId, uri: z.string() }),
  /** Agent side: a joined supervisor switched mode (in-dialog INFO). */
  z.object({ type: z.literal('supervisor_mode'), call_id: CallId, mode: z.enum(['listen', 'whisper', 'barge']) }),
  /**
   * A `play` command ended: finished (every item played), stopped (stop_playback, or the call
   * ended), or failed (an item could not be fetched or decoded; message says which).
   */
  z.object({
    type: z.literal('playback_ended'),
    call_id: CallId,
    playback_id: z.string().min(1).max(64),
    outcome: z.enum(['finished', 'stopped', 'failed']),
    message: z.string().max(500).optional(),
  }),
]);
export type LegEvent = z.infer<typeof LegEvent>;

/** An INVITE arrived. The engine answers with what to do: ring, or refuse with a status. */
export const IncomingLeg = z.object({
  sip_call_id: z.string(),
  from_uri: z.string(),
  from_name: z.string().nullable(),
  to_uri: z.string(),
  /** The X-Supervisor-Join header, verbatim, when the INVITE carried one. */
  supervisor_join: z.string().optional(),
  /** The X-Group-Call header: this ring is one leg of a group call with that name. */
  group_call: z.string().max(64).nullable().optional(),
});
export type IncomingLeg = z.infer<typeof IncomingLeg>;

export const IncomingDecision = z.object({
  call_id: CallId,
  /** answer: take the call at once without ringing (an allowed supervisor joining). */
  action: z.enum(['ring', 'reject', 'answer']),
  /** Set when action is reject. */
  status_code: z.number().int().nullable(),
});
export type IncomingDecision = z.infer<typeof IncomingDecision>;
