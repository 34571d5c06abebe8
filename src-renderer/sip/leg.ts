/** What we know about one SIP session while it lives, and how it ended. */
import type { Invitation, Inviter } from 'sip.js';
import type { LegEnd } from '../../src-main/contract/telephony.js';

export interface Leg {
  readonly callId: string;
  readonly session: Inviter | Invitation;
  /**
   * Our outgoing call's 200 OK arrived (reported as answered at once); SIP.js may still be
   * setting up the media, and until it has, the session can be neither cancelled nor re-INVITEd.
   */
  accepted: boolean;
  /**
   * Our answer to this incoming call has started: at the agent's click or at the engine's
   * command, whichever came first (the other is then a no-op).
   */
  answering: boolean;
  /** Set when we end it ourselves, so the end is reported as local. */
  endedLocally: boolean;
  /** Set when the path to the far end is gone. */
  lostTransport: boolean;
  finalStatus?: { code: number; phrase: string };
  /** Reason header of a CANCEL or BYE from the far side. */
  reasonHeader?: string;
  /**
   * Our INVITE or our answer while SIP.js builds its offer or answer. If that fails (no
   * microphone, say) SIP.js ends the session before it tells us why: the end is reported once
   * this has settled, so that it carries `failure`.
   */
  settling?: Promise<unknown>;
  /** Why the desk could not go on with the call, in words for the agent. */
  failure?: string;
  held: boolean;
  muted: boolean;
  /** The far end put the call on hold (its last re-INVITE offered sendonly or inactive audio). */
  heldByFarEnd: boolean;
  /**
   * Our outgoing call hears the far end's early media (a 18x with SDP: a carrier's ringback or
   * announcement) and is not answered yet: our microphone is not sent until it is.
   */
  earlyMedia: boolean;
  /** DTMF digits received by SIP INFO, and sent by RFC 4733, in order (diagnostics). */
  readonly dtmfReceived: string[];
  readonly dtmfSentInBand: string[];
  /**
   * The microphone of an incoming call whose answer could not be prepared (its INVITE has no
   * offer), opened while it rings so that the answer does not wait for the device
   * (getUserMedia takes 15–25 ms here); let go once the call is connected or over.
   */
  preparedMicrophone?: Promise<MediaStream | undefined>;
  /** The speaker element that plays this leg's audio. */
  audio?: HTMLAudioElement;
}

export function legEnd(leg: Leg): LegEnd {
  if (leg.lostTransport) return { by: 'transport' };
  const end: LegEnd = { by: leg.endedLocally ? 'local' : 'remote' };
  if (leg.finalStatus) {
    end.status_code = leg.finalStatus.code;
    end.reason_phrase = leg.finalStatus.phrase;
  }
  if (leg.reasonHeader) end.reason_header = leg.reasonHeader;
  if (leg.failure) end.failure = leg.failure;
  return end;
}
