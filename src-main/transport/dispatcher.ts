/**
 * The one dispatcher both transports share: it parses every request against the contract,
 * refuses what does not fit with a clear message, runs the handler, and always answers with
 * the result envelope. A handler's bug becomes an 'internal' error, never a crash of the host.
 */
import type { z } from 'zod';
import {
  DESK_ONLY_METHODS,
  METHODS,
  isMethodName,
  type MethodName,
  type MethodParsedParams,
  type MethodResult,
} from '../contract/methods.js';
import { DeskError, type Result } from '../contract/result.js';
import type { Logger } from '../engine/ports/logger.js';

/** Who is calling: which connection, and whether it is the desk that carries calls. */
export interface CallerContext {
  readonly connectionId: string;
  readonly isActiveDesk: boolean;
}

export type MethodHandlers = {
  [M in MethodName]: (
    params: MethodParsedParams<M>,
    caller: CallerContext,
  ) => MethodResult<M> | Promise<MethodResult<M>>;
};

export type Dispatch = (method: unknown, params: unknown, caller: CallerContext) => Promise<Result<unknown>>;

export function createDispatcher(handlers: MethodHandlers, logger: Logger): Dispatch {
  return async (method, params, caller) => {
    if (typeof method !== 'string' || !isMethodName(method)) {
      return failure('unknown_method', `Unknown method ${JSON.stringify(method)}`);
    }
    if (DESK_ONLY_METHODS.has(method) && !caller.isActiveDesk) {
      return failure('not_active_desk', 'This window is not the active desk; the desk is open elsewhere');
    }
    const parsed = METHODS[method].params.safeParse(params ?? {});
    if (!parsed.success) return failure('bad_request', describeIssues(parsed.error));
    try {
      const handler = handlers[method] as (p: unknown, c: CallerContext) => unknown;
      return { ok: true, value: await handler(parsed.data, caller) };
    } catch (error) {
      if (error instanceof DeskError) return failure(error.code, error.message);
      logger.error('handler failed', {
        method,
        error: error instanceof Error ? (error.stack ?? error.message) : String(error),
      });
      return failure('internal', 'Something went wrong inside the desk; the details are in the log');
    }
  };
}

/** "target: Type a number…; labels.x: expected string" — the path first, then the problem. */
export function describeIssues(error: z.ZodError): string {
  return error.issues
    .map((issue) => (issue.path.length > 0 ? `${issue.path.join('.')}: ${issue.message}` : issue.message))
    .join('; ');
}

function failure(code: DeskError['code'], message: string): Result<never> {
  return { ok: false, error: { code, message } };
}
