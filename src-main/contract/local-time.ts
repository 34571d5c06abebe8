/**
 * Wall-clock times in the agent's time zone ↔ instants (epoch ms, UTC), without Temporal: the
 * offset comes from Intl for the zone at that instant, so a callback "tomorrow at 09:30" across a
 * DST change resolves to the right instant. Instants are what we store; the UI converts.
 *
 * A local time that does not exist (the hour skipped when clocks go forward) resolves to the
 * same clock reading after the jump (02:30 → 03:30), as Temporal's "compatible"; one that exists
 * twice (clocks go back) resolves to the earlier instant.
 */

/** The zone's offset from UTC at `instant`, in ms (e.g. −4 h for New York in summer). */
export function zoneOffsetMs(instant: number, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(new Date(instant));
  const part = (type: string): number => Number(parts.find((p) => p.type === type)?.value ?? NaN);
  const asUtc = Date.UTC(part('year'), part('month') - 1, part('day'), part('hour'), part('minute'), part('second'));
  return asUtc - Math.floor(instant / 1000) * 1000;
}

const LOCAL = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/;

/** "2026-03-08T09:30" in `timeZone` as an instant. NaN for text that is not such a time. */
export function instantOfLocalTime(local: string, timeZone: string): number {
  const match = LOCAL.exec(local);
  if (!match) return NaN;
  const [, y, mo, d, h, mi, s] = match;
  const naive = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s ?? 0));
  const offsetEarly = zoneOffsetMs(naive - 86_400_000 / 2, timeZone);
  const offsetLate = zoneOffsetMs(naive + 86_400_000 / 2, timeZone);
  if (offsetEarly === offsetLate) return naive - offsetEarly;
  // Near a change: try both offsets; keep the earlier one that reads back as the same local time.
  const candidates = [naive - offsetEarly, naive - offsetLate].filter(
    (instant) => instant + zoneOffsetMs(instant, timeZone) === naive,
  );
  if (candidates.length > 0) return Math.min(...candidates);
  // In the skipped hour: read with the offset before the jump, it lands the same distance after it.
  return naive - offsetEarly;
}

/** An instant as "YYYY-MM-DDTHH:MM" in `timeZone` (for a datetime-local input). */
export function localTimeOf(instant: number, timeZone: string): string {
  const local = new Date(instant + zoneOffsetMs(instant, timeZone));
  return local.toISOString().slice(0, 16);
}
