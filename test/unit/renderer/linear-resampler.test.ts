import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LinearResampler } from '../../../src-renderer/media/linear-resampler.js';

function sine(rate: number, hz: number, from: number, count: number): Float32Array {
  return Float32Array.from({ length: count }, (_, i) => Math.sin((2 * Math.PI * hz * (from + i)) / rate));
}

/** Runs `total` samples of a 1 kHz tone at `fromRate` through the resampler in `chunk`-sized pieces. */
function resampleInChunks(fromRate: number, toRate: number, chunk: number, total: number): Float32Array {
  const resampler = new LinearResampler(fromRate, toRate);
  const pieces: Float32Array[] = [];
  for (let at = 0; at < total; at += chunk) pieces.push(resampler.process(sine(fromRate, 1000, at, Math.min(chunk, total - at))));
  const out = new Float32Array(pieces.reduce((sum, piece) => sum + piece.length, 0));
  let offset = 0;
  for (const piece of pieces) {
    out.set(piece, offset);
    offset += piece.length;
  }
  return out;
}

describe('linear resampler', () => {
  it('turns a 44.1 kHz tone cut into 10 ms frames into the same tone at 48 kHz, with no seam at the frames', () => {
    const out = resampleInChunks(44_100, 48_000, 441, 44_100);
    const expected = sine(48_000, 1000, 0, out.length);
    let worst = 0;
    for (let i = 0; i < out.length; i++) worst = Math.max(worst, Math.abs(out[i]! - expected[i]!));
    expect(worst).toBeLessThan(0.01); // linear interpolation of a 1 kHz tone at 44.1 kHz: ≤ 0.25 % error
    expect(Math.abs(out.length - 48_000)).toBeLessThanOrEqual(1);
  });

  it('gives out as many samples as the rates say, whatever the chunk sizes', () => {
    fc.assert(
      fc.property(fc.constantFrom(8_000, 16_000, 22_050, 44_100, 96_000), fc.array(fc.integer({ min: 1, max: 2_000 }), { minLength: 1, maxLength: 30 }), (fromRate, chunks) => {
        const resampler = new LinearResampler(fromRate, 48_000);
        let taken = 0;
        let given = 0;
        for (const size of chunks) {
          given += resampler.process(new Float32Array(size).fill(0.5)).length;
          taken += size;
        }
        // Output sample k sits at input position k × from/to; all of those ≤ the last input count.
        const expected = Math.floor(((taken - 1) * 48_000) / fromRate) + 1;
        expect(Math.abs(given - expected)).toBeLessThanOrEqual(1);
      }),
    );
  });

  it('keeps a constant level constant, across chunks', () => {
    const resampler = new LinearResampler(44_100, 48_000);
    const out = [...resampler.process(new Float32Array(441).fill(0.25)), ...resampler.process(new Float32Array(441).fill(0.25))];
    // Samples between the two chunks interpolate from the first chunk's last sample.
    expect(out.every((sample) => Math.abs(sample - 0.25) < 1e-6)).toBe(true);
  });
});
