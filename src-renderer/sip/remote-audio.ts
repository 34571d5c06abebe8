/**
 * Plays a call's remote audio on the chosen speaker.
 *
 * The element can be opened muted while the call is still being set up, and made audible when
 * it connects: creating a media element and its audio output is the costly part, and done at the
 * moment of the answer it held up our side's ICE and DTLS replies by 10–26 ms in some calls
 * (packet captures during the call-latency bench; docs/benchmarks.md). Unmuting costs nothing.
 */
export function attachRemoteAudio(
  stream: MediaStream,
  speakerId: string,
  options: { audible: boolean; onSpeakerFailed?: () => void },
): HTMLAudioElement {
  const audio = document.createElement('audio');
  audio.autoplay = true;
  audio.muted = !options.audible;
  audio.dataset.role = 'remote-audio';
  document.body.append(audio);
  if (!speakerId) {
    play(audio, stream);
    return audio;
  }
  // The speaker is chosen before the stream is attached: the element's player then starts on it.
  // Routed after, a player opened while the call rings (no track yet) refuses any speaker.
  void routeToSpeaker(audio, speakerId).then((routed) => {
    if (!routed) options.onSpeakerFailed?.();
    play(audio, stream);
  });
  return audio;
}

/**
 * Plays `audio` on `speakerId` ('' = the system default), also while it plays: the agent who
 * picks another speaker in Settings during a call hears the call there at once. Resolves false
 * when that output could not be used: an unplugged headset must not silence the call, so the
 * element then plays on the default output, and the desk says so. (A browser without setSinkId
 * offers no speaker choice in Settings, so there is nothing to report.)
 *
 * Chromium routes an element that plays a MediaStream only once the stream has an audio track
 * (before that its player has no audio output to move, and setSinkId fails). A call that still
 * rings has none yet, so its stream is taken off while the speaker is chosen, and put back after:
 * the track then plays on the chosen speaker when it arrives.
 */
export async function routeToSpeaker(audio: HTMLAudioElement, speakerId: string): Promise<boolean> {
  if (!('setSinkId' in audio)) return true;
  const element = audio as HTMLAudioElement & { sinkId: string; setSinkId(id: string): Promise<void> };
  if (element.sinkId === speakerId) return true;
  const stream = element.srcObject instanceof MediaStream ? element.srcObject : null;
  const waitingForTrack = stream !== null && stream.getAudioTracks().length === 0;
  if (waitingForTrack) element.srcObject = null;
  try {
    await element.setSinkId(speakerId);
    return true;
  } catch {
    await element.setSinkId('').catch(() => undefined);
    return false;
  } finally {
    if (waitingForTrack && stream) play(element, stream);
  }
}

/** Plays `stream` on `audio`, unless the call let go of the element meanwhile (detachRemoteAudio). */
function play(audio: HTMLAudioElement, stream: MediaStream): void {
  if (!audio.isConnected) return;
  audio.srcObject = stream;
  void audio.play().catch(() => undefined);
}

export function detachRemoteAudio(audio: HTMLAudioElement | undefined): void {
  if (!audio) return;
  audio.pause();
  audio.srcObject = null;
  audio.remove();
}
