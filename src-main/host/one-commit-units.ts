/**
 * Each unit of the host's work writes in one durable commit (see store/one-commit.ts): a desk
 * request, a timer the engine set, and a local API request (api-server.ts's unitOfWork). The
 * reply to a request, which is its acknowledgement, goes out after the commit; the commands and
 * events the work causes go out before it, without waiting for the disk.
 */
import type { Clock } from '../engine/ports/clock.js';
import type { MethodHandlers } from '../transport/dispatcher.js';

export type RunInOneCommit = <T>(work: () => T) => T;

export function handlersInOneCommit(handlers: MethodHandlers, inOneCommit: RunInOneCommit): MethodHandlers {
  const wrapped = Object.entries(handlers).map(([method, handler]) => [
    method,
    (params: never, caller: never) => inOneCommit(() => (handler as (p: never, c: never) => unknown)(params, caller)),
  ]);
  return Object.fromEntries(wrapped) as MethodHandlers;
}

/** A clock whose timers run their callback in one commit (a call's timeout, a hunt's next leg). */
export function clockWithOneCommitTimers(clock: Clock, inOneCommit: RunInOneCommit): Clock {
  return { ...clock, setTimer: (callback, delayMs) => clock.setTimer(() => inOneCommit(callback), delayMs) };
}
