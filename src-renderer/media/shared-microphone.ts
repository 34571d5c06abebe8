/**
 * One microphone capture shared by every call leg that asks for the same constraints.
 *
 * Why: a ring-all group call places up to 50 legs at once, and SIP.js asks getUserMedia once per
 * leg. Each request opens (or re-negotiates) the capture device, and on a loaded machine those
 * calls queue up and stretch the fan-out. Here the first request opens the device; every leg
 * gets a clone of that stream, whose tracks it may stop (SIP.js stops its sender tracks when a
 * session ends) or disable (mute) without touching the other legs. The shared capture is
 * released once every clone it gave out has ended, and reopened when its own track has ended
 * (device unplugged) or the constraints change (another microphone chosen).
 */

/** What this needs of a MediaStreamTrack / MediaStream: real ones fit, and so do test fakes. */
export interface TrackLike {
  readonly readyState: string;
  stop(): void;
}
export interface StreamLike<Self> {
  getTracks(): TrackLike[];
  clone(): Self;
}

interface Capture<Stream> {
  readonly base: Promise<Stream>;
  readonly clones: Stream[];
  /** Legs waiting for their clone: the capture is wanted even with no live clone yet. */
  pending: number;
}

export class SharedMicrophone<Stream extends StreamLike<Stream>> {
  readonly #open: (constraints: MediaStreamConstraints) => Promise<Stream>;
  readonly #captures = new Map<string, Capture<Stream>>();

  constructor(open: (constraints: MediaStreamConstraints) => Promise<Stream>) {
    this.#open = open;
  }

  /** A stream of its own for one leg, cloned from the shared capture for these constraints. */
  async stream(constraints: MediaStreamConstraints): Promise<Stream> {
    this.release();
    const key = JSON.stringify(constraints);
    let capture = this.#captures.get(key);
    if (capture && capture.pending === 0 && !isLiveStream(await capture.base)) {
      // Its device went away (or it was stopped): open it again.
      this.#captures.delete(key);
      capture = undefined;
    }
    if (!capture) {
      const base = this.#open(constraints);
      const fresh: Capture<Stream> = { base, clones: [], pending: 0 };
      capture = fresh;
      this.#captures.set(key, fresh);
      // A refused capture (no device, no permission) is not kept: the next leg asks again.
      base.catch(() => {
        if (this.#captures.get(key) === fresh) this.#captures.delete(key);
      });
    }
    capture.pending += 1;
    try {
      const clone = (await capture.base).clone();
      capture.clones.push(clone);
      return clone;
    } finally {
      capture.pending -= 1;
    }
  }

  /**
   * Close every shared capture whose clones have all ended (their legs are over). Called before
   * each new leg, and by the SIP adapter whenever a leg ends, so the microphone does not stay open.
   */
  release(): void {
    for (const [key, capture] of this.#captures) {
      for (let i = capture.clones.length - 1; i >= 0; i--) {
        if (!isLiveStream(capture.clones[i]!)) capture.clones.splice(i, 1);
      }
      if (capture.clones.length === 0 && capture.pending === 0) {
        this.#captures.delete(key);
        void stopAll(capture.base);
      }
    }
  }

  /** How many device captures are open (for tests and diagnostics). */
  get openCaptures(): number {
    return this.#captures.size;
  }
}

function isLiveStream(stream: StreamLike<unknown>): boolean {
  return stream.getTracks().some((track) => track.readyState !== 'ended');
}

async function stopAll<Stream extends StreamLike<Stream>>(base: Promise<Stream>): Promise<void> {
  try {
    for (const track of (await base).getTracks()) track.stop();
  } catch {
    // Never opened: nothing to stop.
  }
}
