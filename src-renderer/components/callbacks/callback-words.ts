/** Words for callbacks: relative and absolute due times, and outcomes. */
import type { Callback } from '../../../src-main/contract/callback.js';

/** "in 12 min", "in 2 h 5 min", "now", "3 min ago". */
export function relativeDue(dueMs: number, nowMs: number): string {
  const minutes = Math.round((dueMs - nowMs) / 60_000);
  if (minutes === 0) return 'now';
  const abs = Math.abs(minutes);
  const text = abs < 60 ? `${abs} min` : `${Math.floor(abs / 60)} h${abs % 60 ? ` ${abs % 60} min` : ''}`;
  return minutes > 0 ? `in ${text}` : `${text} ago`;
}

/** "10:30" today, "Tue 10:30" this week, "24 Nov 10:30" otherwise, in the agent's zone. */
export function absoluteDue(dueMs: number, nowMs: number): string {
  const due = new Date(dueMs);
  const time = due.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
  if (new Date(nowMs).toDateString() === due.toDateString()) return time;
  if (Math.abs(dueMs - nowMs) < 6 * 86_400_000) return `${due.toLocaleDateString([], { weekday: 'short' })} ${time}`;
  return `${due.toLocaleDateString([], { day: 'numeric', month: 'short' })} ${time}`;
}

export const OUTCOME_WORDS: Record<Callback['status'], string> = {
  scheduled: 'Scheduled',
  queued: 'Dialling',
  connecting: 'Ringing',
  connected: 'Connected',
  finished: 'Called',
  failed: 'Failed',
  cancelled: 'Cancelled',
  expired: 'Expired',
  missed: 'Missed',
};

/** A datetime-local value for an instant, in the agent's zone. */
export function toLocalInput(ms: number): string {
  const date = new Date(ms);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}
