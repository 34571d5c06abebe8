import { describe, expect, it } from 'vitest';
import { formatPath } from '../../../src-main/store/settings-problems.js';

describe('formatPath', () => {
  it.each([
    [[], ''],
    [['sip', 'server'], 'sip.server'],
    [['sip', 'ice_servers', 0, 'urls'], 'sip.ice_servers[0].urls'],
    [['labels', 'a b'], 'labels["a b"]'],
  ])('%j → %s', (path, text) => {
    expect(formatPath(path)).toBe(text);
  });
});
