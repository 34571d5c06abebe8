/**
 * Audible proof of who hears whom.
 *
 * Node side: writeToneWav() writes a sine WAV that Chromium's fake microphone
 * plays in a loop (--use-file-for-fake-audio-capture). Give each participant
 * its own frequency.
 *
 * Browser side: TONE_ANALYZER_SCRIPT installs window.__measureTones(stream,
 * frequencies), which reads the level in dB at each frequency with an
 * AnalyserNode (fftSize 4096). measureTones() runs it from a test.
 *
 * Measured here: about -40 dB at the far side's tone, about -110 dB at one's own.
 */
import type { Frame, Page } from '@playwright/test';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface ToneOptions {
  /** Hz, e.g. 440 or 1000. */
  frequency: number;
  /** Length of the file; the fake capture loops it. Default 10 s. */
  seconds?: number;
  /** Default 48000 (what WebRTC/Opus runs at, so no resampling). */
  sampleRate?: number;
  /** Peak amplitude 0..1. Default 0.5 (leaves headroom, no clipping). */
  amplitude?: number;
}

let toneDir: string | undefined;

/** One temp dir per process for all tones, removed when the process exits. */
function tonesDir(): string {
  if (!toneDir) {
    const dir = mkdtempSync(join(tmpdir(), 'tones-'));
    toneDir = dir;
    process.once('exit', () => rmSync(dir, { recursive: true, force: true }));
  }
  return toneDir;
}

/** Build a 16-bit PCM mono WAV of a sine in memory. */
export function sineWav({ frequency, seconds = 10, sampleRate = 48_000, amplitude = 0.5 }: ToneOptions): Buffer {
  const samples = Math.round(seconds * sampleRate);
  const dataBytes = samples * 2;
  const buf = Buffer.alloc(44 + dataBytes);
  // RIFF header
  buf.write('RIFF', 0, 'ascii');
  buf.writeUInt32LE(36 + dataBytes, 4);
  buf.write('WAVE', 8, 'ascii');
  // fmt chunk: PCM, 1 channel, 16 bits
  buf.write('fmt ', 12, 'ascii');
  buf.writeUInt32LE(16, 16);
  buf.writeUInt16LE(1, 20); // PCM
  buf.writeUInt16LE(1, 22); // mono
  buf.writeUInt32LE(sampleRate, 24);
  buf.writeUInt32LE(sampleRate * 2, 28); // byte rate
  buf.writeUInt16LE(2, 32); // block align
  buf.writeUInt16LE(16, 34); // bits per sample
  buf.write('data', 36, 'ascii');
  buf.writeUInt32LE(dataBytes, 40);
  const peak = Math.round(amplitude * 32767);
  for (let i = 0; i < samples; i++) {
    buf.writeInt16LE(Math.round(peak * Math.sin((2 * Math.PI * frequency * i) / sampleRate)), 44 + i * 2);
  }
  return buf;
}

/**
 * Write a sine WAV into a temp file and return its path. With whole seconds
 * and whole-Hz frequencies the file holds whole periods, so the loop has no click.
 */
export function writeToneWav(options: ToneOptions): string {
  const path = join(tonesDir(), `tone-${options.frequency}hz-${process.pid}-${Date.now()}.wav`);
  writeFileSync(path, sineWav(options));
  return path;
}

export interface ToneMeasureOptions {
  /** How long to sample. Default 1000 ms. */
  durationMs?: number;
  /** Time between analyser reads. Default 50 ms. */
  intervalMs?: number;
  /** Which read each level reports: the median (default: a steady tone) or the loudest (a cadenced one). */
  statistic?: 'median' | 'max';
}

export interface ToneLevels {
  /** Median (or loudest) level in dB at each requested frequency (same order), floored at -200. */
  levels: number[];
  /** Hz per FFT bin. */
  binHz: number;
  /** Number of analyser reads. */
  reads: number;
}

declare global {
  interface Window {
    __measureTones?: (stream: MediaStream, frequencies: number[], options?: ToneMeasureOptions) => Promise<ToneLevels>;
  }
}

/**
 * Browser-side analyzer, as plain JavaScript source so that it survives any
 * TS transform (a function's toString() after esbuild may reference helpers
 * such as __name that do not exist in the page). Install it with
 * `page.addInitScript({ content: TONE_ANALYZER_SCRIPT })` or `page.evaluate(TONE_ANALYZER_SCRIPT)`.
 */
export const TONE_ANALYZER_SCRIPT = String.raw`
window.__measureTones = async function (stream, frequencies, options) {
  const durationMs = (options && options.durationMs) || 1000;
  const intervalMs = (options && options.intervalMs) || 50;
  const statistic = (options && options.statistic) || 'median';
  const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
  // Chromium: a remote WebRTC stream fed into Web Audio is silent unless the
  // same stream also plays in a media element. A muted one is enough.
  const audio = document.createElement('audio');
  audio.muted = true;
  audio.srcObject = stream;
  try { await audio.play(); } catch (e) { /* autoplay flag makes this succeed */ }
  const ctx = new AudioContext();
  try {
    await ctx.resume();
    const analyser = ctx.createAnalyser();
    analyser.fftSize = 4096;
    analyser.smoothingTimeConstant = 0; // independent reads; we take the median ourselves
    // A source node plays only one track of a stream; a stream of several tracks (what a page
    // plays on several elements) is measured as their sum. An AnalyserNode is pulled even
    // without a destination.
    const sources = stream.getAudioTracks().map((track) => ctx.createMediaStreamSource(new MediaStream([track])));
    for (const source of sources) source.connect(analyser);
    const binHz = ctx.sampleRate / analyser.fftSize;
    const data = new Float32Array(analyser.frequencyBinCount);
    const reads = frequencies.map(() => []);
    await sleep(200); // let one full FFT window of audio arrive
    const end = performance.now() + durationMs;
    while (performance.now() < end) {
      analyser.getFloatFrequencyData(data);
      frequencies.forEach((f, i) => {
        // Peak of the bins around f: the tone's energy spreads over the
        // neighbouring bins (window function, codec).
        const bin = Math.round(f / binHz);
        let peak = -Infinity;
        for (let b = Math.max(0, bin - 2); b <= Math.min(data.length - 1, bin + 2); b++) peak = Math.max(peak, data[b]);
        reads[i].push(peak);
      });
      await sleep(intervalMs);
    }
    for (const source of sources) source.disconnect();
    const median = (xs) => {
      const s = xs.slice().sort((a, b) => a - b);
      return s.length ? s[Math.floor(s.length / 2)] : -Infinity;
    };
    const pick = statistic === 'max' ? (xs) => Math.max(...xs) : median;
    return {
      levels: reads.map((xs) => Math.max(-200, pick(xs))),
      binHz,
      reads: reads[0] ? reads[0].length : 0,
    };
  } finally {
    audio.srcObject = null;
    await ctx.close();
  }
};
`;

/**
 * Measure, in the page, the level at `frequencies` of the MediaStream that
 * `streamExpression` evaluates to in the page (e.g. `window.baseline.remoteStream()`).
 */
export async function measureTones(
  page: Page | Frame,
  streamExpression: string,
  frequencies: number[],
  options: ToneMeasureOptions = {},
): Promise<ToneLevels> {
  const installed = await page.evaluate(() => typeof window.__measureTones === 'function');
  if (!installed) await page.evaluate(TONE_ANALYZER_SCRIPT);
  return page.evaluate(
    async ([expression, freqs, opts]) => {
      // Indirect eval: evaluate in the page's global scope.
      const stream = (0, eval)(expression) as MediaStream | null | undefined;
      if (!stream) throw new Error(`no MediaStream from ${expression}`);
      return window.__measureTones!(stream, freqs, opts);
    },
    [streamExpression, frequencies, options] as const,
  );
}
