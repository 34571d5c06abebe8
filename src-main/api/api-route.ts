/**
 * One route of the local API (REST), as a pure function of the parsed request. The API server
 * (loopback, token, Host/Origin checks, JSON body limits) hosts a list of these; each feature
 * contributes its routes from `src-main/api/routes/<feature>.ts`.
 */
import type { ZodType } from 'zod';

export type HttpMethod = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';

export interface ApiRequest {
  /** Path parameters, e.g. { id } for /v1/calls/:id */
  readonly params: Readonly<Record<string, string>>;
  readonly query: URLSearchParams;
  /** Parsed JSON body (undefined when none was sent). */
  readonly body: unknown;
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
}

export interface ApiResponse {
  readonly status: number;
  /** Serialised as JSON. Errors use seed 004's `{ "message": "…" }`. */
  readonly body?: unknown;
  readonly headers?: Readonly<Record<string, string>>;
}

export interface ApiRoute {
  readonly method: HttpMethod;
  /** Express-style path with :params, e.g. /v1/groupcalls/:id */
  readonly path: string;
  /** For the OpenAPI document (generated from the same schemas that validate). */
  readonly summary: string;
  readonly bodySchema?: ZodType;
  readonly querySchema?: ZodType;
  readonly responseSchema?: ZodType;
  handle(request: ApiRequest): ApiResponse | Promise<ApiResponse>;
}

/** `{ "message": … }` with a status: the one error shape of the REST API. */
export function apiError(status: number, message: string): ApiResponse {
  return { status, body: { message } };
}
