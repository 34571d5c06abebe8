/**
 * The scheduler's clock on a real machine: Date.now() for wall time, performance.now() for
 * monotonic time (it stalls during sleep like setTimeout does, which is what the scheduler
 * assumes and guards against).
 */
import { performance } from 'node:perf_hooks';
import type { MonotonicClock } from '../engine/ports/monotonic-clock.js';
import { systemClock } from './system-clock.js';

export const systemMonotonicClock: MonotonicClock = {
  ...systemClock,
  monotonic: () => performance.now(),
};
