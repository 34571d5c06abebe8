/** The mapping between seed 003's state and seed 004's status (docs/call-states.md). */
import { describe, expect, it } from 'vitest';
import { CALL_STATES } from '../../../../src-main/contract/call.js';
import { CALL_STATUSES, statesOfStatus, statusOf } from '../../../../src-main/engine/contact-centre/call-status.js';

describe('status from state', () => {
  it.each([
    ['QUEUED', true, 'assigned'],
    ['QUEUED', false, 'queued'],
    ['STARTING', true, 'connecting'],
    ['RINGING', false, 'connecting'],
    ['IN_PROGRESS', true, 'connected'],
    ['COMPLETED', true, 'finished'],
    ['FAILED', true, 'failed'],
    ['BUSY', true, 'failed'],
    ['REJECTED', true, 'failed'],
    ['NOT_ANSWERED', true, 'failed'],
  ] as const)('%s (agent named: %s) is %s', (state, agent, status) => {
    expect(statusOf('dialled', state, agent)).toBe(status);
  });

  it('phases before the leg win over the state', () => {
    expect(statusOf('scheduled', null, false)).toBe('scheduled');
    expect(statusOf('awaiting_number', null, true)).toBe('assigned');
    expect(statusOf('cancelled', null, true)).toBe('failed');
  });

  it('every state belongs to exactly the statuses that map back to it', () => {
    for (const state of CALL_STATES) {
      const statuses = CALL_STATUSES.filter((status) => statesOfStatus(status).includes(state));
      expect(statuses).toContain(statusOf('dialled', state, state === 'QUEUED'));
    }
  });
});
