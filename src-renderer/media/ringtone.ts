/**
 * The ringtone: a two-tone ring cadence (440 + 480 Hz, 2 s on / 4 s off) generated with Web Audio
 * and played through an <audio> element, so that it can be sent to the ringer device with
 * setSinkId() independently of the call audio.
 *
 * Autoplay: a page may not start audio before the person interacts with it. `state` is
 * 'suspended' until unlock() runs inside a user gesture; the desk shows one prompt for that.
 */

export type RingtoneState = 'running' | 'suspended' | 'unavailable';

export interface RingOptions {
  /** MediaDeviceInfo.deviceId of the ringer; '' for the system default. */
  sinkId: string;
  /** 0..1 */
  volume: number;
}

export interface Ringtone {
  readonly state: RingtoneState;
  readonly ringing: boolean;
  onStateChange(listener: (state: RingtoneState) => void): () => void;
  /** Start ringing (or keep ringing with new options). */
  start(options: RingOptions): Promise<void>;
  stop(): void;
  /** Resume audio; call from a click or key handler. */
  unlock(): Promise<void>;
  dispose(): void;
}

const TONES_HZ = [440, 480];
const ON_S = 2;
const CYCLE_S = 6;
const RAMP_S = 0.02;
/** Cycles scheduled ahead at start: more than the longest ring (timeout_seconds ≤ 600). */
const CYCLES_AHEAD = 101;

export function createRingtone(): Ringtone {
  if (typeof AudioContext === 'undefined') return unavailableRingtone();

  const context = new AudioContext({ latencyHint: 'playback' });
  const destination = context.createMediaStreamDestination();
  const envelope = context.createGain();
  envelope.gain.value = 0;
  envelope.connect(destination);

  const audio = new Audio();
  audio.srcObject = destination.stream;

  const listeners = new Set<(state: RingtoneState) => void>();
  let oscillators: OscillatorNode[] = [];
  let ringing = false;
  let sinkId = '';

  const currentState = (): RingtoneState => (context.state === 'running' ? 'running' : 'suspended');
  context.onstatechange = () => listeners.forEach((listener) => listener(currentState()));

  function startTones(): void {
    if (oscillators.length) return;
    oscillators = TONES_HZ.map((hz) => {
      const oscillator = context.createOscillator();
      oscillator.frequency.value = hz;
      const level = context.createGain();
      level.gain.value = 0.35;
      oscillator.connect(level).connect(envelope);
      oscillator.start();
      return oscillator;
    });
    const gain = envelope.gain;
    const t0 = context.currentTime + 0.05;
    gain.cancelScheduledValues(0);
    gain.setValueAtTime(0, t0);
    for (let i = 0; i < CYCLES_AHEAD; i += 1) {
      const on = t0 + i * CYCLE_S;
      gain.setValueAtTime(0, on);
      gain.linearRampToValueAtTime(1, on + RAMP_S);
      gain.setValueAtTime(1, on + ON_S - RAMP_S);
      gain.linearRampToValueAtTime(0, on + ON_S);
    }
  }

  function stopTones(): void {
    envelope.gain.cancelScheduledValues(0);
    envelope.gain.setValueAtTime(0, context.currentTime);
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
      // The ringer was unplugged or is not allowed: ring on the default device rather than not at all.
      await audio.setSinkId('').catch(() => undefined);
      sinkId = '';
    }
  }

  return {
    get state() {
      return currentState();
    },
    get ringing() {
      return ringing;
    },
    onStateChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    async start(options) {
      audio.volume = Math.min(1, Math.max(0, options.volume));
      await routeTo(options.sinkId);
      if (!ringing) {
        ringing = true;
        startTones();
      }
      if (audio.paused) await audio.play().catch(() => undefined);
    },
    stop() {
      ringing = false;
      stopTones();
      audio.pause();
    },
    async unlock() {
      if (context.state !== 'running') await context.resume().catch(() => undefined);
      if (ringing && audio.paused) await audio.play().catch(() => undefined);
    },
    dispose() {
      this.stop();
      listeners.clear();
      void context.close().catch(() => undefined);
    },
  };
}

function unavailableRingtone(): Ringtone {
  return {
    state: 'unavailable',
    ringing: false,
    onStateChange: () => () => undefined,
    start: async () => undefined,
    stop: () => undefined,
    unlock: async () => undefined,
    dispose: () => undefined,
  };
}
