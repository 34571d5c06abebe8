/** The envelope every transport answers with, and the stable error codes behind it. */
import { z } from 'zod';

export const ERROR_CODES = [
  'bad_request', // the params did not match the method's schema
  'unknown_method',
  'invalid_target', // the dial plan could not read what was typed
  'not_found', // no such call
  'invalid_state', // the call is not in a state that allows this
  'desk_unavailable', // no desk is connected to carry the call
  'not_active_desk', // this connection is not the desk that carries calls
  'settings_invalid',
  'internal', // a bug: logged with its stack, never shown raw
] as const;
export const ErrorCode = z.enum(ERROR_CODES);
export type ErrorCode = z.infer<typeof ErrorCode>;

export const RpcError = z.object({ code: ErrorCode, message: z.string() });
export type RpcError = z.infer<typeof RpcError>;

export type Result<T> = { ok: true; value: T } | { ok: false; error: RpcError };

/** An error with a stable code and a message a person can act on. */
export class DeskError extends Error {
  readonly code: ErrorCode;
  constructor(code: ErrorCode, message: string) {
    super(message);
    this.name = 'DeskError';
    this.code = code;
  }
}
