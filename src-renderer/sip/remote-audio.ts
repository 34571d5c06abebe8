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
  audio.srcObject = stream;
  audio.dataset.role = 'remote-audio';
  document.body.append(audio);
  if (speakerId) {
    void routeToSpeaker(audio, speakerId).then((routed) => {
      if (!routed) options.onSpeakerFailed?.();
    });
  }
  void audio.play().catch(() => undefined);
  return audio;
}

/**
 * Plays `audio` on `speakerId` ('' = the system default), also while it plays: the agent who
 * picks another speaker in Settings during a call hears the call there at once. Resolves false
 * when that output could not be used: an unplugged headset must not silence the call, so the
 * element then plays on the default output, and the desk says so. (A browser without setSinkId
 * offers no speaker choice in Settings, so there is nothing to report.)
 */
export async function routeToSpeaker(audio: HTMLAudioElement, speakerId: string): Promise<boolean> {
  if (!('setSinkId' in audio)) return true;
  const element = audio as HTMLAudioElement & { sinkId: string; setSinkId(id: string): Promise<void> };
  if (element.sinkId === speakerId) return true;
  try {
    await element.setSinkId(speakerId);
    return true;
  } catch {
    await element.setSinkId('').catch(() => undefined);
    return false;
  }
}

export function detachRemoteAudio(audio: HTMLAudioElement | undefined): void {
  if (!audio) return;
  audio.pause();
  audio.srcObject = null;
  audio.remove();
}
