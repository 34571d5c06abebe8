/**
 * What the page (conference-mixer.ts) and the mix worker (mix-worker.ts) say to each other.
 * Streams travel as transferables: Chromium then moves the audio between its audio threads and
 * the worker directly, never through the page's main thread.
 */

export type ToMixWorker =
  /** Mix this source's audio; `paces`: see BlockMixer's SourceOptions. */
  | { readonly type: 'add-source'; readonly id: string; readonly paces: boolean; readonly frames: ReadableStream<AudioData> }
  | { readonly type: 'remove-source'; readonly id: string }
  /** Write the listener's mix here (a MediaStreamTrackGenerator's writable). */
  | { readonly type: 'add-output'; readonly id: string; readonly frames: WritableStream<AudioData> }
  | { readonly type: 'remove-output'; readonly id: string }
  /** Who hears whom: [listener, the ids it hears] for every listener (mix-matrix.ts). */
  | { readonly type: 'hears'; readonly hears: ReadonlyArray<readonly [string, readonly string[]]> };

export type FromMixWorker =
  /** The sources above the speaking level over the last reading interval. */
  | { readonly type: 'speaking'; readonly ids: readonly string[] }
  /** The listener's first block has been written: its mix is flowing and may go on its sender. */
  | { readonly type: 'output-started'; readonly id: string };
