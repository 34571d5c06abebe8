import { describe, expect, it } from 'vitest';
import {
  IllegalScheduledCallMoveError,
  moveScheduledCall,
  SCHEDULED_CALL_STATUSES,
  SCHEDULED_CALL_TRANSITIONS,
} from '../../../../src-main/engine/scheduler/scheduled-call-status.js';

const ORDER = ['scheduled', 'queued', 'connecting', 'connected', 'finished'] as const;

describe('scheduled call path (forward-only)', () => {
  it('walks scheduled → queued → connecting → connected → finished', () => {
    let status: (typeof SCHEDULED_CALL_STATUSES)[number] = 'scheduled';
    for (const next of ORDER.slice(1)) status = moveScheduledCall(status, next);
    expect(status).toBe('finished');
  });

  it.each([
    ['queued', 'scheduled'],
    ['connected', 'connecting'],
    ['finished', 'failed'],
    ['cancelled', 'queued'],
    ['expired', 'scheduled'],
    ['missed', 'queued'],
    ['connecting', 'cancelled'],
  ] as const)('refuses %s → %s', (from, to) => {
    expect(() => moveScheduledCall(from, to)).toThrow(IllegalScheduledCallMoveError);
  });

  it('ends in cancelled, expired, missed or failed only from before the dial, and terminal statuses absorb', () => {
    for (const end of ['cancelled', 'expired', 'missed'] as const) {
      expect(moveScheduledCall('scheduled', end)).toBe(end);
      expect(SCHEDULED_CALL_TRANSITIONS[end]).toEqual([]);
    }
    expect(moveScheduledCall('queued', 'failed')).toBe('failed');
  });

  it('never moves backwards along the path (table check)', () => {
    for (const [index, from] of ORDER.entries()) {
      for (const earlier of ORDER.slice(0, index)) expect(SCHEDULED_CALL_TRANSITIONS[from]).not.toContain(earlier);
    }
  });
});
