/** Plays a call's remote audio on the chosen speaker. */

export function attachRemoteAudio(stream: MediaStream, speakerId: string): HTMLAudioElement {
  const audio = document.createElement('audio');
  audio.autoplay = true;
  audio.srcObject = stream;
  audio.dataset.role = 'remote-audio';
  document.body.append(audio);
  if (speakerId && 'setSinkId' in audio) {
    // An unplugged headset must not silence the call: fall back to the default output.
    (audio as HTMLAudioElement & { setSinkId(id: string): Promise<void> }).setSinkId(speakerId).catch(() => undefined);
  }
  void audio.play().catch(() => undefined);
  return audio;
}

export function detachRemoteAudio(audio: HTMLAudioElement | undefined): void {
  if (!audio) return;
  audio.pause();
  audio.srcObject = null;
  audio.remove();
}
