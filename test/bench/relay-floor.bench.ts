/**
 * The floor under the conference mixer's added delay: what relaying audio through one more
 * WebRTC hop costs in this Chromium, with nothing else in the way. One page, all on loopback:
 *
 *   tone source → WebRTC hop → R (the host's view of a party)
 *     ├─ R measured directly                                    (the reference)
 *     ├─ A: R → Web Audio (source node → destination node) → WebRTC hop → measured
 *     ├─ B: R → MediaStreamTrackProcessor → copied in JS → MediaStreamTrackGenerator
 *     │                                                        → WebRTC hop → measured  (no Web Audio)
 *     └─ C: as B, the copy in a worker (the streams transferred)    (the conference mixer's path)
 *
 * Every receiver asks for the shortest playout delay (jitterBufferTarget = 0), as the mixer does.
 * One detector context times each path's tone onset (an AudioWorklet RMS threshold per
 * 128-sample quantum) on the same clock, so "added" = path onset − R onset, per round.
 *
 *   node --import tsx test/bench/relay-floor.bench.ts [--rounds 12]   (or: npm run bench -- relay-floor)
 *
 * No target of its own: it tells what "one extra jitter buffer + one frame" (issue 5) can be in
 * this browser. Writes test-results/bench-relay-floor.json. Never fails on a number.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { launchChromium } from '../support/chromium.js';
import { summarize } from './stats.js';

const ROOT = resolve(import.meta.dirname, '../..');
const { values: args } = parseArgs({
  options: { rounds: { type: 'string', default: '12' } },
  strict: false, // `npm run bench` passes the other benches' options too
});
const ROUNDS = Number(args.rounds);

/** Runs in the page: builds the three paths, then times ROUNDS tone onsets. Plain JavaScript. */
const MEASURE_IN_PAGE = String.raw`async (rounds) => {
  const hops = []; // [sending, receiving] connection of each hop, in the order built: r, a, b, c
  const relay = async (track) => {
    const a = new RTCPeerConnection(), b = new RTCPeerConnection();
    hops.push([a, b]);
    a.onicecandidate = (e) => e.candidate && b.addIceCandidate(e.candidate);
    b.onicecandidate = (e) => e.candidate && a.addIceCandidate(e.candidate);
    a.addTrack(track, new MediaStream([track]));
    const received = new Promise((r) => (b.ontrack = (e) => r(e.track)));
    await a.setLocalDescription(await a.createOffer());
    await b.setRemoteDescription(a.localDescription);
    await b.setLocalDescription(await b.createAnswer());
    await a.setRemoteDescription(b.localDescription);
    for (const receiver of b.getReceivers()) if ('jitterBufferTarget' in receiver) receiver.jitterBufferTarget = 0;
    return received;
  };
  // Chromium feeds a remote track into Web Audio only while a media element plays it.
  const play = (track) => {
    const element = document.createElement('audio');
    element.muted = true;
    element.srcObject = new MediaStream([track]);
    document.body.append(element);
    return element.play();
  };

  const source = new AudioContext();
  const tone = source.createOscillator();
  tone.frequency.value = 1000;
  const gate = source.createGain();
  gate.gain.value = 0;
  const toneOut = source.createMediaStreamDestination();
  tone.connect(gate).connect(toneOut);
  tone.start();
  const r = await relay(toneOut.stream.getAudioTracks()[0]);
  await play(r);

  const mix = new AudioContext();
  const bridged = mix.createMediaStreamDestination();
  mix.createMediaStreamSource(new MediaStream([r])).connect(bridged);
  const a = await relay(bridged.stream.getAudioTracks()[0]);
  await play(a);

  const processor = new MediaStreamTrackProcessor({ track: r.clone() });
  const generator = new MediaStreamTrackGenerator({ kind: 'audio' });
  const reader = processor.readable.getReader();
  const writer = generator.writable.getWriter();
  (async () => {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) return;
      const frames = value.numberOfFrames, channels = value.numberOfChannels;
      const samples = new Float32Array(frames * channels);
      for (let c = 0; c < channels; c++) value.copyTo(samples.subarray(c * frames, (c + 1) * frames), { planeIndex: c, format: 'f32-planar' });
      const copy = new AudioData({ format: 'f32-planar', sampleRate: value.sampleRate, numberOfFrames: frames, numberOfChannels: channels, timestamp: value.timestamp, data: samples });
      value.close();
      await writer.write(copy);
    }
  })();
  const b = await relay(generator);
  await play(b);

  const copier = 'onmessage = async ({ data }) => { const reader = data.readable.getReader(), writer = data.writable.getWriter();' +
    ' for (;;) { const { value, done } = await reader.read(); if (done) return; const frames = value.numberOfFrames;' +
    ' const samples = new Float32Array(frames * value.numberOfChannels);' +
    ' for (let c = 0; c < value.numberOfChannels; c++) value.copyTo(samples.subarray(c * frames, (c + 1) * frames), { planeIndex: c, format: "f32-planar" });' +
    ' const copy = new AudioData({ format: "f32-planar", sampleRate: value.sampleRate, numberOfFrames: frames, numberOfChannels: value.numberOfChannels, timestamp: value.timestamp, data: samples });' +
    ' value.close(); await writer.write(copy); } };';
  const worker = new Worker(URL.createObjectURL(new Blob([copier], { type: 'text/javascript' })));
  const workerProcessor = new MediaStreamTrackProcessor({ track: r.clone() });
  const workerGenerator = new MediaStreamTrackGenerator({ kind: 'audio' });
  worker.postMessage({ readable: workerProcessor.readable, writable: workerGenerator.writable }, [workerProcessor.readable, workerGenerator.writable]);
  const c = await relay(workerGenerator);
  await play(c);

  const detector = new AudioContext();
  const worklet = 'class Onset extends AudioWorkletProcessor { constructor() { super(); this.armed = false; this.port.onmessage = () => (this.armed = true); }' +
    ' process(inputs) { const x = inputs[0] && inputs[0][0]; if (x && this.armed) { let s = 0; for (let i = 0; i < x.length; i++) s += x[i] * x[i];' +
    ' if (Math.sqrt(s / x.length) > 0.05) { this.armed = false; this.port.postMessage(currentTime); } } return true; } }' +
    " registerProcessor('onset', Onset);";
  await detector.audioWorklet.addModule(URL.createObjectURL(new Blob([worklet], { type: 'text/javascript' })));
  const watch = (track) => {
    const node = new AudioWorkletNode(detector, 'onset');
    const mute = detector.createGain();
    mute.gain.value = 0;
    detector.createMediaStreamSource(new MediaStream([track])).connect(node).connect(mute).connect(detector.destination);
    return node;
  };
  const detectors = { r: watch(r), a: watch(a), b: watch(b), c: watch(c) };
  await new Promise((done) => setTimeout(done, 2500)); // codecs and jitter buffers settle

  // Each hop's jitter buffer (inbound-rtp: summed delay of what it released, and how many
  // samples) and its sender's packets, at a time: over the rounds they give the mean buffer and
  // the frame, the two parts of issue 5's budget, for the hop each path adds.
  const hopStats = () => Promise.all(hops.map(async ([sending, receiving]) => {
    const found = { delayS: 0, emitted: 0, packetsSent: 0, atMs: performance.now() };
    for (const report of (await receiving.getStats()).values()) {
      if (report.type === 'inbound-rtp' && report.kind === 'audio') {
        found.delayS = report.jitterBufferDelay;
        found.emitted = report.jitterBufferEmittedCount;
      }
    }
    for (const report of (await sending.getStats()).values()) if (report.type === 'outbound-rtp' && report.kind === 'audio') found.packetsSent = report.packetsSent;
    return found;
  }));
  const statsBefore = await hopStats();
  const samples = { webAudio: [], processor: [], worker: [] };
  for (let round = 0; round < rounds; round++) {
    gate.gain.setValueAtTime(0, source.currentTime);
    await new Promise((done) => setTimeout(done, 1200)); // the tone drains from every buffer
    const onsets = {};
    const heard = Object.entries(detectors).map(([path, node]) => new Promise((done) => {
      node.port.onmessage = (event) => { onsets[path] = event.data; done(); };
      node.port.postMessage('arm');
    }));
    await new Promise((done) => setTimeout(done, 100));
    gate.gain.setValueAtTime(1, source.currentTime);
    await Promise.race([Promise.all(heard), new Promise((done) => setTimeout(done, 3000))]);
    if (onsets.r === undefined) continue;
    if (onsets.a !== undefined) samples.webAudio.push((onsets.a - onsets.r) * 1000);
    if (onsets.b !== undefined) samples.processor.push((onsets.b - onsets.r) * 1000);
    if (onsets.c !== undefined) samples.worker.push((onsets.c - onsets.r) * 1000);
  }
  const statsAfter = await hopStats();
  const budgets = statsAfter.map((after, i) => {
    const before = statsBefore[i];
    const jitterBufferMs = ((after.delayS - before.delayS) / Math.max(1, after.emitted - before.emitted)) * 1000;
    const frameMs = (after.atMs - before.atMs) / Math.max(1, after.packetsSent - before.packetsSent);
    return { jitterBufferMs, frameMs };
  });
  return { samples, budgets: { webAudio: budgets[1], processor: budgets[2], worker: budgets[3] } };
}`;

async function main(): Promise<void> {
  const browser = await launchChromium();
  type Path = 'webAudio' | 'processor' | 'worker';
  let samples: Record<Path, number[]>;
  let budgets: Record<Path, { jitterBufferMs: number; frameMs: number }>;
  try {
    // A secure context for the media APIs, served by Playwright itself.
    await browser.page.route('http://localhost/relay-floor', (route) => route.fulfill({ body: '<title>relay floor</title>', contentType: 'text/html' }));
    await browser.page.goto('http://localhost/relay-floor');
    ({ samples, budgets } = (await browser.page.evaluate(`(${MEASURE_IN_PAGE})(${ROUNDS})`)) as { samples: typeof samples; budgets: typeof budgets });
  } finally {
    await browser.close();
  }
  const webAudio = summarize(samples.webAudio);
  const processor = summarize(samples.processor);
  const worker = summarize(samples.worker);
  // What the hop adds beyond issue 5's budget (its receiver's jitter buffer + its sender's frame):
  // the part of the conference's "beyond the budget" that a bare decode → encode relay has too.
  const row = (label: string, s: typeof webAudio, path: Path): string => {
    const { jitterBufferMs, frameMs } = budgets[path];
    const beyond = s.median - jitterBufferMs - frameMs;
    return (
      `${label.padEnd(58)} ${s.median.toFixed(1).padStart(7)} ${s.p95.toFixed(1).padStart(7)}` +
      ` ${jitterBufferMs.toFixed(1).padStart(7)} ${frameMs.toFixed(1).padStart(6)} ${beyond.toFixed(1).padStart(7)}   n=${s.n}`
    );
  };
  process.stdout.write(
    [
      `Relaying audio through one more WebRTC hop, one page on loopback (${ROUNDS} rounds)`,
      `${'added to the direct path (ms)'.padEnd(58)} ${'median'.padStart(7)} ${'p95'.padStart(7)} ${'hop JB'.padStart(7)} ${'frame'.padStart(6)} ${'beyond'.padStart(7)}`,
      row('through Web Audio (source node → destination node)', webAudio, 'webAudio'),
      row('through MediaStreamTrackProcessor → Generator (no Web Audio)', processor, 'processor'),
      row('the same, copied in a worker (the conference mixer)', worker, 'worker'),
      `  hop JB: the added hop's receiver, mean delay of what it released; frame: its sender's packet interval;`,
      `  beyond = median − hop JB − frame: what the hop costs beyond issue 5's budget of one jitter buffer + one frame`,
      '',
    ].join('\n'),
  );
  mkdirSync(join(ROOT, 'test-results'), { recursive: true });
  const out = join(ROOT, 'test-results', 'bench-relay-floor.json');
  writeFileSync(out, `${JSON.stringify({ date: new Date().toISOString(), rounds: ROUNDS, webAudio, processor, worker, budgets, samples }, null, 2)}\n`);
  process.stdout.write(`raw samples: ${out}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`relay floor bench could not run: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
