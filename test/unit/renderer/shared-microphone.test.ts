/** One microphone capture for many legs: each leg gets its own clone; the capture closes when all have ended. */
import { describe, expect, it } from 'vitest';
import { SharedMicrophone, type StreamLike, type TrackLike } from '../../../src-renderer/media/shared-microphone.js';

class FakeTrack implements TrackLike {
  readyState = 'live';
  stop(): void {
    this.readyState = 'ended';
  }
}

class FakeStream implements StreamLike<FakeStream> {
  readonly tracks: FakeTrack[];
  constructor(readonly source: FakeStream | null = null) {
    this.tracks = [new FakeTrack()];
  }
  getTracks(): FakeTrack[] {
    return this.tracks;
  }
  clone(): FakeStream {
    return new FakeStream(this);
  }
}

function microphone() {
  const opened: Array<{ constraints: MediaStreamConstraints; stream: FakeStream }> = [];
  const shared = new SharedMicrophone<FakeStream>(async (constraints) => {
    const stream = new FakeStream();
    opened.push({ constraints, stream });
    return stream;
  });
  return { shared, opened };
}

const AUDIO: MediaStreamConstraints = { audio: true, video: false };

describe('shared microphone', () => {
  it('twenty legs asking at once open the device once, each with a clone of its own', async () => {
    const { shared, opened } = microphone();
    const streams = await Promise.all(Array.from({ length: 20 }, () => shared.stream(AUDIO)));
    expect(opened).toHaveLength(1);
    expect(new Set(streams).size).toBe(20);
    expect(streams.every((stream) => stream.source === opened[0]!.stream)).toBe(true);
  });

  it('a leg that ends stops only its clone; the capture closes when the last clone has ended', async () => {
    const { shared, opened } = microphone();
    const [a, b] = await Promise.all([shared.stream(AUDIO), shared.stream(AUDIO)]);
    a!.tracks[0]!.stop();
    shared.release();
    expect(b!.tracks[0]!.readyState).toBe('live');
    expect(opened[0]!.stream.tracks[0]!.readyState).toBe('live');
    b!.tracks[0]!.stop();
    shared.release();
    await Promise.resolve();
    expect(opened[0]!.stream.tracks[0]!.readyState).toBe('ended');
    expect(shared.openCaptures).toBe(0);
  });

  it('opens again after the device track ended, and per microphone choice', async () => {
    const { shared, opened } = microphone();
    await shared.stream(AUDIO);
    opened[0]!.stream.tracks[0]!.stop(); // unplugged
    await shared.stream(AUDIO);
    await shared.stream({ audio: { deviceId: { exact: 'headset' } }, video: false });
    expect(opened).toHaveLength(3);
  });

  it('a refused capture is not kept: the next leg asks again', async () => {
    let calls = 0;
    const shared = new SharedMicrophone<FakeStream>(async () => {
      calls += 1;
      if (calls === 1) throw new Error('Permission denied');
      return new FakeStream();
    });
    await expect(shared.stream(AUDIO)).rejects.toThrow('Permission denied');
    await expect(shared.stream(AUDIO)).resolves.toBeInstanceOf(FakeStream);
    expect(calls).toBe(2);
  });
});
