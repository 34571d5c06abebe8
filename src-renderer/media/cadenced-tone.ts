/**
 * A call-progress tone: a few sine frequencies switched on and off in a cadence, generated with
 * Web Audio and played through an <audio> element, so that setSinkId() can send it to a chosen
 * device (the ringer for the ringtone, the speaker for the ringback).
 *
 * The cadence is scheduled on the audio clock when the tone starts, not with timers: a hidden
 * window's timers are throttled, and a ring is for exactly the moment the window is hidden.
 *
 * Between tones nothing runs: 2 s after a tone stops the context is suspended and the element
 * lets go of its source, so an idle desk holds no audio device open (desk-cost bench:
 * docs/benchmarks.md).
 *
 * Autoplay: a page may not start audio before the person interacts with it. `state` is
 * 'suspended' until unlock() runs inside a user gesture (or the page has had one).
 */

export type ToneState = 'running' | 'suspended' | 'unavailable';

export interface TonePlan {
  /** Played together while the tone is on. */
  readonly frequenciesHz: readonly number[];
  /** One cadence cycle as on/off pairs in seconds, repeated: e.g. [[2, 4]], or [[0.4, 0.2], [0.4, 2]]. */
  readonly cadence: readonly (readonly [on: number, off: number])[];
}

export interface ToneOptions {
  /** MediaDeviceInfo.deviceId of the output; '' for the system default. */
  sinkId: string;
  /** 0..1 */
  volume: number;
}

export interface CadencedTone {
  readonly state: ToneState;
  /** What the output element plays (for diagnostics and the end-to-end tests' analysis). */
  readonly stream: MediaStream | undefined;
  onStateChange(listener: (state: ToneState) => void): () => void;
  /** Start the tone (or keep it going with new options; the plan applies from the next start). */
  start(plan: TonePlan, options: ToneOptions): Promise<void>;
  stop(): void;
  /** Resume audio; call from a click or key handler. */
  unlock(): Promise<void>;
  dispose(): void;
}

const RAMP_S = 0.02;
/**
 * How long a stopped tone keeps its element's source. Letting go costs the page 2–3 ms (the
 * element's media player is torn down), which at a ringtone's stop would fall in the first
 * milliseconds of the answer; after a pause it costs nothing that matters.
 */
const RELEASE_AFTER_MS = 2000;
const LEVEL_PER_TONE = 0.35;
/** Scheduled ahead at start: more than the longest ring (timeout_seconds ≤ 600). */
const SCHEDULED_AHEAD_S = 620;

export function createCadencedTone(): CadencedTone {
  if (typeof AudioContext === 'undefined') return unavailableTone();

  const context = new AudioContext({ latencyHint: 'playback' });
  const destination = context.createMediaStreamDestination();

  const audio = new Audio();

  const listeners = new Set<(state: ToneState) => void>();
  let oscillators: OscillatorNode[] = [];
  /** The cadence of the tone playing: a gain node of its own, scheduled at its start. */
  let envelope: GainNode | null = null;
  let playing = false;
  let sinkId = '';
  /** Counts starts and stops, so that a start still choosing its device knows it was stopped. */
  let generation = 0;
  let releaseTimer: ReturnType<typeof setTimeout> | undefined;

  /** The context has run once: audio is allowed (the autoplay rule), even while we keep it suspended. */
  let allowed = context.state === 'running';
  const currentState = (): ToneState => (allowed || context.state === 'running' ? 'running' : 'suspended');
  context.onstatechange = () => {
    if (context.state === 'running') allowed = true;
    listeners.forEach((listener) => listener(currentState()));
    idleIfSilent();
  };

  /**
   * A running context keeps its audio thread going and the output device open even when it
   * plays nothing: measured here, about 9 ms of CPU a second in Chromium's audio service and
   * 3–4 ms in the page, all day long. Between tones it is suspended; start() resumes it, which
   * the autoplay rule allows once the context has run.
   */
  function idleIfSilent(): void {
    if (!playing && context.state === 'running') void context.suspend().catch(() => undefined);
  }

  function startTones(plan: TonePlan): void {
    if (oscillators.length) return;
    const cadence = context.createGain();
    cadence.gain.value = 0;
    cadence.connect(destination);
    envelope = cadence;
    oscillators = plan.frequenciesHz.map((hz) => {
      const oscillator = context.createOscillator();
      oscillator.frequency.value = hz;
      const level = context.createGain();
      level.gain.value = LEVEL_PER_TONE;
      oscillator.connect(level).connect(cadence);
      oscillator.start();
      return oscillator;
    });
    const gain = cadence.gain;
    const t0 = context.currentTime + 0.05;
    gain.setValueAtTime(0, t0);
    const cycleS = plan.cadence.reduce((sum, [on, off]) => sum + on + off, 0);
    for (let cycle = t0; cycle < t0 + SCHEDULED_AHEAD_S; cycle += cycleS) {
      let at = cycle;
      for (const [on, off] of plan.cadence) {
        gain.setValueAtTime(0, at);
        gain.linearRampToValueAtTime(1, at + RAMP_S);
        gain.setValueAtTime(1, at + on - RAMP_S);
        gain.linearRampToValueAtTime(0, at + on);
        at += on + off;
      }
    }
  }

  function stopTones(): void {
    // Silence by letting go of the envelope, schedule and all: cancelling its ten minutes of
    // cadence (400–1,700 events) took 1.3 ms of the page at every stop, and a ringtone stops
    // at the moment of an answer (CPU profiles of the answer, docs/benchmarks.md).
    envelope?.disconnect();
    envelope = null;
    for (const oscillator of oscillators) {
      try {
        oscillator.stop();
      } catch {
        // already stopped
      }
      oscillator.disconnect();
    }
    oscillators = [];
  }

  async function routeTo(nextSink: string): Promise<void> {
    if (nextSink === sinkId || typeof audio.setSinkId !== 'function') return;
    try {
      await audio.setSinkId(nextSink);
      sinkId = nextSink;
    } catch {
      // The device was unplugged or is not allowed: play on the default one rather than not at all.
      await audio.setSinkId('').catch(() => undefined);
      sinkId = '';
    }
  }

  return {
    get state() {
      return currentState();
    },
    stream: destination.stream,
    onStateChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    async start(plan, options) {
      // Decided before any await: a stop() while the device is being chosen must win.
      const started = ++generation;
      clearTimeout(releaseTimer);
      audio.volume = Math.min(1, Math.max(0, options.volume));
      if (!playing) {
        playing = true;
        startTones(plan);
      }
      // Not awaited: before the page's first click (browser mode) it settles only at that click.
      if (context.state !== 'running') void context.resume().catch(() => undefined);
      await routeTo(options.sinkId);
      if (started !== generation) return;
      audio.srcObject ??= destination.stream;
      if (audio.paused) await audio.play().catch(() => undefined);
    },
    stop() {
      generation += 1;
      playing = false;
      stopTones();
      audio.pause();
      // A paused element still holds its output stream open in Chromium's audio service
      // (~13 ms of CPU a second here, after the first ring, for good): let go of the source,
      // and suspend the context, once the moment of the stop (often an answer) has passed.
      // Both cost the main thread 1–3 ms (CPU profiles of the answer), and that moment is
      // when the call's media is being set up.
      clearTimeout(releaseTimer);
      releaseTimer = setTimeout(() => {
        if (playing) return;
        audio.srcObject = null;
        idleIfSilent();
      }, RELEASE_AFTER_MS);
    },
    async unlock() {
      if (context.state !== 'running') await context.resume().catch(() => undefined);
      if (playing && audio.paused) {
        audio.srcObject ??= destination.stream;
        await audio.play().catch(() => undefined);
      }
    },
    dispose() {
      this.stop();
      clearTimeout(releaseTimer);
      audio.srcObject = null;
      listeners.clear();
      void context.close().catch(() => undefined);
    },
  };
}

function unavailableTone(): CadencedTone {
  return {
    state: 'unavailable',
    stream: undefined,
    onStateChange: () => () => undefined,
    start: async () => undefined,
    stop: () => undefined,
    unlock: async () => undefined,
    dispose: () => undefined,
  };
}
