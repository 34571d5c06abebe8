/**
 * Summary statistics for the benchmarks. Small on purpose: the methods are the documented ones
 * in docs/benchmarks.md, so a reader can recompute every figure from the raw samples in
 * test-results/*.json.
 *
 * - median: the middle value of the sorted samples; with an even count, the mean of the two
 *   middle values.
 * - p95: nearest-rank percentile: the ceil(0.95 × n)-th smallest sample (1-based). It is always
 *   a value that was really observed. With n = 20 it is the 19th smallest (the second largest).
 */

function sorted(values: readonly number[]): number[] {
  if (values.length === 0) throw new Error('no samples');
  if (values.some((v) => !Number.isFinite(v))) throw new Error('samples must be finite numbers');
  return [...values].sort((a, b) => a - b);
}

export function median(values: readonly number[]): number {
  const s = sorted(values);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 === 1 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

/** Nearest-rank percentile, 0 < p ≤ 100. */
export function percentile(values: readonly number[], p: number): number {
  if (!(p > 0 && p <= 100)) throw new Error(`percentile must be in (0, 100], got ${p}`);
  const s = sorted(values);
  const rank = Math.ceil((p / 100) * s.length); // 1-based
  return s[Math.min(s.length, Math.max(1, rank)) - 1]!;
}

export function p95(values: readonly number[]): number {
  return percentile(values, 95);
}

export interface Summary {
  n: number;
  median: number;
  p95: number;
  min: number;
  max: number;
}

export function summarize(values: readonly number[]): Summary {
  const s = sorted(values);
  return { n: s.length, median: median(s), p95: p95(s), min: s[0]!, max: s[s.length - 1]! };
}
