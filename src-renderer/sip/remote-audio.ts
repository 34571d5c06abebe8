/**
 * Plays a call's remote audio on the chosen speaker.
 *
 * The element can be opened muted while the call is still being set up, and made audible when
 * it connects: creating a media element and its audio output is the costly part, and done at the
 * moment of the answer it held up our side's ICE and DTLS replies by 10–26 ms in some calls
 * (packet captures during the call-latency bench; docs/benchmarks.md). Unmuting costs nothing.
 */
export function attachRemoteAudio(stream: MediaStream, speakerId: string, options: { audible: boolean }): HTMLAudioElement {
  const audio = document.createElement('audio');
  audio.autoplay = true;
  audio.muted = !options.audible;
  audio.srcObject = stream;
  audio.dataset.role = 'remote-audio';
  document.body.append(audio);
  if (speakerId) routeToSpeaker(audio, speakerId);
  void audio.play().catch(() => undefined);
  return audio;
}

/**
 * Plays `audio` on `speakerId` ('' = the system default), also while it plays: the agent who
 * picks another speaker in Settings during a call hears the call there at once.
 */
export function routeToSpeaker(audio: HTMLAudioElement, speakerId: string): void {
  if (!('setSinkId' in audio)) return;
  const element = audio as HTMLAudioElement & { sinkId: string; setSinkId(id: string): Promise<void> };
  if (element.sinkId === speakerId) return;
  // An unplugged headset must not silence the call: fall back to the default output.
  element.setSinkId(speakerId).catch(() => element.setSinkId('').catch(() => undefined));
}

export function detachRemoteAudio(audio: HTMLAudioElement | undefined): void {
  if (!audio) return;
  audio.pause();
  audio.srcObject = null;
  audio.remove();
}
