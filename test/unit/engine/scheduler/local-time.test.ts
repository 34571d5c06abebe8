import { describe, expect, it } from 'vitest';
import { instantOfLocalTime, localTimeOf } from '../../../../src-main/contract/local-time.js';

const NY = 'America/New_York';
const BERLIN = 'Europe/Berlin';

describe('local time in the agent\'s zone across DST', () => {
  it('"tomorrow 09:30" scheduled the evening before clocks go forward is 9½ hours away, not 10½', () => {
    const now = Date.parse('2026-03-08T04:00:00Z'); // Sat 7 March, 23:00 EST
    const due = instantOfLocalTime('2026-03-08T09:30', NY); // Sunday, now EDT (UTC−4)
    expect(new Date(due).toISOString()).toBe('2026-03-08T13:30:00.000Z');
    expect(due - now).toBe(9.5 * 3_600_000);
  });

  it('the same local time on either side of the change maps to different UTC hours', () => {
    expect(new Date(instantOfLocalTime('2026-03-07T09:30', NY)).toISOString()).toBe('2026-03-07T14:30:00.000Z');
    expect(new Date(instantOfLocalTime('2026-10-25T09:30', BERLIN)).toISOString()).toBe('2026-10-25T08:30:00.000Z');
    expect(new Date(instantOfLocalTime('2026-10-24T09:30', BERLIN)).toISOString()).toBe('2026-10-24T07:30:00.000Z');
  });

  it('a time in the skipped hour lands after the jump; a repeated hour takes the earlier instant', () => {
    expect(new Date(instantOfLocalTime('2026-03-08T02:30', NY)).toISOString()).toBe('2026-03-08T07:30:00.000Z');
    expect(new Date(instantOfLocalTime('2026-11-01T01:30', NY)).toISOString()).toBe('2026-11-01T05:30:00.000Z');
  });

  it('reads back as the same local time', () => {
    const due = instantOfLocalTime('2026-03-08T09:30', NY);
    expect(localTimeOf(due, NY)).toBe('2026-03-08T09:30');
  });
});
