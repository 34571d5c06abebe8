/** Which of a leg's audio tracks run, from its hold, mute and early-media state. */
import type { Web } from 'sip.js';
import type { Leg } from './leg.js';

/**
 * Held: hear nothing and send nothing. Muted, or hearing early media before the answer: send
 * nothing. Only the leg's own microphone track is switched: while the leg is in a conference
 * its sender carries the conference mix (src-renderer/media/conference-mixer.ts), which the
 * mixer silences the host in instead.
 */
export function applyTrackStates(leg: Leg): void {
  const handler = leg.session.sessionDescriptionHandler as Web.SessionDescriptionHandler | undefined;
  const connection = handler?.peerConnection;
  if (!connection) return;
  const ownTracks = new Set(handler.localMediaStream.getTracks());
  for (const sender of connection.getSenders()) {
    if (sender.track && ownTracks.has(sender.track)) sender.track.enabled = !leg.held && !leg.muted && !leg.earlyMedia;
  }
  for (const receiver of connection.getReceivers()) {
    receiver.track.enabled = !leg.held;
  }
}
