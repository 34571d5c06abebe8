/**
 * REST routes for group calls (seed 000), hosted by the local API server:
 *   POST   /v1/groupcalls             create and start ringing (201)
 *   GET    /v1/groupcalls             not deleted, newest first: { result: [...] }
 *   GET    /v1/groupcalls/:id         one group call (deleted ones too, with tm_delete set)
 *   POST   /v1/groupcalls/:id/hangup  cancel every ringing leg (and end the answered one)
 *   DELETE /v1/groupcalls/:id         hang up if ringing, then set tm_delete
 * Errors are seed 004's `{ "message": … }`: 400 for bad input and for "Agent is not available
 * to take this call" (the seed's status for it), 404 for an unknown id.
 */
import { z } from 'zod';
import { CreateGroupCall, GroupCall } from '../../contract/group-call.js';
import { DeskError } from '../../contract/result.js';
import type { GroupCallService } from '../../engine/group-calls/group-call-service.js';
import { apiError, type ApiResponse, type ApiRoute } from '../api-route.js';

export interface GroupCallRouteDeps {
  readonly groupCalls: GroupCallService;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const GroupCallList = z.object({ result: z.array(GroupCall) });

export function groupCallRoutes({ groupCalls }: GroupCallRouteDeps): ApiRoute[] {
  const withId = (id: string | undefined, action: (id: string) => unknown): ApiResponse => {
    if (!id || !UUID.test(id)) return apiError(400, 'id must be a group call id (UUID)');
    return answer(() => ({ status: 200, body: action(id) }));
  };
  return [
    {
      method: 'POST',
      path: '/v1/groupcalls',
      summary: 'Create a group call: ring the destinations (ring_all or linear); the first to answer wins',
      bodySchema: CreateGroupCall,
      responseSchema: GroupCall,
      handle: ({ body }) => {
        if (body === undefined || body === null || typeof body !== 'object' || Array.isArray(body)) {
          return apiError(400, 'The body must be a JSON object with destinations');
        }
        return answer(() => ({ status: 201, body: groupCalls.create(body) }));
      },
    },
    {
      method: 'GET',
      path: '/v1/groupcalls',
      summary: 'List group calls that are not deleted, newest first',
      responseSchema: GroupCallList,
      handle: () => answer(() => ({ status: 200, body: { result: groupCalls.list() } })),
    },
    {
      method: 'GET',
      path: '/v1/groupcalls/:id',
      summary: 'Get one group call',
      responseSchema: GroupCall,
      handle: ({ params }) => withId(params.id, (id) => groupCalls.get(id)),
    },
    {
      method: 'POST',
      path: '/v1/groupcalls/:id/hangup',
      summary: 'Hang up a group call: every leg still ringing is cancelled',
      responseSchema: GroupCall,
      handle: ({ params }) => withId(params.id, (id) => groupCalls.hangup(id)),
    },
    {
      method: 'DELETE',
      path: '/v1/groupcalls/:id',
      summary: 'Delete a group call (sets tm_delete; hangs it up first if it is still ringing)',
      responseSchema: GroupCall,
      handle: ({ params }) => withId(params.id, (id) => groupCalls.delete(id)),
    },
  ];
}

/** Engine errors → HTTP: the message is already one a person can act on. */
function answer(run: () => ApiResponse): ApiResponse {
  try {
    return run();
  } catch (error) {
    if (!(error instanceof DeskError)) throw error;
    switch (error.code) {
      case 'not_found':
        return apiError(404, error.message);
      case 'bad_request':
      case 'invalid_target':
      case 'desk_unavailable':
      case 'invalid_state':
        return apiError(400, error.message);
      default:
        throw error;
    }
  }
}
