/** Time, injected so that engine tests run on a fake clock. */
export interface Clock {
  /** Wall-clock epoch milliseconds. */
  now(): number;
  setTimer(callback: () => void, delayMs: number): TimerHandle;
  clearTimer(handle: TimerHandle): void;
}

export type TimerHandle = { readonly __timer: unique symbol } | number | object;
