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
 * The far end's own media in a provisional response (SDP in a 18x: early media): none, or some
 * that the desk plays, or some it does not (the agent turned early media off).
 */
export type ProgressMedia = 'none' | 'played' | 'not_played';

/**
 * What a provisional response means for the ringback. Early media that the agent will hear (the
 * far end's own ringback or announcement) stops it: no made-up tone over what the far end sends,
 * and once that plays a later bare 180 (some gateways send one) does not bring the tone back. A
 * 180 starts it, and so does a 18x whose media is not played: the far end is progressing, and
 * the agent would otherwise hear nothing.
 */
export function ringbackOnProgress(statusCode: number, media: ProgressMedia, earlyMediaPlaying = false): 'start' | 'stop' | 'keep' {
  if (media === 'played') return 'stop';
  if (earlyMediaPlaying) return 'keep';
  return statusCode === 180 || media === 'not_played' ? 'start' : 'keep';
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
