import { describe, expect, it } from 'vitest';
import { decide, type SchedulerPolicy } from '../../../../src-main/engine/scheduler/scheduler-policy.js';

const MIN = 60_000;
const policy: SchedulerPolicy = { leadMs: 2 * MIN, expiryMs: 15 * MIN, graceMs: 10 * MIN, autoDial: false };
const due = 1_000_000_000;

describe('scheduler policy', () => {
  it.each([
    ['before the lead time: nothing until due − lead', 'waiting', due - 3 * MIN, policy, { action: 'none', wakeAt: due - 2 * MIN }],
    ['at the lead time: the agent is prompted', 'waiting', due - 2 * MIN, policy, { action: 'prompt' }],
    ['accepted during the lead time: waits for the due time, never earlier', 'accepted', due - 1, policy, { action: 'none', wakeAt: due }],
    ['accepted, at the due time: dial', 'accepted', due, policy, { action: 'dial' }],
    ['prompted, not accepted, at the due time: waits for the agent until the expiry', 'prompted', due, policy, { action: 'none', wakeAt: due + 15 * MIN }],
    ['prompted and ignored past the expiry window: expired', 'prompted', due + 15 * MIN, policy, { action: 'expire' }],
    ['auto-dial at the due time: dial without the agent', 'waiting', due, { ...policy, autoDial: true }, { action: 'dial' }],
    ['found late within the grace (restart, resume): dial', 'accepted', due + 10 * MIN, policy, { action: 'dial' }],
    ['found later than the grace: missed', 'accepted', due + 10 * MIN + 1, policy, { action: 'miss' }],
    ['never prompted and found after the expiry window: missed', 'waiting', due + 20 * MIN, policy, { action: 'miss' }],
    ['never prompted, found overdue within the expiry: prompt now', 'waiting', due + 1 * MIN, policy, { action: 'prompt' }],
  ] as const)('%s', (_name, stage, now, rules, expected) => {
    expect(decide({ due, stage }, now, rules)).toEqual(expected);
  });
});
