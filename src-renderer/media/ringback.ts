/**
 * The ringback the caller hears while a call it placed rings: generated here when the far end
 * says 180 Ringing without sending media of its own, as desk phones and softphones do. One tone
 * for the whole desk, on while any of its outgoing legs rings (a ring-all group has twenty), off
 * when each has been answered, refused or cancelled.
 */
import { exposeToneForTests } from '../test-hooks';
import { createCadencedTone, type CadencedTone, type TonePlan } from './cadenced-tone';

/** Lower than the ringtone: it plays in the agent's ear, on the speaker (headset). */
const RINGBACK_VOLUME = 0.5;

/**
 * What a provisional response means for the ringback: a 180 without a body starts it; any 18x
 * with a body (early media: the far end's own ringback or announcement, which the agent then
 * hears) stops it, as the agent must not hear a made-up tone over what the far end sends. Once
 * early media plays, a later bodyless 180 (some gateways send one) does not bring the tone back.
 */
export function ringbackOnProgress(statusCode: number, hasBody: boolean, earlyMediaPlaying = false): 'start' | 'stop' | 'keep' {
  if (hasBody) return 'stop';
  return statusCode === 180 && !earlyMediaPlaying ? 'start' : 'keep';
}

export interface RingbackOutput {
  plan: TonePlan;
  /** The speaker device; '' for the system default. */
  sinkId: string;
}

export class Ringback {
  readonly #ringing = new Set<string>();
  #tone: CadencedTone | undefined;
  readonly #createTone: () => CadencedTone;

  constructor(createTone: () => CadencedTone = createCadencedTone) {
    this.#createTone = createTone;
    exposeToneForTests('ringback', this);
  }

  /** What the tone's output plays, once it has played (the end-to-end tests analyse it). */
  get stream(): MediaStream | undefined {
    return this.#tone?.stream;
  }

  /** The leg `callId` rings at the far end. */
  start(callId: string, output: RingbackOutput): void {
    const wasSilent = this.#ringing.size === 0;
    this.#ringing.add(callId);
    if (!wasSilent) return;
    // Created at the first ringback, after the agent's first click or key: a context created
    // earlier would start suspended under the autoplay rule.
    this.#tone ??= this.#createTone();
    void this.#tone.start(output.plan, { sinkId: output.sinkId, volume: RINGBACK_VOLUME });
  }

  /** The leg `callId` no longer rings (answered, refused, cancelled, ended). */
  stop(callId: string): void {
    if (!this.#ringing.delete(callId) || this.#ringing.size > 0) return;
    this.#tone?.stop();
  }
}
