/**
 * Plays media-library audio into a call (the engine's `play` command: seed 002's broadcasts and
 * real-time apps). Every item is fetched and decoded first (AudioContext.decodeAudioData: WAV,
 * MP3, Ogg/Opus, WebM/Opus in Chromium), so a bad item fails the playback before the far end
 * hears anything. Then, as the conference mixer does, the leg's outgoing microphone track is
 * replaced (RTCRtpSender.replaceTrack: no renegotiation) by a MediaStreamAudioDestinationNode's
 * track that carries the items one after another; afterwards the microphone is put back.
 *
 * At most one playback per call; a new one replaces the one in progress (which ends `stopped`).
 * Each playback ends exactly once, reported with its outcome.
 */
import type { LegMedia, LegMediaSource } from './leg-media.js';

export type PlaybackOutcome = 'finished' | 'stopped' | 'failed';

export interface PlaybackReport {
  readonly call_id: string;
  readonly playback_id: string;
  readonly outcome: PlaybackOutcome;
  readonly message?: string;
}

export interface LegPlaybackDeps {
  readonly legs: LegMediaSource;
  /** The audio bytes and type of a media-library item (rejects with a readable reason). */
  fetchMedia(id: number): Promise<{ contentType: string; data: ArrayBuffer }>;
  report(report: PlaybackReport): void;
}

/** How long the browser may take to let an AudioContext run (autoplay policy) before we give up. */
const RESUME_TIMEOUT_MS = 3000;

interface Running {
  readonly playbackId: string;
  /** Ends the playback with this outcome; safe to call more than once. */
  finish(outcome: PlaybackOutcome, message?: string): void;
}

export class LegPlayback {
  readonly #deps: LegPlaybackDeps;
  readonly #running = new Map<string, Running>();
  #context: AudioContext | undefined;

  constructor(deps: LegPlaybackDeps) {
    this.#deps = deps;
  }

  isPlaying(callId: string): boolean {
    return this.#running.has(callId);
  }

  /** Stop this call's playback, reporting `stopped` (stop_playback, or the leg ended). */
  stop(callId: string): void {
    this.#running.get(callId)?.finish('stopped');
  }

  async play(callId: string, playbackId: string, mediaIds: readonly number[]): Promise<void> {
    this.stop(callId);
    let done = false;
    let cleanup: () => void = () => undefined;
    const running: Running = {
      playbackId,
      finish: (outcome, message) => {
        if (done) return;
        done = true;
        cleanup();
        if (this.#running.get(callId) === running) this.#running.delete(callId);
        this.#deps.report({ call_id: callId, playback_id: playbackId, outcome, ...(message === undefined ? {} : { message }) });
      },
    };
    this.#running.set(callId, running);
    try {
      const context = await this.#runningContext();
      const buffers: AudioBuffer[] = [];
      for (const id of mediaIds) {
        const media = await this.#deps.fetchMedia(id);
        if (done) return;
        try {
          buffers.push(await context.decodeAudioData(media.data));
        } catch {
          throw new Error(`media ${id} (${media.contentType}) could not be decoded: use WAV, MP3, Ogg or WebM audio`);
        }
      }
      if (done) return;
      const leg = this.#deps.legs.media(callId);
      if (!leg) throw new Error('The call is not connected in this window');
      cleanup = await this.#route(context, leg, buffers, () => running.finish('finished'));
      if (done) cleanup(); // stopped while the track was being swapped
    } catch (error) {
      running.finish('failed', error instanceof Error ? error.message : String(error));
    }
  }

  /** Swap the leg's sender onto the items, one after another; returns the undo. */
  async #route(context: AudioContext, leg: LegMedia, buffers: readonly AudioBuffer[], onFinished: () => void): Promise<() => void> {
    const sender = leg.peerConnection.getSenders().find((candidate) => candidate.track?.kind === 'audio' || candidate.track === null);
    if (!sender) throw new Error('The call has no audio to replace');
    const microphone = sender.track;
    const destination = context.createMediaStreamDestination();
    const track = destination.stream.getAudioTracks()[0];
    if (!track) throw new Error('No audio track to play into the call');
    // Keep the held/muted state the agent chose: a muted leg sends silence, played or not.
    track.enabled = microphone?.enabled ?? true;
    await sender.replaceTrack(track);

    let current: AudioBufferSourceNode | undefined;
    let undone = false;
    const undo = (): void => {
      if (undone) return;
      undone = true;
      if (current) {
        current.onended = null;
        current.stop();
        current.disconnect();
      }
      destination.disconnect();
      if (microphone && microphone.readyState === 'live') void sender.replaceTrack(microphone).catch(() => undefined);
      track.stop();
    };
    const playFrom = (index: number): void => {
      const buffer = buffers[index];
      if (undone) return;
      if (!buffer) {
        onFinished();
        return;
      }
      const source = context.createBufferSource();
      source.buffer = buffer;
      source.connect(destination);
      source.onended = () => {
        source.disconnect();
        playFrom(index + 1);
      };
      current = source;
      source.start();
    };
    playFrom(0);
    return undo;
  }

  async #runningContext(): Promise<AudioContext> {
    const context = (this.#context ??= new AudioContext());
    if (context.state === 'running') return context;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const blocked = new Promise<never>((_resolve, reject) => {
      timer = setTimeout(
        () => reject(new Error('The browser did not allow audio playback: click anywhere in the desk once, then try again')),
        RESUME_TIMEOUT_MS,
      );
    });
    try {
      await Promise.race([context.resume(), blocked]);
    } finally {
      clearTimeout(timer);
    }
    return context;
  }
}

/** The bytes of a base64 string (the chunks of `api.media_read`). */
export function bytesOfBase64(base64: string): Uint8Array {
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let index = 0; index < binary.length; index++) bytes[index] = binary.charCodeAt(index);
  return bytes;
}
