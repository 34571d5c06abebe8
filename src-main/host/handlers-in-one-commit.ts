/**
 * Every desk request's writes in one durable commit (see store/one-commit.ts): the reply, which
 * is the acknowledgement, goes out after the commit; commands and events the request causes go
 * out before it, without waiting for the disk.
 */
import type { MethodHandlers } from '../transport/dispatcher.js';

export type RunInOneCommit = <T>(work: () => T) => T;

export function handlersInOneCommit(handlers: MethodHandlers, inOneCommit: RunInOneCommit): MethodHandlers {
  const wrapped = Object.entries(handlers).map(([method, handler]) => [
    method,
    (params: never, caller: never) => inOneCommit(() => (handler as (p: never, c: never) => unknown)(params, caller)),
  ]);
  return Object.fromEntries(wrapped) as MethodHandlers;
}
