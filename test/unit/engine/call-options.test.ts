import { describe, expect, it } from 'vitest';
import { Labels, TimeoutSeconds } from '../../../src-main/contract/call.js';

describe('labels (seed 003: at most 50 keys, at most 10 kB of keys plus values)', () => {
  const labels = (count: number, valueLength = 1) =>
    Object.fromEntries(Array.from({ length: count }, (_, i) => [`k${i}`, 'v'.repeat(valueLength)]));

  it('accepts 50 keys', () => expect(Labels.safeParse(labels(50)).success).toBe(true));

  it('refuses 51 keys with a message that says the limit', () => {
    const result = Labels.safeParse(labels(51));
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toBe('labels may have at most 50 keys (got 51)');
  });

  it('accepts exactly 10240 bytes of keys plus values', () => {
    // one key "k0" (2 bytes) + 10238 bytes of value
    expect(Labels.safeParse({ k0: 'v'.repeat(10238) }).success).toBe(true);
  });

  it('refuses 10241 bytes, counting UTF-8 bytes not characters', () => {
    expect(Labels.safeParse({ k0: 'v'.repeat(10239) }).success).toBe(false);
    const result = Labels.safeParse({ k: 'é'.repeat(5120) }); // 1 + 10240 bytes
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toContain('at most 10240 bytes');
  });

  it('refuses non-string values and empty keys', () => {
    expect(Labels.safeParse({ a: 1 }).success).toBe(false);
    expect(Labels.safeParse({ '': 'x' }).success).toBe(false);
  });
});

describe('timeout_seconds (1–600)', () => {
  it.each([1, 30, 600])('accepts %i', (value) => expect(TimeoutSeconds.safeParse(value).success).toBe(true));
  it.each([0, 601, -5, 1.5, Number.NaN])('refuses %s', (value) => {
    const result = TimeoutSeconds.safeParse(value);
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toMatch(/timeout_seconds must be/);
  });
});
