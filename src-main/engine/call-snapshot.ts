/** The engine's record → the contract's snapshot (ISO times, seed 003 Duration). */
import type { CallSnapshot } from '../contract/call.js';
import type { CallRecord } from './call-record.js';
import { isTerminal } from './call-state-machine.js';

export function toSnapshot(record: CallRecord): CallSnapshot {
  return {
    ...record,
    labels: { ...record.labels },
    create_time: new Date(record.create_time).toISOString(),
    start_time: isoOrNull(record.start_time),
    ring_time: isoOrNull(record.ring_time),
    answer_time: isoOrNull(record.answer_time),
    end_time: isoOrNull(record.end_time),
    answer_duration: answerDuration(record),
  };
}

function isoOrNull(ms: number | null): string | null {
  return ms === null ? null : new Date(ms).toISOString();
}

/** Seed 003: set once the call is terminal and was answered, e.g. "12.345s". */
function answerDuration(record: CallRecord): string | null {
  if (!isTerminal(record.state) || record.answer_time === null || record.end_time === null) return null;
  const seconds = Math.max(0, record.end_time - record.answer_time) / 1000;
  return `${seconds.toFixed(3).replace(/\.?0+$/, '')}s`;
}
