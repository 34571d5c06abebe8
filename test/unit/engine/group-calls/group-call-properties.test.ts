/**
 * Property: whatever order the legs' events arrive in (answers, refusals, timeouts, a hang-up of
 * the whole group), a group call ends with exactly one winner or none, every other leg terminal,
 * and no leg but the winner connected.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { TERMINAL_STATES } from '../../../../src-main/contract/call.js';
import { NIL_UUID } from '../../../../src-main/contract/group-call.js';
import { groupCallHarness } from '../../../support/fakes/group-call-harness.js';

type Step =
  | { kind: 'ringing' | 'answered'; leg: number }
  | { kind: 'refused'; leg: number; code: number }
  | { kind: 'tick'; ms: number }
  | { kind: 'hangup' };

const step: fc.Arbitrary<Step> = fc.oneof(
  fc.record({ kind: fc.constantFrom('ringing' as const, 'answered' as const), leg: fc.nat(7) }),
  fc.record({ kind: fc.constant('refused' as const), leg: fc.nat(7), code: fc.constantFrom(486, 603, 404, 500, 487) }),
  fc.record({ kind: fc.constant('tick' as const), ms: fc.integer({ min: 100, max: 6000 }) }),
  fc.constant({ kind: 'hangup' as const }),
);

describe('group call invariants over random leg events', () => {
  it('exactly one winner or none; every other leg terminal; no loser left connected', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('ring_all' as const, 'linear' as const),
        fc.integer({ min: 1, max: 4 }),
        fc.array(step, { maxLength: 40 }),
        (ringMethod, size, steps) => {
          const h = groupCallHarness();
          const group = h.groupCalls.create({
            destinations: Array.from({ length: size }, (_, i) => ({ type: 'endpoint', target: String(1002 + i) })),
            ring_method: ringMethod,
            timeout_seconds: 5,
          });
          for (const s of steps) {
            const ids = h.groupCalls.get(group.id).call_ids;
            if (s.kind === 'tick') h.clock.advance(s.ms);
            else if (s.kind === 'hangup') h.groupCalls.hangup(group.id);
            else {
              const id = ids[s.leg % ids.length]!;
              if (s.kind === 'refused') h.engine.legEvent({ type: 'ended', call_id: id, end: { by: 'remote', status_code: s.code } });
              else h.engine.legEvent({ type: s.kind, call_id: id });
            }
          }
          // Let every ring timeout run out, then look.
          h.clock.advance(60 * 60_000);
          const final = h.groupCalls.get(group.id);
          const legs = final.call_ids.map((id) => h.engine.getCall(id));
          const connected = legs.filter((leg) => leg.state === 'IN_PROGRESS');
          expect(connected.length).toBeLessThanOrEqual(1);
          if (final.answer_call_id === NIL_UUID) {
            expect(connected).toEqual([]);
            expect(final.status).not.toBe('ringing');
          } else {
            expect(final.status).toBe('answered');
            // The winner is up, or ended normally (the group was hung up after the answer).
            expect(connected.every((leg) => leg.id === final.answer_call_id)).toBe(true);
            expect(['IN_PROGRESS', 'COMPLETED']).toContain(h.engine.getCall(final.answer_call_id).state);
          }
          for (const leg of legs) {
            if (leg.id !== final.answer_call_id) expect(TERMINAL_STATES.has(leg.state)).toBe(true);
          }
          // A leg that answered after losing was sent a BYE; nothing else but the winner is up.
          expect(h.engine.liveCalls().filter((call) => call.id !== final.answer_call_id)).toEqual([]);
        },
      ),
      { numRuns: 300 },
    );
  });
});
