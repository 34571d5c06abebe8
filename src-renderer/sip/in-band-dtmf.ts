/** DTMF in the audio stream (RFC 4733 telephone-event), through the leg's RTCDTMFSender. */
import type { Web } from 'sip.js';
import type { Leg } from './leg.js';

/**
 * RFC 4733 through the RTCDTMFSender. insertDTMF replaces whatever is still queued, so a fast
 * typist would lose digits: append to the tones not yet played instead. False when the far end
 * did not negotiate telephone-event (the caller then falls back to SIP INFO).
 */
export function queueInBandDtmf(leg: Leg, digits: string): boolean {
  const handler = leg.session.sessionDescriptionHandler as Web.SessionDescriptionHandler | undefined;
  const dtmf = handler?.peerConnection?.getSenders().find((sender) => sender.dtmf)?.dtmf;
  if (!dtmf?.canInsertDTMF) return false;
  try {
    dtmf.insertDTMF(dtmf.toneBuffer + digits);
    return true;
  } catch {
    return false;
  }
}

/** Record RFC 4733 tones as the sender plays them (the receiving browser can't observe them). */
export function watchInBandDtmf(leg: Leg, handler: Web.SessionDescriptionHandler): void {
  const sender = handler.peerConnection?.getSenders().find((candidate) => candidate.dtmf);
  sender?.dtmf?.addEventListener('tonechange', (event) => {
    if (event.tone) leg.dtmfSentInBand.push(event.tone);
  });
}
