/**
 * When to try the SIP server again after the connection dropped: never give up, back off
 * quickly to a short ceiling (an agent is waiting for calls), with jitter so that a room full
 * of desks does not hammer a restarted server in lockstep.
 */
export const FIRST_RETRY_MS = 500;
export const MAX_RETRY_MS = 3000;

export function nextRetryDelay(attempt: number, random: () => number = Math.random): number {
  const base = Math.min(MAX_RETRY_MS, FIRST_RETRY_MS * 2 ** Math.max(0, attempt));
  return Math.round(base * (0.8 + 0.4 * random()));
}

/** How often the desk proves the server still answers, and how long it waits for the answer. */
export const KEEPALIVE_INTERVAL_MS = 10_000;
export const KEEPALIVE_TIMEOUT_MS = 6_000;
