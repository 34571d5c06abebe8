/**
 * Runs the conference mixer while this window carries calls: feeds it the live conferences
 * from main, and exposes what the host hears to end-to-end tests (only with --test-hooks).
 */
import { TERMINAL_STATES } from '../../src-main/contract/call.js';
import type { ReconnectingClient } from '../bridge/index.js';
import { ConferenceMixer, type MixerOptions } from './conference-mixer.js';
import type { LegMediaSource } from './leg-media.js';

declare global {
  interface Window {
    __conferenceTest?: {
      hostHears(): MediaStream;
      hostMuted(): boolean;
      mixing(): boolean;
      hostMicrophoneDevice(): string | undefined;
    };
  }
}

export function startConferenceMixing(
  client: ReconnectingClient,
  legs: LegMediaSource,
  options: MixerOptions,
): () => void {
  const mixer = new ConferenceMixer(legs, options);
  const offs = [
    client.on('conference.updated', (conference) => mixer.apply(conference)),
    client.on('call.updated', (call) => mixer.callMuted(call.id, call.muted && !TERMINAL_STATES.has(call.state))),
    client.onConnected(() => {
      void client.invoke('conferences.live', {}).then((result) => {
        if (result.ok) mixer.replaceAll(result.value);
      });
    }),
  ];
  if (document.querySelector('meta[name="softphone-test-hooks"][content="on"]')) {
    window.__conferenceTest = {
      hostHears: audiblePageAudio,
      hostMuted: () => mixer.hostMuted(),
      mixing: () => mixer.mixing(),
      hostMicrophoneDevice: () => mixer.hostMicrophoneDevice(),
    };
  }
  return () => {
    offs.forEach((off) => off());
    mixer.stop();
    delete window.__conferenceTest;
  };
}

/**
 * What the agent hears: every audio track this page plays on an element that is playing, not
 * muted and not silent. Read from the page, not from the mixer, so a test of who the host hears
 * would also catch an element the mixer forgot (the host listens through the legs' own elements).
 */
function audiblePageAudio(): MediaStream {
  const tracks = [...document.querySelectorAll('audio')]
    .filter((audio) => !audio.paused && !audio.muted && audio.volume > 0 && audio.srcObject instanceof MediaStream)
    .flatMap((audio) => (audio.srcObject as MediaStream).getAudioTracks())
    .filter((track) => track.readyState === 'live' && track.enabled);
  return new MediaStream(tracks);
}
