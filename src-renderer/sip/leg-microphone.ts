/**
 * A call that is up moves to the microphone the agent just chose in Settings, as in any
 * professional softphone: an agent whose headset dies mid-call picks the laptop's microphone and
 * talks on, instead of hanging up to get it.
 */
import type { Web } from 'sip.js';
import type { Leg } from './leg.js';

/**
 * Puts `fresh` (a track of the new capture) in place of the leg's own microphone track: on its
 * sender when the sender carries it (a leg in a conference sends its mix instead, and the mixer
 * takes the new track from the leg's media), and in SIP.js's local stream, where hold and the
 * leg's end find it. The old track is stopped. Mute and hold carry over: the new track starts as
 * enabled or disabled as the old one was. False when the leg has no microphone to replace.
 */
export async function replaceLegMicrophone(leg: Leg, fresh: MediaStreamTrack): Promise<boolean> {
  const handler = leg.session.sessionDescriptionHandler as Web.SessionDescriptionHandler | undefined;
  const connection = handler?.peerConnection;
  const stream = handler?.localMediaStream;
  const old = stream?.getAudioTracks()[0];
  if (!connection || !stream || !old || old === fresh) return false;
  fresh.enabled = old.enabled;
  const sender = connection.getSenders().find((candidate) => candidate.track === old);
  if (sender) await sender.replaceTrack(fresh);
  stream.removeTrack(old);
  stream.addTrack(fresh);
  old.stop();
  return true;
}
