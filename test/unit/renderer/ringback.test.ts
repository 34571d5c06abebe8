/**
 * The caller's ringback: which tone a country gets, when a provisional response starts or stops
 * it, and one tone for many ringing legs. Web Audio is the boundary faked here; the end-to-end
 * test in call-basics.spec.ts measures the real tone in Chromium.
 */
import { describe, expect, it } from 'vitest';
import type { CadencedTone, ToneOptions, TonePlan } from '../../../src-renderer/media/cadenced-tone.js';
import { Ringback, ringbackOnProgress } from '../../../src-renderer/media/ringback.js';
import { ETSI_RINGBACK, ringbackPlanFor } from '../../../src-renderer/media/ringback-plans.js';

class FakeTone implements CadencedTone {
  readonly state = 'running' as const;
  readonly stream = undefined;
  playing = false;
  readonly starts: { plan: TonePlan; options: ToneOptions }[] = [];
  stops = 0;
  onStateChange = () => () => undefined;
  async start(plan: TonePlan, options: ToneOptions): Promise<void> {
    this.playing = true;
    this.starts.push({ plan, options });
  }
  stop(): void {
    this.playing = false;
    this.stops += 1;
  }
  unlock = async () => undefined;
  dispose = () => undefined;
}

const output = { plan: ETSI_RINGBACK, sinkId: 'headset' };

describe('ringbackPlanFor', () => {
  it('gives North America its 440 + 480 Hz, 2 s on / 4 s off, by calling code +1', () => {
    for (const country of ['US', 'CA', 'JM']) {
      expect(ringbackPlanFor(country)).toEqual({ frequenciesHz: [440, 480], cadence: [[2, 4]] });
    }
  });

  it('gives Britain and Ireland the double ring', () => {
    for (const country of ['GB', 'IE']) {
      expect(ringbackPlanFor(country)).toEqual({ frequenciesHz: [400, 450], cadence: [[0.4, 0.2], [0.4, 2]] });
    }
  });

  it('gives every other country the ETSI 425 Hz tone, 1 s on / 4 s off', () => {
    for (const country of ['DE', 'IT', 'NL', 'ZA', 'BR', 'XX']) expect(ringbackPlanFor(country)).toBe(ETSI_RINGBACK);
    expect(ETSI_RINGBACK).toEqual({ frequenciesHz: [425], cadence: [[1, 4]] });
  });
});

describe('ringbackOnProgress', () => {
  it('starts on a 180 without media of its own', () => {
    expect(ringbackOnProgress(180, 'none')).toBe('start');
  });

  it('stops when a provisional response brings the far end’s own media, which the desk plays', () => {
    expect(ringbackOnProgress(183, 'played')).toBe('stop');
    expect(ringbackOnProgress(180, 'played')).toBe('stop');
  });

  it('leaves the tone as it is on other provisional responses without media', () => {
    expect(ringbackOnProgress(183, 'none')).toBe('keep');
    expect(ringbackOnProgress(181, 'none')).toBe('keep');
  });

  it('does not bring the tone back over early media that is already playing (a gateway’s later bare 180)', () => {
    expect(ringbackOnProgress(180, 'none', true)).toBe('keep');
    expect(ringbackOnProgress(183, 'played', true)).toBe('stop');
  });

  it('rings on a 18x whose early media is not played (turned off), so the agent does not hear silence', () => {
    expect(ringbackOnProgress(183, 'not_played')).toBe('start');
    expect(ringbackOnProgress(180, 'not_played')).toBe('start');
  });
});

describe('Ringback', () => {
  it('plays one tone while any leg rings and stops it when the last one stops', () => {
    const tone = new FakeTone();
    const ringback = new Ringback(() => tone);
    ringback.start('leg-1', output);
    ringback.start('leg-2', output);
    ringback.start('leg-1', output); // a second 180 on the same leg
    expect(tone.starts).toHaveLength(1);
    expect(tone.starts[0]!.options).toEqual({ sinkId: 'headset', volume: 0.5 });
    expect(tone.starts[0]!.plan).toBe(ETSI_RINGBACK);

    ringback.stop('leg-1');
    expect(tone.playing).toBe(true);
    ringback.stop('leg-2');
    expect(tone.playing).toBe(false);
  });

  it('ignores the end of a leg that never rang, and starts again for the next call', () => {
    const tone = new FakeTone();
    const ringback = new Ringback(() => tone);
    ringback.stop('never-rang');
    expect(tone.stops).toBe(0);
    ringback.start('leg-1', output);
    ringback.stop('leg-1');
    ringback.start('leg-2', output);
    expect(tone.starts).toHaveLength(2);
    expect(tone.playing).toBe(true);
  });

  it('creates its audio only when a call first rings (the autoplay rule)', () => {
    let created = 0;
    const ringback = new Ringback(() => {
      created += 1;
      return new FakeTone();
    });
    expect(created).toBe(0);
    ringback.start('leg-1', output);
    ringback.stop('leg-1');
    ringback.start('leg-2', output);
    expect(created).toBe(1);
  });
});
