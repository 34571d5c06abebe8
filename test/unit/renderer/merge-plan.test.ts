import { describe, expect, it } from 'vitest';
import { mergePlan } from '../../../src-renderer/components/conference/merge-plan.js';

const connected = (id: string, labels: Record<string, string> = {}) => ({ id, state: 'IN_PROGRESS' as const, labels });
const member = (reference_id: string, status: 'joining' | 'joined' | 'leaving' | 'leaved') => ({ reference_id, status });
const conference = (...members: Array<ReturnType<typeof member>>) => ({ conferencecalls: members }) as never;

describe('what Merge brings together', () => {
  it('merges two connected calls when there is no conference yet', () => {
    expect(mergePlan([connected('a'), connected('b')], null)).toEqual({ callIds: ['a', 'b'], count: 2 });
  });

  it('needs two: one call alone, or a call still ringing, is nothing to merge', () => {
    expect(mergePlan([connected('a')], null)).toBeNull();
    expect(mergePlan([connected('a'), { id: 'b', state: 'RINGING' as const, labels: {} }], null)).toBeNull();
  });

  it("never merges a supervisor's join call", () => {
    expect(mergePlan([connected('a'), connected('s', { supervisor_mode: 'listen' })], null)).toBeNull();
  });

  it('brings a new call into the conference, anchored by one of its joined calls, and counts the conference as one', () => {
    const calls = [connected('a'), connected('b'), connected('c')];
    expect(mergePlan(calls, conference(member('a', 'joined'), member('b', 'joined')))).toEqual({ callIds: ['a', 'c'], count: 2 });
  });

  it('has nothing to do when every connected call is already in the conference', () => {
    expect(mergePlan([connected('a'), connected('b')], conference(member('a', 'joined'), member('b', 'joined')))).toBeNull();
  });

  it('counts a call that has left the conference as outside it again', () => {
    const plan = mergePlan([connected('a'), connected('b'), connected('c')], conference(member('a', 'joined'), member('b', 'joined'), member('c', 'leaved')));
    expect(plan).toEqual({ callIds: ['a', 'c'], count: 2 });
  });
});
