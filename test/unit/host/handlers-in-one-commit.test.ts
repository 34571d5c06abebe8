import { describe, expect, it } from 'vitest';
import { handlersInOneCommit } from '../../../src-main/host/handlers-in-one-commit.js';
import type { MethodHandlers } from '../../../src-main/transport/dispatcher.js';

describe('handlersInOneCommit', () => {
  it('runs every desk handler inside the commit runner, with its params and caller, and returns its result', () => {
    const log: string[] = [];
    const handlers = {
      'calls.hangup': (params: { id: string }, caller: { connectionId: string }) => {
        log.push(`handler ${params.id} for ${caller.connectionId}`);
        return { id: params.id };
      },
    } as unknown as MethodHandlers;
    const wrapped = handlersInOneCommit(handlers, (work) => {
      log.push('begin');
      const result = work();
      log.push('commit');
      return result;
    });
    const hangup = wrapped['calls.hangup'] as unknown as (p: unknown, c: unknown) => unknown;
    expect(hangup({ id: 'c1' }, { connectionId: 'desk-1', isActiveDesk: true })).toEqual({ id: 'c1' });
    expect(log).toEqual(['begin', 'handler c1 for desk-1', 'commit']);
    expect(Object.keys(wrapped)).toEqual(Object.keys(handlers));
  });
});
