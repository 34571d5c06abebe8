/**
 * The conference mix, off the page's main thread (docs/conferences.md, "Mixing (renderer)").
 * Reads every source's AudioData frames (MediaStreamTrackProcessor streams), hands their samples
 * to a BlockMixer, and writes each listener's blocks to its MediaStreamTrackGenerator stream,
 * which the page has put on that listener's call leg. Rendering the desk cannot delay the audio:
 * this thread does nothing else.
 */
import { BLOCK_SAMPLES, BlockMixer, MIX_SAMPLE_RATE, type MixedTick } from './block-mixer.js';
import { LinearResampler } from './linear-resampler.js';
import type { FromMixWorker, ToMixWorker } from './mix-worker-messages.js';

/** RMS level above which a source counts as speaking (0..1 full scale). */
const SPEAKING_RMS = 0.02;
/** Ticks (10 ms each) between two "who is speaking" reports. */
const SPEAKING_EVERY_TICKS = 25;
const BLOCK_MICROSECONDS = (BLOCK_SAMPLES / MIX_SAMPLE_RATE) * 1_000_000;

interface WorkerScope {
  onmessage: ((event: MessageEvent<ToMixWorker>) => void) | null;
  postMessage(message: FromMixWorker): void;
}
const scope = self as unknown as WorkerScope;

const mixer = new BlockMixer();
const readers = new Map<string, ReadableStreamDefaultReader<AudioData>>();
const writers = new Map<string, WritableStreamDefaultWriter<AudioData>>();
/** Outputs whose first block has been written (and said so: 'output-started'). */
const flowing = new Set<string>();
/** The next block's timestamp: a steady 10 ms apart, starting from this worker's clock. */
let nextTimestamp = Math.round(performance.now() * 1000);
let ticksSinceSpeaking = 0;

scope.onmessage = ({ data: message }) => {
  switch (message.type) {
    case 'add-source':
      void readSource(message.id, message.paces, message.frames.getReader());
      break;
    case 'remove-source':
      mixer.removeSource(message.id);
      void readers.get(message.id)?.cancel().catch(() => undefined);
      readers.delete(message.id);
      break;
    case 'add-output':
      writers.set(message.id, message.frames.getWriter());
      flowing.delete(message.id);
      break;
    case 'remove-output':
      void writers.get(message.id)?.close().catch(() => undefined);
      writers.delete(message.id);
      flowing.delete(message.id);
      break;
    case 'hears':
      mixer.setHears(new Map(message.hears));
      break;
  }
};

async function readSource(id: string, paces: boolean, reader: ReadableStreamDefaultReader<AudioData>): Promise<void> {
  readers.get(id)?.cancel().catch(() => undefined);
  readers.set(id, reader);
  mixer.addSource(id, { paces });
  let resampler: LinearResampler | undefined;
  const scratch = { mono: new Float32Array(BLOCK_SAMPLES), plane: new Float32Array(BLOCK_SAMPLES) };
  for (;;) {
    const next = await reader.read().catch(() => ({ done: true as const, value: undefined }));
    if (next.done) break;
    const frame = next.value;
    let samples = monoSamples(frame, scratch);
    if (frame.sampleRate !== MIX_SAMPLE_RATE) {
      resampler ??= new LinearResampler(frame.sampleRate, MIX_SAMPLE_RATE);
      samples = resampler.process(samples);
    }
    frame.close();
    if (readers.get(id) !== reader) break;
    mixer.push(id, samples, performance.now(), writeTick);
  }
  if (readers.get(id) === reader) {
    readers.delete(id);
    mixer.removeSource(id);
  }
}

/**
 * A frame's samples as one channel (the channels averaged; call audio is mono in practice), in
 * `scratch` (grown when a frame is longer): typed arrays are costly to allocate 100 times a
 * second per source, and the mixer copies the samples anyway.
 */
function monoSamples(frame: AudioData, scratch: { mono: Float32Array; plane: Float32Array }): Float32Array {
  const length = frame.numberOfFrames;
  if (scratch.mono.length < length) {
    scratch.mono = new Float32Array(length);
    scratch.plane = new Float32Array(length);
  }
  const mono = scratch.mono.subarray(0, length);
  if (frame.numberOfChannels === 1) {
    frame.copyTo(mono, { planeIndex: 0, format: 'f32-planar' });
    return mono;
  }
  const plane = scratch.plane.subarray(0, length);
  mono.fill(0);
  for (let channel = 0; channel < frame.numberOfChannels; channel++) {
    frame.copyTo(plane, { planeIndex: channel, format: 'f32-planar' });
    for (let i = 0; i < length; i++) mono[i]! += plane[i]! / frame.numberOfChannels;
  }
  return mono;
}

function writeTick(tick: MixedTick): void {
  const timestamp = nextTimestamp;
  nextTimestamp += BLOCK_MICROSECONDS;
  for (const [listener, samples] of tick) {
    const writer = writers.get(listener);
    if (!writer) continue;
    const frame = new AudioData({
      format: 'f32-planar',
      sampleRate: MIX_SAMPLE_RATE,
      numberOfFrames: BLOCK_SAMPLES,
      numberOfChannels: 1,
      timestamp,
      data: samples, // copied: the mixer reuses its blocks
    });
    // A generator's sink takes frames as they come; a write fails only once the leg is gone.
    writer.write(frame).catch(() => frame.close());
    if (!flowing.has(listener)) {
      flowing.add(listener);
      scope.postMessage({ type: 'output-started', id: listener });
    }
  }
  ticksSinceSpeaking += 1;
  if (ticksSinceSpeaking >= SPEAKING_EVERY_TICKS) {
    ticksSinceSpeaking = 0;
    scope.postMessage({ type: 'speaking', ids: [...mixer.takeLevelsAbove(SPEAKING_RMS)] });
  }
}
