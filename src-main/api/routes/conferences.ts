/**
 * Seed 001's conference routes on the local API:
 *   GET/POST /v1/conferences, GET /v1/conferences/:id,
 *   GET /v1/conferencecalls, GET and DELETE /v1/conferencecalls/:id.
 * Resources are in the seed's shape (snake_case, tm_* in `YYYY-MM-DD HH:MM:SS.ffffff`); a
 * conference lists its conferencecall ids. Errors are `{ "message": … }`; bad input writes nothing.
 */
import { z } from 'zod';
import { ConferenceSnapshot, ConferencecallSnapshot } from '../../contract/conference.js';
import { DeskError } from '../../contract/result.js';
import type { ConferenceService } from '../../engine/conference/conference-service.js';
import { apiError, type ApiRequest, type ApiResponse, type ApiRoute } from '../api-route.js';

export interface ConferenceRouteDeps {
  readonly conferences: ConferenceService;
}

const Uuid = z.uuid();
const Limit = z.coerce.number().int().min(1).max(500).default(100);
const ListQuery = z.object({ page_size: Limit }).loose();

/** POST /v1/conferences: a name, and optionally connected calls to merge at once. */
export const CreateConferenceBody = z
  .object({
    name: z.string({ error: 'name must be a string' }).max(200, 'name must be at most 200 characters').default(''),
    call_ids: z
      .array(z.uuid({ error: 'call_ids must be call ids (UUID)' }), { error: 'call_ids must be an array of call ids' })
      .max(16, 'call_ids may name at most 16 calls')
      .optional(),
  })
  .strict();

/** The REST resource: the conference with its conferencecall ids (not the calls themselves). */
export const ConferenceResource = ConferenceSnapshot.omit({ conferencecalls: true });

const STATUS_OF: Record<DeskError['code'], number> = {
  bad_request: 400,
  invalid_target: 400,
  unknown_method: 404,
  not_found: 404,
  invalid_state: 400,
  desk_unavailable: 503,
  not_active_desk: 409,
  settings_invalid: 400,
  internal: 500,
};

function resource(snapshot: ConferenceSnapshot): z.infer<typeof ConferenceResource> {
  const { conferencecalls: _calls, ...rest } = snapshot;
  return rest;
}

function run(action: () => unknown, status = 200): ApiResponse {
  try {
    return { status, body: action() };
  } catch (error) {
    if (error instanceof DeskError) return apiError(STATUS_OF[error.code], error.message);
    throw error;
  }
}

function idParam(request: ApiRequest, what: string): string | ApiResponse {
  const id = request.params.id ?? '';
  return Uuid.safeParse(id).success ? id : apiError(400, `${what} id must be a UUID (got "${id}")`);
}

function firstIssue(error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return 'invalid request';
  return issue.path.length > 0 ? `${issue.path.join('.')}: ${issue.message}` : issue.message;
}

function pageSize(request: ApiRequest): number | ApiResponse {
  const parsed = ListQuery.safeParse(Object.fromEntries(request.query));
  return parsed.success ? parsed.data.page_size : apiError(400, 'page_size must be a whole number from 1 to 500');
}

export function conferenceRoutes({ conferences }: ConferenceRouteDeps): ApiRoute[] {
  return [
    {
      method: 'GET',
      path: '/v1/conferences',
      summary: 'List conferences, newest first',
      responseSchema: z.object({ result: z.array(ConferenceResource) }),
      handle: (request) => {
        const limit = pageSize(request);
        if (typeof limit !== 'number') return limit;
        return run(() => ({ result: conferences.list(limit).map(resource) }));
      },
    },
    {
      method: 'POST',
      path: '/v1/conferences',
      summary: 'Create a conference, optionally merging connected calls into it',
      bodySchema: CreateConferenceBody,
      responseSchema: ConferenceResource,
      handle: (request) => {
        const parsed = CreateConferenceBody.safeParse(request.body ?? {});
        if (!parsed.success) return apiError(400, firstIssue(parsed.error));
        const { name, call_ids: callIds } = parsed.data;
        if (callIds !== undefined && callIds.length < 2) return apiError(400, 'call_ids must name at least two calls to merge');
        return run(() => resource(callIds ? conferences.merge(callIds, name) : conferences.create(name)), 201);
      },
    },
    {
      method: 'GET',
      path: '/v1/conferences/:id',
      summary: 'Get one conference',
      responseSchema: ConferenceResource,
      handle: (request) => {
        const id = idParam(request, 'conference');
        if (typeof id !== 'string') return id;
        return run(() => resource(conferences.get(id)));
      },
    },
    {
      method: 'GET',
      path: '/v1/conferencecalls',
      summary: 'List conferencecalls, newest first',
      responseSchema: z.object({ result: z.array(ConferencecallSnapshot) }),
      handle: (request) => {
        const limit = pageSize(request);
        if (typeof limit !== 'number') return limit;
        return run(() => ({ result: conferences.listConferencecalls(limit) }));
      },
    },
    {
      method: 'GET',
      path: '/v1/conferencecalls/:id',
      summary: 'Get one conferencecall',
      responseSchema: ConferencecallSnapshot,
      handle: (request) => {
        const id = idParam(request, 'conferencecall');
        if (typeof id !== 'string') return id;
        return run(() => conferences.getConferencecall(id));
      },
    },
    {
      method: 'DELETE',
      path: '/v1/conferencecalls/:id',
      summary: 'Remove a participant: leaving, then leaved once its call has ended',
      responseSchema: ConferencecallSnapshot,
      handle: (request) => {
        const id = idParam(request, 'conferencecall');
        if (typeof id !== 'string') return id;
        return run(() => conferences.drop(id));
      },
    },
  ];
}
