import { describe, expect, it } from 'vitest';
import { CONFERENCECALL_STATUSES, type ConferencecallStatus } from '../../../../src-main/contract/conference.js';
import {
  assertConferencecallMove,
  canMoveConferencecall,
} from '../../../../src-main/engine/conference/conferencecall-state-machine.js';

const LEGAL: Array<[ConferencecallStatus, ConferencecallStatus]> = [
  ['joining', 'joined'],
  ['joining', 'leaving'],
  ['joined', 'leaving'],
  ['leaving', 'leaved'],
];
const isLegal = (from: string, to: string) => LEGAL.some(([f, t]) => f === from && t === to);
const ALL_PAIRS = CONFERENCECALL_STATUSES.flatMap((from) => CONFERENCECALL_STATUSES.map((to) => [from, to] as const));

describe('conferencecall state machine', () => {
  it.each(LEGAL)('allows %s → %s', (from, to) => {
    expect(canMoveConferencecall(from, to)).toBe(true);
    expect(() => assertConferencecallMove(from, to)).not.toThrow();
  });

  it.each(ALL_PAIRS.filter(([from, to]) => !isLegal(from, to)))('refuses %s → %s with invalid_state', (from, to) => {
    expect(canMoveConferencecall(from, to)).toBe(false);
    expect(() => assertConferencecallMove(from, to)).toThrow(
      expect.objectContaining({ code: 'invalid_state', message: `A conferencecall cannot move from ${from} to ${to}` }),
    );
  });

  it('leaved is final', () => {
    for (const to of CONFERENCECALL_STATUSES) expect(canMoveConferencecall('leaved', to)).toBe(false);
  });
});
