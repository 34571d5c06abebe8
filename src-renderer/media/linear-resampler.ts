/**
 * Converts one audio stream's sample rate, chunk by chunk, by linear interpolation. It keeps
 * its place across chunks, so a stream cut into 10 ms frames comes out without a seam at
 * every frame. Good enough for the voice band the mix carries (Opus narrows it anyway); the mix
 * worker needs it only where a device runs at 44.1 kHz rather than 48.
 */
export class LinearResampler {
  /** Input samples per output sample. */
  readonly #step: number;
  /** Where the next output sample falls, in input samples from the next chunk's first (−1 = #last). */
  #position = 0;
  /** The previous chunk's last sample. */
  #last = 0;

  constructor(fromRate: number, toRate: number) {
    this.#step = fromRate / toRate;
  }

  process(input: Float32Array): Float32Array {
    if (input.length === 0) return input;
    const last = input.length - 1;
    const output = new Float32Array(Math.ceil((last - this.#position) / this.#step) + 1);
    let count = 0;
    let position = this.#position;
    for (; position <= last; position += this.#step) {
      const index = Math.floor(position);
      const from = index < 0 ? this.#last : input[index]!;
      const to = index + 1 <= last ? input[index + 1]! : from;
      output[count++] = from + (to - from) * (position - index);
    }
    this.#position = position - input.length;
    this.#last = input[last]!;
    return output.subarray(0, count);
  }
}
