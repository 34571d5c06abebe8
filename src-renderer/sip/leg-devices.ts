/**
 * Calls that are up follow the microphone and speaker chosen in Settings (docs/settings.md), and
 * the desk is told when a chosen device cannot be used: the calls then stay on the old microphone
 * or play on the default speaker, and a banner says so until a later choice works.
 */
import { SessionState } from 'sip.js';
import type { Leg } from './leg.js';
import { replaceLegMicrophone } from './leg-microphone.js';
import { mediaFailureWords } from './media-failure.js';
import { routeToSpeaker } from './remote-audio.js';
import { sharedMicrophone } from './sip-phone.js';

/** A chosen device the calls could not use (the sentence to show), or cleared (null). */
export interface DeviceProblem {
  device: 'microphone' | 'speaker';
  sentence: string | null;
}

const SPEAKER_FALLBACK = 'Calls play on the default speaker: the chosen speaker could not be used.';

export interface LegDevicesHost {
  /** Every leg of this window, in any state. */
  legs(): Iterable<Leg>;
  /** getUserMedia constraints for the microphone chosen now. */
  microphoneConstraints(): MediaStreamConstraints;
  /** Tells the engine a leg's command failed (it logs it). */
  failed(callId: string, command: string, message: string): void;
  /** A leg now sends from another track (the conference mixer re-reads the legs). */
  mediaChanged(): void;
}

export class LegDevices {
  readonly #host: LegDevicesHost;
  readonly #listeners = new Set<(problem: DeviceProblem) => void>();
  /** The microphone switches asked for, in order (useMicrophone). */
  #microphoneSwitches: Promise<void> = Promise.resolve();

  constructor(host: LegDevicesHost) {
    this.#host = host;
  }

  /** A chosen microphone or speaker that calls could not use, or that they use after all. */
  onProblem(listener: (problem: DeviceProblem) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** A new call's element could not play on the chosen speaker (it plays on the default). */
  speakerFailed(): void {
    this.#tell('speaker', SPEAKER_FALLBACK);
  }

  /** The agent chose another speaker: the calls already up play there from now on. */
  useSpeaker(speakerId: string): void {
    const routes = [...this.#host.legs()].flatMap((leg) => (leg.audio ? [routeToSpeaker(leg.audio, speakerId)] : []));
    void Promise.all(routes).then((routed) => this.#tell('speaker', routed.every(Boolean) ? null : SPEAKER_FALLBACK));
  }

  /**
   * The agent chose another microphone: every call that is up sends from it from now on, not just
   * the next call. The new device is captured once and shared, as for new calls; the old capture
   * closes once no leg uses it. A leg still ringing keeps what its prepared answer opened. If the
   * new device cannot be opened the calls stay on the old one: logged, and said on the desk.
   * Switches run one after another, each with the settings of its time: the last choice wins.
   */
  useMicrophone(): Promise<void> {
    this.#microphoneSwitches = this.#microphoneSwitches.then(() => this.#moveToMicrophone());
    return this.#microphoneSwitches;
  }

  async #moveToMicrophone(): Promise<void> {
    const constraints = this.#host.microphoneConstraints();
    let moved = false;
    let unopened: string | null = null;
    for (const leg of [...this.#host.legs()]) {
      if (leg.session.state !== SessionState.Established) continue;
      let track: MediaStreamTrack | undefined;
      try {
        track = (await sharedMicrophone.stream(constraints)).getAudioTracks()[0];
      } catch (error) {
        const words = mediaFailureWords(error);
        unopened = words ?? 'the chosen microphone could not be opened';
        this.#host.failed(leg.callId, 'microphone', `Could not switch the call to the chosen microphone: ${words ?? String(error)}`);
        continue;
      }
      if (!track) continue;
      const replaced = leg.session.state === SessionState.Established && (await replaceLegMicrophone(leg, track).catch(() => false));
      if (replaced) moved = true;
      else track.stop();
    }
    sharedMicrophone.release();
    if (moved) this.#host.mediaChanged();
    this.#tell('microphone', unopened && `Calls in progress stay on the previous microphone: ${unopened}.`);
  }

  #tell(device: DeviceProblem['device'], sentence: string | null): void {
    for (const listener of this.#listeners) listener({ device, sentence });
  }
}
