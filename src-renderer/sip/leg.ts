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
  /** Set when we end it ourselves, so the end is reported as local. */
  endedLocally: boolean;
  /** Set when the path to the far end is gone. */
  lostTransport: boolean;
  finalStatus?: { code: number; phrase: string };
  /** Reason header of a CANCEL or BYE from the far side. */
  reasonHeader?: string;
  held: boolean;
  muted: boolean;
  /** DTMF digits received by SIP INFO, and sent by RFC 4733, in order (diagnostics). */
  readonly dtmfReceived: string[];
  readonly dtmfSentInBand: string[];
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
  return end;
}
