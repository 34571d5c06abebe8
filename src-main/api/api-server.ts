/**
 * The local API's HTTP front door: every request passes the same gates, in this order, before a
 * route sees it (docs/local-api.md):
 *
 *   1. Host must be this loopback host and port            else 421 (DNS rebinding)
 *   2. Origin: absent (curl, scripts) or our own UI        fine
 *      in api.allowed_origins                              fine, with CORS headers
 *      anything else                                       403
 *   3. OPTIONS preflight from an allowed origin            204 (no token: browsers send none)
 *   4. Authorization: Bearer <api.token>                   else 401 (timing-safe compare)
 *   5. a route for the path and method                     else 404 / 405
 *   6. body: JSON only (except raw-body routes)            else 415; over MAX_BODY_BYTES 413;
 *      unparsable 400; then the route's zod schemas        400 with the schema's message
 *
 * Errors are seed 004's `{ "message": "…" }`. Bad input never gets a 5xx: only a bug does, and
 * it is logged with its stack.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { DeskError } from '../contract/result.js';
import type { Logger } from '../engine/ports/logger.js';
import type { ApiRequest, ApiResponse, ApiRoute, HttpMethod } from './api-route.js';
import { firstIssueMessage } from './issue-message.js';

/** Largest JSON body accepted: 64 KiB (a call request is well under 1 KiB). */
export const MAX_BODY_BYTES = 64 * 1024;
/** Largest raw body (media upload): 10 MiB. */
export const MAX_RAW_BODY_BYTES = 10 * 1024 * 1024;

/** A route that takes the body as bytes (media upload) instead of JSON. */
export interface RawBodyRoute extends Omit<ApiRoute, 'handle' | 'bodySchema'> {
  readonly rawBody: true;
  /** Body limit; MAX_RAW_BODY_BYTES when absent. */
  readonly maxBytes?: number;
  handle(request: ApiRequest & { readonly raw: Buffer }): ApiResponse | Promise<ApiResponse>;
}

/** A route that keeps the response open (server-sent events). */
export interface StreamRoute {
  readonly method: 'GET';
  readonly path: string;
  readonly summary: string;
  readonly stream: true;
  open(request: ApiRequest, response: ServerResponse): void;
}

export type HostedRoute = ApiRoute | RawBodyRoute | StreamRoute;

export interface ApiServerOptions {
  readonly routes: readonly HostedRoute[];
  /** Read on every request, so that a regenerated token applies at once. */
  token(): string;
  /** The port this API is reached on (for the Host check). */
  port(): number;
  allowedOrigins(): readonly string[];
  /** The desk UI's own origins (browser mode page, desktop app://desk). */
  readonly uiOrigins: readonly string[];
  readonly logger: Logger;
  /** Runs each route's handler; the host passes one durable commit per request. As is when absent. */
  readonly unitOfWork?: <T>(work: () => T) => T;
}

export type ApiHandler = (request: IncomingMessage, response: ServerResponse) => Promise<void>;

/** Paths the API owns; browser mode serves everything else as static files. */
export function isApiPath(path: string): boolean {
  return path.startsWith('/v1/') || path === '/v1' || path.startsWith('/apps/api/');
}

interface CompiledRoute {
  readonly route: HostedRoute;
  readonly pattern: RegExp;
  readonly names: readonly string[];
}

export function createApiHandler(options: ApiServerOptions): ApiHandler {
  const compiled = options.routes.map(compile);
  const unitOfWork = options.unitOfWork ?? (<T>(work: () => T): T => work());
  return async (request, response) => {
    try {
      await handle(request, response);
    } catch (error) {
      options.logger.error('API request failed', {
        method: request.method,
        error: error instanceof Error ? (error.stack ?? error.message) : String(error),
      });
      if (!response.headersSent) send(response, 500, { message: 'Something went wrong inside the desk; the details are in its log' });
      else response.end();
    }
  };

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const port = options.port();
    const host = (request.headers.host ?? '').toLowerCase();
    if (![`127.0.0.1:${port}`, `localhost:${port}`].includes(host)) {
      drain(request);
      return send(response, 421, { message: `Misdirected request: the Host must be 127.0.0.1:${port}` });
    }

    const origin = request.headers.origin;
    const cors: Record<string, string> = {};
    if (origin !== undefined) {
      const normalised = origin.toLowerCase();
      if (options.allowedOrigins().some((allowed) => allowed.toLowerCase() === normalised)) {
        Object.assign(cors, {
          'Access-Control-Allow-Origin': origin,
          'Access-Control-Allow-Headers': 'Authorization, Content-Type',
          'Access-Control-Allow-Methods': 'GET, POST, PATCH, PUT, DELETE, OPTIONS',
          'Access-Control-Max-Age': '600',
          Vary: 'Origin',
        });
      } else if (!options.uiOrigins.some((own) => own.toLowerCase() === normalised)) {
        drain(request);
        return send(response, 403, { message: `Origin ${origin.slice(0, 200)} is not allowed: add it to api.allowed_origins` });
      }
    }
    if (request.method === 'OPTIONS') {
      drain(request);
      response.writeHead(204, { ...cors, 'Cache-Control': 'no-store' }).end();
      return;
    }

    if (!tokenMatches(request.headers.authorization, options.token())) {
      drain(request);
      return send(
        response,
        401,
        { message: 'Missing or wrong API token: send "Authorization: Bearer <api.token from settings.json>"' },
        { ...cors, 'WWW-Authenticate': 'Bearer' },
      );
    }

    const url = parseUrl(request.url);
    if (!url) {
      drain(request);
      return send(response, 400, { message: 'The request URL is malformed' }, cors);
    }
    const method = (request.method ?? 'GET').toUpperCase();
    const matches = compiled.map((entry) => ({ entry, params: matchPath(entry, url.pathname) })).filter((m) => m.params);
    const match = matches.find((m) => m.entry.route.method === method);
    if (!match?.params) {
      drain(request);
      if (matches.length > 0) {
        const allow = [...new Set(matches.map((m) => m.entry.route.method))].join(', ');
        return send(response, 405, { message: `${method} is not allowed on ${url.pathname}; use ${allow}` }, { ...cors, Allow: allow });
      }
      return send(response, 404, { message: `No route ${method} ${url.pathname.slice(0, 200)}` }, cors);
    }
    if (match.params === 'malformed') {
      drain(request);
      return send(response, 400, { message: 'The request URL is malformed' }, cors);
    }
    const route = match.entry.route;
    const base = { params: match.params, query: url.searchParams, headers: request.headers };

    if ('stream' in route) {
      drain(request);
      for (const [name, value] of Object.entries(cors)) response.setHeader(name, value);
      route.open({ ...base, body: undefined }, response);
      return;
    }

    const hasBody = method !== 'GET' && method !== 'DELETE';
    if (hasBody && !('rawBody' in route) && bodyPresent(request) && !isJson(request.headers['content-type'])) {
      drain(request);
      return send(response, 415, { message: 'Send JSON: the Content-Type must be application/json' }, cors);
    }
    const limit = 'rawBody' in route ? (route.maxBytes ?? MAX_RAW_BODY_BYTES) : MAX_BODY_BYTES;
    const bytes = hasBody ? await readBody(request, limit) : Buffer.alloc(0);
    if (bytes === 'too_large') {
      return send(response, 413, { message: `The request body is larger than ${limit / 1024} KiB` }, { ...cors, Connection: 'close' });
    }

    let answer: ApiResponse;
    if ('rawBody' in route) {
      answer = await run(() => unitOfWork(() => route.handle({ ...base, body: undefined, raw: bytes })));
    } else {
      let body: unknown = undefined;
      if (bytes.length > 0) {
        try {
          body = JSON.parse(bytes.toString('utf8'));
        } catch (error) {
          return send(response, 400, { message: `The request body is not valid JSON (${(error as Error).message})` }, cors);
        }
      }
      if (route.querySchema) {
        const parsed = route.querySchema.safeParse(Object.fromEntries(url.searchParams));
        if (!parsed.success) return send(response, 400, { message: firstIssueMessage(parsed.error.issues) }, cors);
      }
      if (route.bodySchema) {
        const parsed = route.bodySchema.safeParse(body);
        if (!parsed.success) return send(response, 400, { message: firstIssueMessage(parsed.error.issues) }, cors);
        body = parsed.data;
      }
      answer = await run(() => unitOfWork(() => route.handle({ ...base, body })));
    }
    send(response, answer.status, answer.body, { ...cors, ...answer.headers });
  }
}

/** A DeskError thrown by a route is an answer with its status; anything else is a bug. */
async function run(handler: () => ApiResponse | Promise<ApiResponse>): Promise<ApiResponse> {
  try {
    return await handler();
  } catch (error) {
    if (error instanceof DeskError) return { status: statusOfDeskError(error.code), body: { message: error.message } };
    throw error;
  }
}

export function statusOfDeskError(code: DeskError['code']): number {
  switch (code) {
    case 'not_found':
      return 404;
    case 'invalid_state':
    case 'desk_unavailable':
    case 'not_active_desk':
      return 409;
    case 'internal':
      return 500;
    default:
      return 400;
  }
}

/** Compares digests so that neither the length nor the content leaks through timing. */
export function tokenMatches(header: string | undefined, token: string): boolean {
  if (token === '' || header === undefined) return false;
  const match = /^Bearer +(\S+)\s*$/i.exec(header);
  if (!match?.[1]) return false;
  const given = createHash('sha256').update(match[1]).digest();
  const expected = createHash('sha256').update(token).digest();
  return timingSafeEqual(given, expected);
}

function compile(route: HostedRoute): CompiledRoute {
  const names: string[] = [];
  const source = route.path
    .split('/')
    .map((segment) => {
      if (segment.startsWith(':')) {
        names.push(segment.slice(1));
        return '([^/]+)';
      }
      return segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    })
    .join('/');
  return { route, pattern: new RegExp(`^${source}/?$`), names };
}

function matchPath(entry: CompiledRoute, path: string): Record<string, string> | 'malformed' | undefined {
  const found = entry.pattern.exec(path);
  if (!found) return undefined;
  const params: Record<string, string> = {};
  try {
    entry.names.forEach((name, index) => (params[name] = decodeURIComponent(found[index + 1] ?? '')));
  } catch {
    return 'malformed';
  }
  return params;
}

function parseUrl(raw: string | undefined): URL | undefined {
  try {
    return new URL(raw ?? '/', 'http://127.0.0.1');
  } catch {
    return undefined;
  }
}

function isJson(contentType: string | undefined): boolean {
  return contentType !== undefined && /^application\/json\s*(;|$)/i.test(contentType.trim());
}

function bodyPresent(request: IncomingMessage): boolean {
  const length = request.headers['content-length'];
  return request.headers['transfer-encoding'] !== undefined || (length !== undefined && length !== '0');
}

/** The body, or 'too_large' as soon as it passes `limit` (the rest is not buffered). */
function readBody(request: IncomingMessage, limit: number): Promise<Buffer | 'too_large'> {
  const declared = Number(request.headers['content-length']);
  if (Number.isFinite(declared) && declared > limit) {
    drain(request);
    return Promise.resolve('too_large');
  }
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let done = false;
    request.on('data', (chunk: Buffer) => {
      if (done) return;
      size += chunk.length;
      if (size > limit) {
        done = true;
        chunks.length = 0;
        resolve('too_large');
        return;
      }
      chunks.push(chunk);
    });
    request.on('end', () => {
      if (!done) resolve(Buffer.concat(chunks));
    });
    request.on('error', (error) => {
      if (!done) reject(error);
    });
  });
}

/** Read and discard what the client still sends, so that the answer reaches it. */
function drain(request: IncomingMessage): void {
  request.resume();
}

function send(response: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = body === undefined ? '' : JSON.stringify(body);
  response.writeHead(status, {
    ...(text === '' ? {} : { 'Content-Type': 'application/json; charset=utf-8' }),
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
    ...headers,
  });
  response.end(text);
}

export type { HttpMethod };
