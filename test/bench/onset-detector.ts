/**
 * In-page tone-onset detector for the conference delay benchmark. Plain JavaScript source (like
 * TONE_ANALYZER_SCRIPT in test/support/tones.ts) so that no TS helper leaks into the page.
 *
 *   remote stream → BiquadFilter (band-pass at the sender's tone) → AudioWorklet
 *
 * The worklet computes the RMS of every 128-sample render quantum and, once armed, reports the
 * first quantum above the threshold with its context time. The page converts context time to
 * epoch milliseconds with AudioContext.getOutputTimestamp(), so the mark does not depend on
 * when the (possibly background-throttled) main thread receives the message. The band-pass keeps
 * the other parties' tones (the host's microphone) below the threshold.
 */

const WORKLET_SOURCE = String.raw`
    class Onset extends AudioWorkletProcessor {
      constructor() {
        super();
        this.threshold = Infinity;
        this.armed = false;
        this.peak = 0;
        this.port.onmessage = (event) => {
          if (event.data.arm !== undefined) { this.threshold = event.data.arm; this.armed = true; }
          if (event.data.resetPeak) this.peak = 0;
          if (event.data.readPeak) this.port.postMessage({ peak: this.peak });
        };
      }
      process(inputs) {
        const channel = inputs[0] && inputs[0][0];
        if (channel) {
          let sum = 0;
          for (let i = 0; i < channel.length; i++) sum += channel[i] * channel[i];
          const rms = Math.sqrt(sum / channel.length);
          if (rms > this.peak) this.peak = rms;
          if (this.armed && rms > this.threshold) {
            this.armed = false;
            this.port.postMessage({ onset: currentTime });
          }
        }
        return true;
      }
    }
    registerProcessor('onset', Onset);
`;

export const ONSET_DETECTOR_SCRIPT = `
window.__onset = (function () {
  const WORKLET = ${JSON.stringify(WORKLET_SOURCE)};
  let ctx, node, lastOnset = null, peakWaiter = null;
  const toEpoch = (contextTime) => {
    const stamp = ctx.getOutputTimestamp();
    if (stamp.performanceTime > 0) {
      return performance.timeOrigin + stamp.performanceTime + (contextTime - stamp.contextTime) * 1000;
    }
    // No output clock (should not happen with Chromium's audio sink): the render clock now.
    return performance.timeOrigin + performance.now() - (ctx.currentTime - contextTime) * 1000;
  };
  return {
    async install(stream, frequency) {
      const audio = document.createElement('audio');
      audio.muted = true; // Chromium feeds Web Audio from a remote stream only while it plays
      audio.srcObject = stream;
      try { await audio.play(); } catch (e) { /* autoplay flag */ }
      ctx = new AudioContext({ latencyHint: 'interactive' });
      await ctx.resume();
      const url = URL.createObjectURL(new Blob([WORKLET], { type: 'text/javascript' }));
      await ctx.audioWorklet.addModule(url);
      const source = ctx.createMediaStreamSource(stream);
      const filter = ctx.createBiquadFilter();
      filter.type = 'bandpass';
      filter.frequency.value = frequency;
      filter.Q.value = 8;
      node = new AudioWorkletNode(ctx, 'onset');
      const silent = ctx.createGain();
      silent.gain.value = 0;
      source.connect(filter).connect(node).connect(silent).connect(ctx.destination);
      node.port.onmessage = (event) => {
        if (event.data.onset !== undefined) lastOnset = toEpoch(event.data.onset);
        if (event.data.peak !== undefined && peakWaiter) { peakWaiter(event.data.peak); peakWaiter = null; }
      };
    },
    resetPeak() { node.port.postMessage({ resetPeak: true }); },
    readPeak() {
      return new Promise((resolve) => { peakWaiter = resolve; node.port.postMessage({ readPeak: true }); });
    },
    arm(threshold) { lastOnset = null; node.port.postMessage({ arm: threshold }); },
    onset() { return lastOnset; },
  };
})();
`;

declare global {
  interface Window {
    __onset?: {
      install(stream: MediaStream, frequency: number): Promise<void>;
      resetPeak(): void;
      readPeak(): Promise<number>;
      arm(threshold: number): void;
      onset(): number | null;
    };
  }
}
