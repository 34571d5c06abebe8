/** Seed 001's timestamps: `YYYY-MM-DD HH:MM:SS.ffffff` in UTC; the far future means "not yet". */

export const NOT_YET = '9999-01-01 00:00:00.000000';

/** Epoch milliseconds to seed 001's format (microseconds are always 000 below the millisecond). */
export function seedTime(epochMs: number | null): string {
  if (epochMs === null) return NOT_YET;
  const iso = new Date(epochMs).toISOString(); // 2022-08-06T16:57:12.247Z
  return `${iso.slice(0, 10)} ${iso.slice(11, 23)}000`;
}
