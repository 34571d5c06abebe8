/**
 * The sample arithmetic of the conference mix, and its clock (docs/conferences.md, "Mixing
 * (renderer)"). Pure: the mix worker (mix-worker.ts) feeds it each source's audio as it
 * arrives, with the time, and writes the blocks it gives back; the unit tests drive it with
 * plain arrays.
 *
 * Sources are queued, and a tick takes one 10 ms block from each and sums, for every listener,
 * the sources that listener hears (mix-matrix.ts). When to tick is the whole design:
 *
 * - The call legs' audio *paces* the mix. Chromium pulls every remote track of a page on one
 *   clock (the page's audio renderer, 10 ms at a time), so the legs' frames arrive together; a
 *   tick waits until each pacing source that is delivering has a block, so a party's voice waits
 *   for nothing but the others' frames of the same 10 ms.
 * - The host's microphone runs on its own clock and is taken as it is: a block if one is there,
 *   silence otherwise. Waiting for it would add up to a frame to every party's path.
 * - A source that stops delivering (a dead track) is not waited for after two ticks, and any
 *   source a block ahead of the others ticks anyway, so one stalled source costs at most one
 *   block of delay.
 * - A queue never holds more than MAX_QUEUED_BLOCKS: on drift between clocks the oldest audio is
 *   dropped rather than letting delay grow.
 * - Ticks line up with the latest arrival of each round. Which leg's frame comes first in a
 *   round depends on how the conference started; if a leg's block has waited most of a frame at
 *   every tick for half a second (its frames come just after the tick, so each is mixed one
 *   round late), one of its blocks is dropped, once: 10 ms of that leg's audio, for a frame less
 *   delay from then on. A microphone that keeps a whole block left over is trimmed the same way.
 */

/** Sample rate of the mix; sources at other rates are resampled on the way in. */
export const MIX_SAMPLE_RATE = 48_000;
/** Samples per tick: 10 ms, WebRTC's audio frame. */
export const BLOCK_SAMPLES = MIX_SAMPLE_RATE / 100;
/** A queue deeper than this drops its oldest samples. */
export const MAX_QUEUED_BLOCKS = 2;
/** A pacing source silent for this many ticks is no longer waited for. */
const STALE_AFTER_TICKS = 2;
const BLOCK_MS = (BLOCK_SAMPLES / MIX_SAMPLE_RATE) * 1000;
/** A block that waited longer than this for its tick was mixed a round late… */
const LATE_WAIT_MS = 0.75 * BLOCK_MS;
/** …and after this many such ticks in a row, its source drops a block to catch up. */
const REALIGN_AFTER_TICKS = 50;

export interface SourceOptions {
  /** Does this source's arrival set the mix's clock (call legs: yes; the microphone: no)? */
  readonly paces: boolean;
}

/**
 * One tick's output: for every listener, a block of BLOCK_SAMPLES samples. The blocks are reused
 * at the next tick: read (or copy) them before the callback returns.
 */
export type MixedTick = ReadonlyMap<string, Float32Array<ArrayBuffer>>;

interface Source {
  readonly paces: boolean;
  /** This tick's block (reused every tick). */
  readonly block: Float32Array;
  /** Queued samples, oldest first: `buffer[start, end)`. */
  readonly buffer: Float32Array;
  start: number;
  end: number;
  /** The tick count when it last delivered. */
  deliveredAt: number;
  /** When (ms, the caller's clock) its newest samples arrived. */
  arrivedAtMs: number;
  /** Ticks in a row at which this source's block had waited (or, unpaced, was left over). */
  lateTicks: number;
  /** Sum of squares and sample count since the last level reading. */
  energy: number;
  counted: number;
}

export class BlockMixer {
  readonly #sources = new Map<string, Source>();
  /** Listener id → the source ids it hears. */
  #hears: ReadonlyMap<string, ReadonlySet<string>> = new Map();
  /** Every source summed, this tick (reused). */
  readonly #total = new Float32Array(BLOCK_SAMPLES);
  /** Each listener's block (reused: a fresh array per block and tick costs more than the mix). */
  readonly #mixed = new Map<string, Float32Array<ArrayBuffer>>();
  #ticks = 0;

  addSource(id: string, options: SourceOptions): void {
    this.#sources.set(id, {
      paces: options.paces,
      block: new Float32Array(BLOCK_SAMPLES),
      buffer: new Float32Array(BLOCK_SAMPLES * MAX_QUEUED_BLOCKS),
      start: 0,
      end: 0,
      // A new source counts as delivering until it has missed two ticks: the conference's first
      // tick then waits for every leg's first frame instead of starting a round early.
      deliveredAt: this.#ticks,
      arrivedAtMs: -Infinity,
      lateTicks: 0,
      energy: 0,
      counted: 0,
    });
  }

  removeSource(id: string): void {
    this.#sources.delete(id);
  }

  /** Who hears whom, from mixMatrix(): every listener gets a block at every tick. */
  setHears(hears: ReadonlyMap<string, readonly string[]>): void {
    this.#hears = new Map([...hears].map(([listener, speakers]) => [listener, new Set(speakers)]));
    for (const listener of this.#mixed.keys()) if (!hears.has(listener)) this.#mixed.delete(listener);
    for (const listener of hears.keys()) if (!this.#mixed.has(listener)) this.#mixed.set(listener, new Float32Array(BLOCK_SAMPLES));
  }

  /**
   * A source's next samples (mono, MIX_SAMPLE_RATE; copied in), arrived at `nowMs` (any steady
   * clock in ms). Calls `onTick` for each tick now due, oldest first (usually none or one).
   */
  push(id: string, samples: Float32Array, nowMs: number, onTick: (tick: MixedTick) => void): void {
    const source = this.#sources.get(id);
    if (!source) return;
    enqueue(source, samples);
    source.deliveredAt = this.#ticks;
    source.arrivedAtMs = nowMs;
    this.#catchUp(nowMs);
    while (this.#due()) onTick(this.#tick(nowMs));
  }

  /**
   * The sources whose RMS level since the last call is above `threshold` (0..1 full scale);
   * starts the next reading.
   */
  takeLevelsAbove(threshold: number): Set<string> {
    const loud = new Set<string>();
    for (const [id, source] of this.#sources) {
      if (source.counted > 0 && Math.sqrt(source.energy / source.counted) > threshold) loud.add(id);
      source.energy = 0;
      source.counted = 0;
    }
    return loud;
  }

  /**
   * A leg mixed a round late for REALIGN_AFTER_TICKS ticks drops its stale block now, as the
   * round's first frame arrives, so that this round's tick waits for its fresh one.
   */
  #catchUp(nowMs: number): void {
    for (const source of this.#sources.values()) {
      if (!source.paces || source.lateTicks < REALIGN_AFTER_TICKS || !waitedLong(source, nowMs)) continue;
      source.lateTicks = 0;
      source.start += BLOCK_SAMPLES;
    }
  }

  #due(): boolean {
    let pacing = 0;
    for (const source of this.#sources.values()) {
      if (!source.paces) continue;
      const queued = source.end - source.start;
      if (queued >= 2 * BLOCK_SAMPLES) return true;
      const delivering = this.#ticks - source.deliveredAt < STALE_AFTER_TICKS;
      if (delivering && queued < BLOCK_SAMPLES) return false;
      if (queued >= BLOCK_SAMPLES) pacing += 1;
    }
    return pacing > 0;
  }

  /**
   * One block for every listener. A listener usually hears all sources but one or two (itself,
   * a listening supervisor), so its mix is the sum of all minus those when that is fewer
   * operations: 2N block additions per tick for N parties instead of N².
   */
  #tick(nowMs: number): MixedTick {
    this.#ticks += 1;
    const total = this.#total.fill(0);
    for (const source of this.#sources.values()) {
      countLateness(source, nowMs);
      takeBlock(source);
      addInto(total, source.block, 1);
    }
    for (const [listener, out] of this.#mixed) {
      const speakers = this.#hears.get(listener)!;
      const heard: Source[] = [];
      const unheard: Source[] = [];
      for (const [id, source] of this.#sources) (speakers.has(id) ? heard : unheard).push(source);
      if (unheard.length < heard.length) {
        out.set(total);
        for (const source of unheard) addInto(out, source.block, -1);
      } else {
        out.fill(0);
        for (const source of heard) addInto(out, source.block, 1);
      }
      for (let i = 0; i < BLOCK_SAMPLES; i++) out[i] = Math.max(-1, Math.min(1, out[i]!));
    }
    return this.#mixed;
  }
}

function addInto(target: Float32Array, block: Float32Array, sign: 1 | -1): void {
  for (let i = 0; i < BLOCK_SAMPLES; i++) target[i]! += sign * block[i]!;
}

/** Has a block been queued since well before `nowMs` (most of a frame)? */
function waitedLong(source: Source, nowMs: number): boolean {
  return source.end - source.start >= BLOCK_SAMPLES && nowMs - source.arrivedAtMs > LATE_WAIT_MS;
}

/**
 * Counts the ticks in a row at which a source was behind: a leg whose block had waited most of a
 * frame (it catches up in #catchUp), a microphone with a whole block more than the tick takes
 * (trimmed here, as it never starts a tick).
 */
function countLateness(source: Source, nowMs: number): void {
  const behind = source.paces ? waitedLong(source, nowMs) : source.end - source.start >= 2 * BLOCK_SAMPLES;
  source.lateTicks = behind ? source.lateTicks + 1 : 0;
  if (source.paces || source.lateTicks < REALIGN_AFTER_TICKS) return;
  source.lateTicks = 0;
  source.start += BLOCK_SAMPLES;
}

/** Appends to the queue; beyond MAX_QUEUED_BLOCKS the oldest samples go. */
function enqueue(source: Source, samples: Float32Array): void {
  const limit = source.buffer.length;
  const incoming = samples.length > limit ? samples.subarray(samples.length - limit) : samples;
  const keep = Math.min(source.end - source.start, limit - incoming.length);
  source.buffer.copyWithin(0, source.end - keep, source.end);
  source.buffer.set(incoming, keep);
  source.start = 0;
  source.end = keep + incoming.length;
}

/** Moves the oldest block of a source's queue into `source.block`, padded with silence if short. */
function takeBlock(source: Source): void {
  const available = Math.min(BLOCK_SAMPLES, source.end - source.start);
  const block = source.block;
  block.set(source.buffer.subarray(source.start, source.start + available));
  block.fill(0, available);
  source.start += available;
  for (let i = 0; i < available; i++) source.energy += block[i]! * block[i]!;
  source.counted += available;
}
