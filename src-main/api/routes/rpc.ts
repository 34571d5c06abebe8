/**
 * POST /v1/rpc: seed 002's calls service over JSON-RPC 2.0 (positional params as the seed
 * lists them, or named ones). Errors use the standard codes:
 *   -32700 parse error, -32600 invalid request, -32601 method not found, -32602 invalid params,
 *   -32000 the call could not be placed (the engine's reason in the message).
 */
import { z } from 'zod';
import { DeskError } from '../../contract/result.js';
import type { Settings } from '../../contract/settings.js';
import type { BroadcastService } from '../../engine/broadcast/broadcast-service.js';
import type { CallEngine } from '../../engine/call-engine.js';
import type { CallRepository } from '../../engine/ports/call-repository.js';
import type { MediaLibrary } from '../../engine/ports/media-library.js';
import type { RawBodyRoute } from '../api-server.js';
import { MAX_BODY_BYTES } from '../api-server.js';
import { firstIssueMessage } from '../issue-message.js';

export const RPC_PARSE_ERROR = -32700;
export const RPC_INVALID_REQUEST = -32600;
export const RPC_METHOD_NOT_FOUND = -32601;
export const RPC_INVALID_PARAMS = -32602;
export const RPC_CALL_FAILED = -32000;

const Target = z
  .object({ number: z.string({ error: 'target.number is required' }).min(1, 'target.number is required').max(256) })
  .strict();
const Message = z.union([
  z.number().int().min(1, 'a media id is a positive integer'),
  z.string().regex(/^TTS\|[A-Za-z0-9_-]{1,64}\|.{1,1000}$/s, 'a message is a media id or "TTS|VOICE|text"'),
]);
const Options = z.record(z.string(), z.unknown()).nullable().optional();
const BroadcastOptions = z
  .object({ cli: z.string().optional(), timeout_seconds: z.number().int().min(1).max(600).optional() })
  .strict()
  .nullable()
  .optional();
const CallId = z.number({ error: 'callid must be an integer' }).int('callid must be an integer').min(0, 'callid must not be negative');

/** Each method: its parameter names in the seed's order, and their schema. */
export const RPC_METHODS = {
  'calls.broadcast_1': {
    names: ['target', 'messages', 'options'],
    schema: z.tuple([Target, z.array(Message).min(1, 'messages must hold at least one message').max(50), BroadcastOptions]),
    summary: 'Broadcast messages to a target; returns the request id',
  },
  'calls.get_status_1': {
    names: ['request_id'],
    schema: z.tuple([z.string({ error: 'request_id must be a string' }).min(1).max(64)]),
    summary: 'Status of a broadcast: queued, dialling, playing, done, failed',
  },
  'calls.hangup': {
    names: ['callid', 'options'],
    schema: z.tuple([CallId, Options]),
    summary: 'Hang up any call by its callid; true when it was live',
  },
  'calls.realtime': {
    names: ['app', 'target', 'options'],
    schema: z.tuple([z.string({ error: 'app must be a string' }).min(1).max(128), Target, Options]),
    summary: 'Call a target, POSTing its events to the real-time app; returns the call request id',
  },
  'calls.realtime_break': {
    names: ['callid', 'options'],
    schema: z.tuple([CallId, Options]),
    summary: 'Break the command in progress on a real-time call; true when one was stopped',
  },
} as const;
type RpcMethod = keyof typeof RPC_METHODS;

export interface RpcDeps {
  readonly engine: CallEngine;
  readonly calls: CallRepository;
  readonly broadcasts: BroadcastService;
  readonly media: MediaLibrary;
  settings(): Settings;
  /** Start forwarding this call's events to a real-time app's URL (and carrying out its replies). */
  followRealtime(callId: string, url: string): void;
  /** Stop the command in progress on this call (a playback); false when none runs. */
  breakRealtime(callId: string): boolean;
}

type RpcReply = { jsonrpc: '2.0'; id: string | number | null } & (
  | { result: unknown }
  | { error: { code: number; message: string } }
);

class RpcFailure extends Error {
  constructor(readonly code: number, message: string) {
    super(message);
  }
}

export function rpcRoutes(deps: RpcDeps): RawBodyRoute[] {
  return [
    {
      method: 'POST',
      path: '/v1/rpc',
      summary: `JSON-RPC 2.0 (seed 002): ${Object.keys(RPC_METHODS).join(', ')}`,
      rawBody: true,
      maxBytes: MAX_BODY_BYTES,
      handle: (request) => {
        const type = request.headers['content-type'];
        if (typeof type !== 'string' || !/^application\/json\s*(;|$)/i.test(type.trim())) {
          return { status: 415, body: { message: 'Send JSON: the Content-Type must be application/json' } };
        }
        let payload: unknown;
        try {
          payload = JSON.parse(request.raw.toString('utf8'));
        } catch (error) {
          return ok(failure(null, RPC_PARSE_ERROR, `Parse error: ${(error as Error).message}`));
        }
        if (Array.isArray(payload)) {
          if (payload.length === 0) return ok(failure(null, RPC_INVALID_REQUEST, 'Invalid request: the batch is empty'));
          if (payload.length > 50) return ok(failure(null, RPC_INVALID_REQUEST, 'Invalid request: at most 50 calls per batch'));
          const replies = payload.map((entry) => answer(entry, deps)).filter((reply): reply is RpcReply => reply !== null);
          return replies.length > 0 ? ok(replies) : { status: 204 };
        }
        const reply = answer(payload, deps);
        return reply === null ? { status: 204 } : ok(reply);
      },
    },
  ];
}

function ok(body: unknown): { status: number; body: unknown } {
  return { status: 200, body };
}

function failure(id: string | number | null, code: number, message: string): RpcReply {
  return { jsonrpc: '2.0', id, error: { code, message } };
}

/** One request → its reply, or null for a valid notification (no id). */
export function answer(entry: unknown, deps: RpcDeps): RpcReply | null {
  if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) {
    return failure(null, RPC_INVALID_REQUEST, 'Invalid request: expected a JSON-RPC 2.0 request object');
  }
  const request = entry as Record<string, unknown>;
  const rawId = request.id;
  const idValid = rawId === undefined || rawId === null || typeof rawId === 'string' || (typeof rawId === 'number' && Number.isFinite(rawId));
  const id = idValid && rawId !== undefined ? (rawId as string | number | null) : null;
  if (request.jsonrpc !== '2.0') return failure(id, RPC_INVALID_REQUEST, 'Invalid request: "jsonrpc" must be "2.0"');
  if (!idValid) return failure(null, RPC_INVALID_REQUEST, 'Invalid request: "id" must be a string, a number or null');
  if (typeof request.method !== 'string') return failure(id, RPC_INVALID_REQUEST, 'Invalid request: "method" must be a string');
  const params = request.params;
  if (params !== undefined && (typeof params !== 'object' || params === null)) {
    return failure(id, RPC_INVALID_REQUEST, 'Invalid request: "params" must be an array or an object');
  }
  const notification = rawId === undefined;
  if (!Object.hasOwn(RPC_METHODS, request.method)) {
    return notification ? null : failure(id, RPC_METHOD_NOT_FOUND, `Method not found: ${request.method.slice(0, 100)}; the methods are ${Object.keys(RPC_METHODS).join(', ')}`);
  }
  try {
    const result = call(request.method as RpcMethod, params as unknown[] | Record<string, unknown> | undefined, deps);
    return notification ? null : { jsonrpc: '2.0', id, result };
  } catch (error) {
    if (notification) return null;
    if (error instanceof RpcFailure) return failure(id, error.code, error.message);
    if (error instanceof DeskError) return failure(id, RPC_CALL_FAILED, error.message);
    throw error;
  }
}

function call(method: RpcMethod, params: unknown[] | Record<string, unknown> | undefined, deps: RpcDeps): unknown {
  const spec = RPC_METHODS[method];
  const positional = Array.isArray(params)
    ? params
    : spec.names.map((name) => (params as Record<string, unknown> | undefined)?.[name]);
  if (Array.isArray(params) && params.length > spec.names.length) {
    throw new RpcFailure(RPC_INVALID_PARAMS, `Invalid params: ${method} takes ${spec.names.join(', ')}`);
  }
  if (!Array.isArray(params) && params) {
    const unknown = Object.keys(params).filter((key) => !(spec.names as readonly string[]).includes(key));
    if (unknown.length > 0) throw new RpcFailure(RPC_INVALID_PARAMS, `Invalid params: unknown parameter ${unknown[0]}`);
  }
  const padded = spec.names.map((_name, index) => positional[index] ?? undefined);
  const parsed = (spec.schema as z.ZodType).safeParse(padded);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const name = issue ? spec.names[Number(issue.path[0])] : undefined;
    const message = issue ? firstIssueMessage([{ ...issue, path: issue.path.slice(1) }]) : 'invalid';
    throw new RpcFailure(RPC_INVALID_PARAMS, `Invalid params: ${name ?? 'params'}: ${message}`);
  }
  const args = parsed.data as unknown[];
  switch (method) {
    case 'calls.broadcast_1': {
      const [target, messages, options] = args as [z.infer<typeof Target>, Array<number | string>, z.infer<typeof BroadcastOptions>];
      const missing = messages.find((message) => typeof message === 'number' && !deps.media.has(message));
      if (missing !== undefined) {
        throw new RpcFailure(RPC_INVALID_PARAMS, `Invalid params: messages: media ${missing} is not in the media library (POST /v1/media)`);
      }
      return deps.broadcasts.start(target.number, messages, options?.timeout_seconds ?? undefined).request_id;
    }
    case 'calls.get_status_1': {
      const broadcast = deps.broadcasts.get(args[0] as string);
      if (!broadcast) throw new RpcFailure(RPC_INVALID_PARAMS, `Invalid params: request_id: no broadcast with this id`);
      return broadcast.status;
    }
    case 'calls.hangup': {
      const record = deps.calls.getByCallid(args[0] as number);
      if (!record || ['COMPLETED', 'FAILED', 'NOT_ANSWERED', 'BUSY', 'REJECTED'].includes(record.state)) return false;
      deps.engine.hangup(record.id);
      return true;
    }
    case 'calls.realtime': {
      const [appId, target] = args as [string, z.infer<typeof Target>];
      const app = deps.settings().realtime_apps.find((candidate) => candidate.id === appId);
      if (!app) throw new RpcFailure(RPC_INVALID_PARAMS, `Invalid params: app: ${appId.slice(0, 100)} is not a configured real-time app (realtime_apps in settings.json)`);
      const call = deps.engine.dial({ target: target.number, createMethod: 'API', labels: { realtime_app: app.id } });
      deps.followRealtime(call.id, app.url);
      return call.id;
    }
    case 'calls.realtime_break': {
      const record = deps.calls.getByCallid(args[0] as number);
      return record ? deps.breakRealtime(record.id) : false;
    }
  }
}
