/**
 * Whether a far end's SDP offer puts us on hold (RFC 3264 §8.4): its audio is `sendonly` or
 * `inactive` (a media-level attribute overrides the session level), or, as RFC 2543 phones still
 * do, the audio's connection address is 0.0.0.0. `recvonly` (the far end only listens: we are
 * still heard) and `sendrecv` are not hold. Without an audio section there is nothing to judge:
 * not hold.
 */
export function offerHoldsUs(sdp: string): boolean {
  const lines = sdp.split(/\r?\n/).map((line) => line.trim());
  const audioAt = lines.findIndex((line) => line.startsWith('m=audio '));
  if (audioAt < 0) return false;
  const nextMediaAt = lines.findIndex((line, index) => index > audioAt && line.startsWith('m='));
  const session = lines.slice(0, lines.findIndex((line) => line.startsWith('m=')));
  const audio = lines.slice(audioAt + 1, nextMediaAt < 0 ? undefined : nextMediaAt);
  const direction = directionIn(audio) ?? directionIn(session) ?? 'sendrecv';
  if (direction === 'sendonly' || direction === 'inactive') return true;
  const connection = audio.find((line) => line.startsWith('c=')) ?? session.find((line) => line.startsWith('c='));
  return connection !== undefined && /^c=IN IP4 0\.0\.0\.0$/.test(connection);
}

function directionIn(lines: readonly string[]): string | undefined {
  const found = lines.find((line) => /^a=(sendrecv|sendonly|recvonly|inactive)$/.test(line));
  return found?.slice(2);
}
