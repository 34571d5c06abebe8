/** DTMF in the audio stream (RFC 4733 telephone-event), through the leg's RTCDTMFSender. */
import type { Web } from 'sip.js';
import type { Leg } from './leg.js';

/** The senders whose played tones are being recorded (recordPlayedTones). */
const recorded = new WeakSet<RTCDTMFSender>();

/**
 * RFC 4733 through the RTCDTMFSender. insertDTMF replaces whatever is still queued, so a fast
 * typist would lose digits: append to the tones not yet played instead. False when the far end
 * did not negotiate telephone-event (the caller then falls back to SIP INFO).
 */
export function queueInBandDtmf(leg: Leg, digits: string): boolean {
  const handler = leg.session.sessionDescriptionHandler as Web.SessionDescriptionHandler | undefined;
  const dtmf = handler?.peerConnection?.getSenders().find((sender) => sender.dtmf)?.dtmf;
  if (!dtmf?.canInsertDTMF) return false;
  recordPlayedTones(leg, dtmf);
  try {
    dtmf.insertDTMF(dtmf.toneBuffer + digits);
    return true;
  } catch {
    return false;
  }
}

/**
 * Record RFC 4733 tones as the sender plays them (the receiving browser can't observe them).
 * Set up at the leg's first in-band digit rather than when it connects: reaching the DTMF sender
 * costs the page about 0.7 ms (CPU profiles of the answer), in the moment its media starts.
 */
function recordPlayedTones(leg: Leg, dtmf: RTCDTMFSender): void {
  if (recorded.has(dtmf)) return;
  recorded.add(dtmf);
  dtmf.addEventListener('tonechange', (event) => {
    if (event.tone) leg.dtmfSentInBand.push(event.tone);
  });
}
