import { describe, expect, it } from 'vitest';
import { CALL_STATES, type CallState } from '../../../src-main/contract/call.js';
import {
  ALLOWED_TRANSITIONS,
  IllegalTransitionError,
  assertTransition,
  canTransition,
  isTerminal,
} from '../../../src-main/engine/call-state-machine.js';

// The documented table (docs/call-states.md), written out independently of the code's table.
const LEGAL: Array<[CallState, CallState]> = [
  ['QUEUED', 'STARTING'],
  ['QUEUED', 'RINGING'],
  ['QUEUED', 'IN_PROGRESS'],
  ['QUEUED', 'FAILED'],
  ['QUEUED', 'NOT_ANSWERED'],
  ['QUEUED', 'BUSY'],
  ['QUEUED', 'REJECTED'],
  ['STARTING', 'RINGING'],
  ['STARTING', 'IN_PROGRESS'],
  ['STARTING', 'FAILED'],
  ['STARTING', 'NOT_ANSWERED'],
  ['STARTING', 'BUSY'],
  ['STARTING', 'REJECTED'],
  ['RINGING', 'IN_PROGRESS'],
  ['RINGING', 'FAILED'],
  ['RINGING', 'NOT_ANSWERED'],
  ['RINGING', 'BUSY'],
  ['RINGING', 'REJECTED'],
  ['IN_PROGRESS', 'COMPLETED'],
];
const isLegal = (from: CallState, to: CallState) => LEGAL.some(([f, t]) => f === from && t === to);

describe('call state machine', () => {
  const pairs = CALL_STATES.flatMap((from) => CALL_STATES.map((to) => [from, to] as const));

  it.each(pairs.filter(([from, to]) => isLegal(from, to)))('allows %s → %s', (from, to) => {
    expect(canTransition(from, to)).toBe(true);
    expect(() => assertTransition(from, to)).not.toThrow();
  });

  it.each(pairs.filter(([from, to]) => !isLegal(from, to)))('refuses %s → %s', (from, to) => {
    expect(canTransition(from, to)).toBe(false);
    expect(() => assertTransition(from, to)).toThrow(IllegalTransitionError);
  });

  it('terminal states absorb: no move out of them', () => {
    for (const state of CALL_STATES.filter(isTerminal)) expect(ALLOWED_TRANSITIONS[state]).toEqual([]);
  });

  it('states only move forward: no move ever returns to an earlier state in the flow', () => {
    const order = ['QUEUED', 'STARTING', 'RINGING', 'IN_PROGRESS'];
    for (const [from, to] of LEGAL) {
      if (order.includes(to)) expect(order.indexOf(to)).toBeGreaterThan(order.indexOf(from));
    }
  });

  it('an answered call can only end COMPLETED', () => {
    expect(ALLOWED_TRANSITIONS.IN_PROGRESS).toEqual(['COMPLETED']);
  });
});
