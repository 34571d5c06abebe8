import { randomUUID } from 'node:crypto';
import type { Clock } from '../engine/ports/clock.js';
import type { IdSource } from '../engine/ports/ids.js';

export const systemClock: Clock = {
  now: () => Date.now(),
  setTimer: (callback, delayMs) => setTimeout(callback, delayMs),
  clearTimer: (handle) => clearTimeout(handle as NodeJS.Timeout),
};

export const randomIds: IdSource = { uuid: () => randomUUID() };
