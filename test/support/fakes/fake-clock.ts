/**
 * A clock the test moves by hand: timers fire only inside advance(). It keeps wall time and
 * monotonic time apart, as real machines do: timers run on monotonic time; `jumpWall` moves
 * only the wall clock (NTP, the user); `suspend` moves the wall clock while monotonic time and
 * timers stand still (sleep).
 */
import type { TimerHandle } from '../../../src-main/engine/ports/clock.js';
import type { MonotonicClock } from '../../../src-main/engine/ports/monotonic-clock.js';

export class FakeClock implements MonotonicClock {
  #now: number;
  #mono = 0;
  #nextId = 1;
  readonly #timers = new Map<number, { at: number; callback: () => void }>();

  constructor(start = Date.parse('2026-11-23T09:00:00.000Z')) {
    this.#now = start;
  }

  now(): number {
    return this.#now;
  }

  monotonic(): number {
    return this.#mono;
  }

  setTimer(callback: () => void, delayMs: number): TimerHandle {
    const id = this.#nextId++;
    this.#timers.set(id, { at: this.#mono + Math.max(0, delayMs), callback });
    return id;
  }

  clearTimer(handle: TimerHandle): void {
    this.#timers.delete(handle as number);
  }

  /** Let time pass awake: both clocks move together, firing due timers in order. */
  advance(ms: number): void {
    const end = this.#mono + ms;
    for (;;) {
      const due = [...this.#timers.entries()]
        .filter(([, timer]) => timer.at <= end)
        .sort((a, b) => a[1].at - b[1].at || a[0] - b[0])[0];
      if (!due) break;
      this.#timers.delete(due[0]);
      this.#now += due[1].at - this.#mono;
      this.#mono = due[1].at;
      due[1].callback();
    }
    this.#now += end - this.#mono;
    this.#mono = end;
  }

  /** The wall clock is set forwards (+) or backwards (−); monotonic time and timers don't see it. */
  jumpWall(deltaMs: number): void {
    this.#now += deltaMs;
  }

  /** The machine sleeps for `ms`: the wall clock moves on, monotonic time and timers stall. */
  suspend(ms: number): void {
    this.#now += ms;
  }

  /** The process died: its timers are gone (the clocks go on). */
  cancelAllTimers(): void {
    this.#timers.clear();
  }

  get pendingTimers(): number {
    return this.#timers.size;
  }

  /** Monotonic ms until the next timer fires, or undefined when none is armed. */
  nextTimerIn(): number | undefined {
    const next = Math.min(...[...this.#timers.values()].map((timer) => timer.at));
    return Number.isFinite(next) ? next - this.#mono : undefined;
  }
}
