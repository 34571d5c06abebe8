/**
 * Chromium's "breakout box" for audio tracks, typed: a track's audio as a stream of AudioData
 * frames (MediaStreamTrackProcessor), and a track made from a stream of frames (the audio
 * MediaStreamTrackGenerator). TypeScript's DOM library does not declare them: the audio
 * generator is Chromium's own, not (yet) a standard.
 */

interface TrackProcessor {
  readonly readable: ReadableStream<AudioData>;
}
interface TrackGenerator extends MediaStreamTrack {
  readonly writable: WritableStream<AudioData>;
}
interface BreakoutBox {
  MediaStreamTrackProcessor?: new (init: { track: MediaStreamTrack }) => TrackProcessor;
  MediaStreamTrackGenerator?: new (init: { kind: 'audio' }) => TrackGenerator;
}

const breakoutBox = globalThis as unknown as BreakoutBox;

/** Does this browser have both halves? */
export function canMixTracks(): boolean {
  return typeof breakoutBox.MediaStreamTrackProcessor === 'function' && typeof breakoutBox.MediaStreamTrackGenerator === 'function';
}

/** The track's audio, frame by frame. */
export function audioTrackReader(track: MediaStreamTrack): ReadableStream<AudioData> {
  return new breakoutBox.MediaStreamTrackProcessor!({ track }).readable;
}

/** A new audio track, and where to write its frames. */
export function audioTrackGenerator(): { track: MediaStreamTrack; frames: WritableStream<AudioData> } {
  const track = new breakoutBox.MediaStreamTrackGenerator!({ kind: 'audio' });
  return { track, frames: track.writable };
}
