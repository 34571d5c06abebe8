import type { Clock } from './clock.js';

/**
 * A clock that keeps wall time and monotonic time apart, for the scheduler.
 *
 * - `now()` is the wall clock (epoch ms, UTC): what a due time is compared with. It may jump
 *   backwards or forwards (NTP, the user, a resume from sleep).
 * - `monotonic()` only moves forward and, like the timers, stalls while the machine sleeps
 *   (CLOCK_MONOTONIC on Linux, setTimeout in Node and Chromium). Timers run on this clock,
 *   which is why the scheduler never trusts one timer for long (see MAX_TIMER_MS).
 */
export interface MonotonicClock extends Clock {
  monotonic(): number;
}
