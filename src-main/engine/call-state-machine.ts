/**
 * The call state machine (seed 003) as data plus one guard. See the diagram on `CallState`
 * in contract/call.ts. States only move forward; skipping ahead is legal; terminal states absorb.
 */
import { TERMINAL_STATES, type CallState } from '../contract/call.js';

const FAILURES: readonly CallState[] = ['FAILED', 'NOT_ANSWERED', 'BUSY', 'REJECTED'];

/** For each state, the states it may move to. */
export const ALLOWED_TRANSITIONS: Readonly<Record<CallState, readonly CallState[]>> = {
  QUEUED: ['STARTING', 'RINGING', 'IN_PROGRESS', ...FAILURES],
  STARTING: ['RINGING', 'IN_PROGRESS', ...FAILURES],
  RINGING: ['IN_PROGRESS', ...FAILURES],
  // An answered call always ends COMPLETED (seed: "answered and is now finished");
  // end_reason says whether it ended normally, by transfer, or by a lost connection.
  IN_PROGRESS: ['COMPLETED'],
  COMPLETED: [],
  FAILED: [],
  NOT_ANSWERED: [],
  BUSY: [],
  REJECTED: [],
};

export function isTerminal(state: CallState): boolean {
  return TERMINAL_STATES.has(state);
}

export function canTransition(from: CallState, to: CallState): boolean {
  return ALLOWED_TRANSITIONS[from].includes(to);
}

/** Thrown when our own code asks for an illegal move: that is a bug, not a network race. */
export class IllegalTransitionError extends Error {
  constructor(
    readonly from: CallState,
    readonly to: CallState,
  ) {
    super(`Illegal call state transition ${from} → ${to}`);
    this.name = 'IllegalTransitionError';
  }
}

export function assertTransition(from: CallState, to: CallState): void {
  if (!canTransition(from, to)) throw new IllegalTransitionError(from, to);
}
