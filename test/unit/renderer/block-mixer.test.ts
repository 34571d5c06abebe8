import { describe, expect, it } from 'vitest';
import { BLOCK_SAMPLES, BlockMixer, MAX_QUEUED_BLOCKS, type MixedTick } from '../../../src-renderer/media/block-mixer.js';
import { HOST, mixMatrix } from '../../../src-renderer/media/mix-matrix.js';

/** A block of one constant value: each source's level says who is in a mix. */
const block = (value: number, blocks = 1): Float32Array => new Float32Array(BLOCK_SAMPLES * blocks).fill(value);

/** Each listener's level (its first sample) per tick, rounded to dodge float noise. */
function levels(ticks: MixedTick[]): Array<Record<string, number>> {
  return ticks.map((tick) => Object.fromEntries([...tick].map(([listener, samples]) => [listener, Math.round(samples[0]! * 1000) / 1000])));
}

/** A mixer with legs b and c (pacing) and the host's microphone, as a 3-party conference. */
function threeParty(): { mixer: BlockMixer; ticks: MixedTick[]; push(id: string, samples: Float32Array, atMs: number): void } {
  const mixer = new BlockMixer();
  mixer.addSource('b', { paces: true });
  mixer.addSource('c', { paces: true });
  mixer.addSource(HOST, { paces: false });
  mixer.setHears(mixMatrix([{ id: 'b', role: 'participant' }, { id: 'c', role: 'participant' }]));
  const ticks: MixedTick[] = [];
  // The mixer reuses its blocks: copy each tick as it comes.
  const keep = (tick: MixedTick): void => void ticks.push(new Map([...tick].map(([id, samples]) => [id, samples.slice()])));
  return { mixer, ticks, push: (id, samples, atMs) => mixer.push(id, samples, atMs, keep) };
}

describe('block mixer', () => {
  it('gives every listener the sum of what it hears, never itself; the host hears both legs', () => {
    const { ticks, push } = threeParty();
    push(HOST, block(0.05), 0);
    push('b', block(0.1), 1);
    push('c', block(0.2), 1.01);
    expect(levels(ticks)).toEqual([{ host: 0.3, b: 0.25, c: 0.15 }]);
  });

  it('clips a sum beyond full scale at full scale', () => {
    const { ticks, push } = threeParty();
    push('b', block(0.7), 0);
    push('c', block(0.6), 0.01);
    expect(levels(ticks)).toEqual([{ host: 1, b: 0.6, c: 0.7 }]);
  });

  it('waits for every leg that is delivering, and not for the microphone', () => {
    const { ticks, push } = threeParty();
    push('b', block(0.1), 0);
    push('c', block(0.2), 0.01); // both legs are known to deliver from here on
    push('b', block(0.1), 10);
    expect(ticks).toHaveLength(1); // c's frame of this round is not in yet
    push('c', block(0.2), 10.01);
    expect(levels(ticks).at(-1)).toEqual({ host: 0.3, b: 0.2, c: 0.1 }); // no microphone block: silence in its place
  });

  it('stops waiting for a leg two ticks after it stopped delivering, and ticks on when a leg is a block ahead', () => {
    const { ticks, push } = threeParty();
    push('b', block(0.1), 0);
    push('c', block(0.2), 0.01);
    // c falls silent: b's next block waits for it once…
    push('b', block(0.1), 10);
    expect(ticks).toHaveLength(1);
    // …but b a block ahead ticks anyway (c's part is silence), and after two ticks c is not waited for.
    push('b', block(0.1), 20);
    expect(ticks).toHaveLength(3);
    push('b', block(0.1), 30);
    expect(ticks).toHaveLength(4);
    expect(levels(ticks).at(-1)).toEqual({ host: 0.1, b: 0, c: 0.1 });
  });

  it(`never queues more than ${MAX_QUEUED_BLOCKS} blocks of a source: on drift the oldest audio goes`, () => {
    const { ticks, push } = threeParty();
    push(HOST, new Float32Array([...block(0.01), ...block(0.02), ...block(0.03)]), 0); // three blocks at once
    push('b', block(0.1), 1);
    push('c', block(0.2), 1.01);
    push('b', block(0.1), 11);
    push('c', block(0.2), 11.01);
    push('b', block(0.1), 21);
    push('c', block(0.2), 21.01);
    // b hears c + host: the host's first block was dropped, the next two came in order, then silence.
    expect(levels(ticks).map((tick) => tick.b)).toEqual([0.22, 0.23, 0.2]);
  });

  it('a leg whose frames come just after each tick is mixed a round late until one of its blocks is dropped; then rounds line up', () => {
    const { ticks, push } = threeParty();
    // c's first frame came just before the conference's first tick, so each round b's frame
    // (arriving first) ticks the mix with c's frame of the round before: c is a round behind.
    push('c', block(0), 0);
    for (let round = 1; round <= 60; round++) {
      push('b', block(round / 1000), round * 10);
      push('c', block(round / 1000), round * 10 + 0.05);
    }
    const bHearsC = levels(ticks).map((tick) => tick.b);
    expect(ticks).toHaveLength(60);
    // Before the realignment, in round 11 b heard c's frame of round 10…
    expect(bHearsC[10]).toBe(0.01);
    // …after it, c's frame of the same round: the tick comes when c's frame is in. c's frame of
    // round 50, queued when round 51 began, is the one dropped.
    expect(bHearsC.at(-1)).toBe(0.06);
    expect(bHearsC).not.toContain(0.05);
  });

  it('trims a microphone that keeps a whole block left over, so the host is not heard late', () => {
    const { ticks, push } = threeParty();
    push(HOST, block(0), 0);
    for (let round = 1; round <= 60; round++) {
      push(HOST, block(round / 1000), round * 10 - 5); // one block ahead of the legs throughout
      push('b', block(0), round * 10);
      push('c', block(0), round * 10 + 0.05);
    }
    const bHearsHost = levels(ticks).map((tick) => tick.b);
    expect(bHearsHost[10]).toBe(0.01); // round 11: the block of the round before
    expect(bHearsHost.at(-1)).toBe(0.06); // after the trim: this round's
  });

  it('reports the sources above a level since the last reading', () => {
    const { mixer, push } = threeParty();
    push('b', block(0.5), 0);
    push('c', block(0.001), 0.01);
    expect(mixer.takeLevelsAbove(0.02)).toEqual(new Set(['b']));
    expect(mixer.takeLevelsAbove(0.02)).toEqual(new Set());
  });
});
