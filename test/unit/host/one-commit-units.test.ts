import { describe, expect, it } from 'vitest';
import type { Clock } from '../../../src-main/engine/ports/clock.js';
import { clockWithOneCommitTimers, handlersInOneCommit, type RunInOneCommit } from '../../../src-main/host/one-commit-units.js';
import type { MethodHandlers } from '../../../src-main/transport/dispatcher.js';

/** A commit runner that logs where each unit of work begins and ends. */
function loggingRunner(log: string[]): RunInOneCommit {
  return (work) => {
    log.push('begin');
    const result = work();
    log.push('commit');
    return result;
  };
}

describe('one commit per unit of host work', () => {
  it('runs every desk handler inside the commit runner, with its params and caller, and returns its result', () => {
    const log: string[] = [];
    const handlers = {
      'calls.hangup': (params: { id: string }, caller: { connectionId: string }) => {
        log.push(`handler ${params.id} for ${caller.connectionId}`);
        return { id: params.id };
      },
    } as unknown as MethodHandlers;
    const wrapped = handlersInOneCommit(handlers, loggingRunner(log));
    const hangup = wrapped['calls.hangup'] as unknown as (p: unknown, c: unknown) => unknown;
    expect(hangup({ id: 'c1' }, { connectionId: 'desk-1', isActiveDesk: true })).toEqual({ id: 'c1' });
    expect(log).toEqual(['begin', 'handler c1 for desk-1', 'commit']);
    expect(Object.keys(wrapped)).toEqual(Object.keys(handlers));
  });

  it('runs each timer callback (a call timeout, a hunt moving on) inside the commit runner', () => {
    const log: string[] = [];
    const pending: Array<() => void> = [];
    const base: Clock = {
      now: () => 1_000,
      setTimer: (callback) => {
        pending.push(callback);
        return pending.length;
      },
      clearTimer: () => undefined,
    };
    const clock = clockWithOneCommitTimers(base, loggingRunner(log));
    expect(clock.now()).toBe(1_000);
    clock.setTimer(() => log.push('timeout'), 30_000);
    expect(log).toEqual([]);
    pending[0]!();
    expect(log).toEqual(['begin', 'timeout', 'commit']);
  });
});
