/**
 * The conferencecall state machine as data, plus one guard (see the diagram on
 * ConferencecallStatus in contract/conference.ts). Forward only; `leaved` absorbs.
 * Staying in the same status is not a move: callers skip it before asking.
 */
import type { ConferencecallStatus } from '../../contract/conference.js';
import { DeskError } from '../../contract/result.js';

export const CONFERENCECALL_MOVES: Readonly<Record<ConferencecallStatus, readonly ConferencecallStatus[]>> = {
  joining: ['joined', 'leaving'],
  joined: ['leaving'],
  leaving: ['leaved'],
  leaved: [],
};

export function canMoveConferencecall(from: ConferencecallStatus, to: ConferencecallStatus): boolean {
  return CONFERENCECALL_MOVES[from].includes(to);
}

/** @throws DeskError invalid_state on a move the table does not allow (backwards, skip, or out of `leaved`). */
export function assertConferencecallMove(from: ConferencecallStatus, to: ConferencecallStatus): void {
  if (!canMoveConferencecall(from, to)) {
    throw new DeskError('invalid_state', `A conferencecall cannot move from ${from} to ${to}`);
  }
}
