import { describe, expect, it } from 'vitest';
import { relativeDue } from '../../../src-renderer/components/callbacks/callback-words.js';
import { localInputToIso } from '../../../src-renderer/stores/callbacks.js';

describe('callback words', () => {
  it.each([
    [12 * 60_000, 'in 12 min'],
    [125 * 60_000, 'in 2 h 5 min'],
    [120 * 60_000, 'in 2 h'],
    [10_000, 'now'],
    [-3 * 60_000, '3 min ago'],
  ])('due in %d ms reads "%s"', (delta, words) => {
    expect(relativeDue(1_000_000_000 + delta, 1_000_000_000)).toBe(words);
  });

  it('reads the time the agent typed in the agent\'s zone, across a DST change', () => {
    expect(localInputToIso('2026-03-08T09:30', 'America/New_York')).toBe('2026-03-08T13:30:00.000Z');
    expect(localInputToIso('2026-03-07T09:30', 'America/New_York')).toBe('2026-03-07T14:30:00.000Z');
    expect(localInputToIso('not a time', 'America/New_York')).toBeNull();
  });
});
