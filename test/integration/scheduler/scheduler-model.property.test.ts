/**
 * Model-based test of the scheduler (fast-check commands) on a real SQLite file per run, with
 * a fake clock that keeps wall and monotonic time apart. After every command it checks:
 *   - never early: no dial before the wall clock reached the due time;
 *   - at most one dial per scheduled call, whatever happened (so a backwards jump never re-fires);
 *   - on time: a call due while the scheduler was settled is dialled within 1 s of its time;
 *   - caught up: right after a start or a resume event, and 5 s after a sleep without one (browser
 *     mode) or a wall-clock jump, nothing is left that the policy says should have happened
 *     (overdue items fired, missed, expired or prompted);
 *   - after a restart, the SQLite state equals the model.
 */
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { DeskError } from '../../../src-main/contract/result.js';
import { decide, policyOf } from '../../../src-main/engine/scheduler/scheduler-policy.js';
import { schedulerSystem, type SchedulerSystem } from './scheduler-system.js';

const MIN = 60_000;
const SETTLE_MS = 5_000;

interface ModelItem {
  readonly id: string;
  due: number;
  cancelled: boolean;
  accepted: boolean;
}

interface Model {
  readonly items: ModelItem[];
  /** Monotonic time of the last restart, sleep or wall-clock jump. */
  lastDisturbanceMono: number;
  /** From this monotonic time on, the scheduler must have caught up. */
  settledFromMono: number;
  /** Calls dialled because the agent accepted after the due time (dialled at once, not on time). */
  readonly dialledByAccept: Set<string>;
  dialsChecked: number;
}

interface Real {
  readonly sys: SchedulerSystem;
}

type Cmd = fc.Command<Model, Real>;

function pick(model: Model, index: number): ModelItem | undefined {
  return model.items.length === 0 ? undefined : model.items[index % model.items.length];
}

function isLive(real: Real, id: string): boolean {
  return real.sys.repo.get(id) !== undefined;
}

function expectNotScheduled(action: () => unknown): void {
  try {
    action();
  } catch (error) {
    expect(error).toBeInstanceOf(DeskError);
    expect((error as DeskError).code).toBe('invalid_state');
    return;
  }
  throw new Error('a call that is no longer scheduled was changed');
}

function verify(model: Model, real: Real): void {
  const { sys } = real;
  const now = sys.clock.now();
  const mono = sys.clock.monotonic();
  const perId = new Map<string, number>();
  for (const dial of sys.dials) perId.set(dial.id, (perId.get(dial.id) ?? 0) + 1);
  for (const [id, count] of perId) expect(count, `dials of ${id}`).toBe(1);

  for (const dial of sys.dials.slice(model.dialsChecked)) {
    const item = model.items.find((candidate) => candidate.id === dial.id);
    expect(item, 'a dial of a call the model never scheduled').toBeDefined();
    if (!item) continue;
    expect(item.cancelled, 'a cancelled call was dialled').toBe(false);
    expect(dial.wall, 'dialled before it was due').toBeGreaterThanOrEqual(item.due);
    const lateness = dial.wall - item.due;
    const dueMono = dial.mono - lateness;
    const excused = model.dialledByAccept.has(dial.id) || model.lastDisturbanceMono >= dueMono - SETTLE_MS;
    if (!excused) expect(lateness, 'dialled late while awake and settled').toBeLessThanOrEqual(1_000);
  }
  model.dialsChecked = sys.dials.length;

  if (mono >= model.settledFromMono) {
    const policy = policyOf(sys.settings.scheduler);
    for (const item of sys.repo.dueBy(now + policy.leadMs, 100_000)) {
      expect(decide(item, now, policy).action, `item ${item.id} left behind (stage ${item.stage})`).toBe('none');
    }
  }
}

/** After a restart the file holds exactly what the model says. */
function verifyStoreEqualsModel(model: Model, real: Real): void {
  const { sys } = real;
  const dialled = new Set(sys.dials.map((dial) => dial.id));
  for (const item of model.items) {
    const status = sys.repo.status(item.id);
    if (item.cancelled) {
      expect(status).toBe('cancelled');
    } else if (dialled.has(item.id)) {
      expect(sys.calls.get(item.id)?.id).toBe(item.id);
      expect(['queued', 'connecting', 'connected', 'finished', 'failed']).toContain(status);
    } else {
      const live = sys.repo.get(item.id);
      if (live) {
        expect(live.due).toBe(item.due);
        expect(live.stage === 'accepted').toBe(item.accepted);
        expect(status).toBe('scheduled');
      } else {
        expect(['expired', 'missed']).toContain(status);
      }
    }
  }
  const stored = (sys.db.prepare("SELECT count(*) AS n FROM contact_centre_calls WHERE call_type = 'Voice Scheduled (API)'").get() as { n: number }).n;
  expect(stored).toBe(model.items.length);
}

function command(name: string, run: (model: Model, real: Real) => void): Cmd {
  return {
    check: () => true,
    run: (model, real) => {
      run(model, real);
      verify(model, real);
    },
    toString: () => name,
  };
}

const commands = [
  fc.integer({ min: 1_000, max: 30 * MIN }).map((offset) =>
    command(`schedule(+${offset})`, (model, { sys }) => {
      const row = sys.scheduler.schedule({ target: '+14155550123', due: sys.clock.now() + offset });
      model.items.push({ id: row.id, due: row.due, cancelled: false, accepted: false });
    }),
  ),
  fc.nat().map((index) =>
    command(`cancel(${index})`, (model, real) => {
      const item = pick(model, index);
      if (!item) return;
      if (isLive(real, item.id)) {
        real.sys.scheduler.cancel([item.id]);
        item.cancelled = true;
      } else {
        expectNotScheduled(() => real.sys.scheduler.cancel([item.id]));
      }
    }),
  ),
  fc.tuple(fc.nat(), fc.integer({ min: 1_000, max: 30 * MIN })).map(([index, offset]) =>
    command(`edit(${index}, +${offset})`, (model, real) => {
      const item = pick(model, index);
      if (!item) return;
      const due = real.sys.clock.now() + offset;
      if (isLive(real, item.id)) {
        real.sys.scheduler.reschedule(item.id, due);
        item.due = due;
        item.accepted = false;
      } else {
        expectNotScheduled(() => real.sys.scheduler.reschedule(item.id, due));
      }
    }),
  ),
  fc.constant(
    command('restart', (model, real) => {
      real.sys.restart();
      model.lastDisturbanceMono = real.sys.clock.monotonic();
      model.settledFromMono = model.lastDisturbanceMono;
      verifyStoreEqualsModel(model, real);
    }),
  ),
  fc.tuple(fc.integer({ min: 1_000, max: 40 * MIN }), fc.boolean()).map(([ms, resumeEvent]) =>
    command(`suspend(${ms}, ${resumeEvent ? 'resume event' : 'no resume event'})`, (model, { sys }) => {
      sys.clock.suspend(ms);
      model.lastDisturbanceMono = sys.clock.monotonic();
      model.settledFromMono = model.lastDisturbanceMono + (resumeEvent ? 0 : SETTLE_MS);
      if (resumeEvent) sys.scheduler.resume();
    }),
  ),
  fc.tuple(fc.integer({ min: 1_000, max: 40 * MIN }), fc.boolean()).map(([ms, forwards]) =>
    command(`jumpWall(${forwards ? '+' : '-'}${ms})`, (model, { sys }) => {
      sys.clock.jumpWall(forwards ? ms : -ms);
      model.lastDisturbanceMono = sys.clock.monotonic();
      model.settledFromMono = model.lastDisturbanceMono + SETTLE_MS;
    }),
  ),
  fc.integer({ min: 0, max: 3 * MIN }).map((ms) =>
    command(`tick(${ms})`, (model, real) => {
      // Stop at the moment the scheduler must have caught up, and look: 5 s is the budget, not "eventually".
      const mono = real.sys.clock.monotonic();
      if (mono < model.settledFromMono && model.settledFromMono <= mono + ms) {
        real.sys.clock.advance(model.settledFromMono - mono);
        verify(model, real);
        real.sys.clock.advance(mono + ms - real.sys.clock.monotonic());
      } else {
        real.sys.clock.advance(ms);
      }
    }),
  ),
  fc.nat().map((index) =>
    command(`accept(${index})`, (model, real) => {
      const item = pick(model, index);
      if (!item) return;
      if (!isLive(real, item.id)) {
        expectNotScheduled(() => real.sys.scheduler.accept(item.id));
        return;
      }
      const due = real.sys.clock.now() >= item.due;
      real.sys.scheduler.accept(item.id);
      if (due) model.dialledByAccept.add(item.id);
      else item.accepted = true;
    }),
  ),
  fc.nat().map((index) =>
    command(`ignore(${index})`, (model, real) => {
      const item = pick(model, index);
      if (!item) return;
      if (isLive(real, item.id)) real.sys.scheduler.dismiss(item.id);
      else expectNotScheduled(() => real.sys.scheduler.dismiss(item.id));
    }),
  ),
];

describe('scheduler model', () => {
  let open: SchedulerSystem | undefined;
  afterEach(() => open?.close());

  it('never dials early or twice, is on time while awake, catches up after restart, sleep and clock jumps, and persists what the model says (1,000 sequences)', () => {
    fc.assert(
      fc.property(
        fc.record({
          auto_dial: fc.boolean(),
          lead_minutes: fc.integer({ min: 0, max: 3 }),
          expiry_minutes: fc.integer({ min: 1, max: 6 }),
          overdue_grace_minutes: fc.integer({ min: 0, max: 4 }),
        }),
        fc.commands(commands, { maxCommands: 30 }),
        (scheduler, cmds) => {
          const sys = schedulerSystem({ scheduler });
          open = sys;
          try {
            const model: Model = {
              items: [],
              lastDisturbanceMono: 0,
              settledFromMono: 0,
              dialledByAccept: new Set(),
              dialsChecked: 0,
            };
            fc.modelRun(() => ({ model, real: { sys } }), cmds);
            // Sleep past everything and wake: all is dialled or has an outcome at once, still once each.
            sys.clock.suspend(3 * 60 * MIN);
            sys.scheduler.resume();
            model.lastDisturbanceMono = sys.clock.monotonic();
            model.settledFromMono = model.lastDisturbanceMono;
            verify(model, { sys });
            expect(sys.repo.upcoming(1000).filter((row) => row.due < sys.clock.now())).toEqual([]);
          } finally {
            sys.close();
            open = undefined;
          }
        },
      ),
      { numRuns: 1_000 },
    );
  }, 180_000);
});
