/**
 * Seed 004's call routes: create (every call type), list, get, hang up, customer flags. Served
 * at /v1/… and, for the seed's own paths, at /apps/api/v1/….
 */
import { z } from 'zod';
import { CALL_STATES } from '../../contract/call.js';
import { CALL_STATUSES, statesOfStatus, type CallStatus } from '../../engine/contact-centre/call-status.js';
import { CALL_TYPES } from '../../engine/contact-centre/call-types.js';
import type { ContactCentreService } from '../../engine/contact-centre/contact-centre-service.js';
import type { ApiCallFilter } from '../../engine/ports/contact-centre-repository.js';
import { apiError, type ApiRoute } from '../api-route.js';

/** Documents POST /v1/calls in OpenAPI. Validation itself runs in the seed's fixed order. */
export const CreateCallBody = z.object({
  call_type: z.enum([...CALL_TYPES, 'OutboundCall', 'IncomingCall', 'ScheduledCall']),
  agent_email: z.string().optional().describe('Outbound: the agent of this desk'),
  ticket_id: z.union([z.string(), z.number()]).optional().describe('Takes precedence over end_user_number'),
  end_user_number: z.string().optional(),
  outbound_number: z.string().optional(),
  lang: z.string().optional().describe('ISO 639-1, default "en"'),
  menu_id: z.union([z.number().int(), z.string()]).optional().describe('Inbound and scheduled'),
  call_id: z.union([z.number().int(), z.string()]).optional().describe('Scheduled: the earlier call'),
  scheduled_at: z.string().optional().describe('Scheduled: a future ISO 8601 time'),
  recording_permission: z
    .enum(['recording_permission_not_asked', 'recording_permission_granted', 'recording_permission_denied'])
    .optional(),
  state_update_uri: z.string().optional().describe('Each state change is POSTed here (seed 003 stateUpdateUri)'),
});

const CallObjectSchema = z.looseObject({
  id: z.string(),
  status: z.enum(CALL_STATUSES),
  call_type: z.enum(CALL_TYPES).nullable(),
  state: z.enum(CALL_STATES).nullable(),
});

const listOf = <T extends string>(values: readonly T[], name: string) =>
  z
    .string()
    .transform((text) => text.split(','))
    .pipe(z.array(z.enum(values as [T, ...T[]], { error: `${name} must be one or more of ${values.join(', ')}` })));

const IsoQueryTime = z
  .string()
  .refine((text) => Number.isFinite(Date.parse(text)), 'must be an ISO 8601 time such as 2030-01-31T09:30:00Z');

export const ListCallsQuery = z
  .object({
    state: listOf(CALL_STATES, 'state').optional(),
    status: listOf(CALL_STATUSES, 'status').optional(),
    direction: z.enum(['OUTGOING', 'INCOMING'], { error: 'direction must be OUTGOING or INCOMING' }).optional(),
    number: z.string().min(1).max(64).optional(),
    from: IsoQueryTime.optional(),
    to: IsoQueryTime.optional(),
    limit: z
      .string()
      .regex(/^\d{1,3}$/, 'limit must be a whole number from 1 to 200')
      .transform(Number)
      .pipe(z.number().min(1, 'limit must be a whole number from 1 to 200').max(200, 'limit must be a whole number from 1 to 200'))
      .optional(),
    before: z.string().max(64).optional(),
  })
  .strict();

export const CustomerFlagsPatch = z
  .object({
    verified_customer: z.boolean().optional(),
    bad_actor: z.boolean().optional(),
    repeat_customer: z.boolean().optional(),
    /** The seed's PATCH example spells it so; stored as repeat_customer. */
    repeat_customers: z.boolean().optional(),
  })
  .strict()
  .refine((flags) => Object.keys(flags).length > 0, 'Send at least one of verified_customer, bad_actor, repeat_customer')
  .refine(
    (flags) =>
      flags.repeat_customer === undefined ||
      flags.repeat_customers === undefined ||
      flags.repeat_customer === flags.repeat_customers,
    'repeat_customer and repeat_customers disagree; send one of them',
  );

const CustomerFlags = z.object({ verified_customer: z.boolean(), bad_actor: z.boolean(), repeat_customer: z.boolean() });

/** Routes whose handler body is in `handle`: the same object serves /v1 and the seed's path. */
export function callRoutes(service: ContactCentreService): ApiRoute[] {
  const create: Omit<ApiRoute, 'path'> & { documentedBody: z.ZodType } = {
    method: 'POST',
    summary: 'Create a call (seed 004): outbound, inbound (API) or scheduled. 201 placed, 202 when the agent must pick an outbound number',
    documentedBody: CreateCallBody,
    responseSchema: CallObjectSchema,
    handle: (request) => service.createCall(request.body),
  };
  const getFlags: Omit<ApiRoute, 'path'> = {
    method: 'GET',
    summary: 'Customer flags of a call',
    responseSchema: CustomerFlags,
    handle: (request) => ({ status: 200, body: service.customerFlags(request.params.id ?? '') }),
  };
  const patchFlags: Omit<ApiRoute, 'path'> = {
    method: 'PATCH',
    summary: 'Set customer flags (repeat_customers is accepted for repeat_customer)',
    bodySchema: CustomerFlagsPatch,
    responseSchema: CustomerFlags,
    handle: (request) => {
      const body = request.body as z.infer<typeof CustomerFlagsPatch>;
      return {
        status: 200,
        body: service.setCustomerFlags(request.params.id ?? '', {
          verified_customer: body.verified_customer,
          bad_actor: body.bad_actor,
          repeat_customer: body.repeat_customer ?? body.repeat_customers,
        }),
      };
    },
  };
  return [
    { ...create, path: '/v1/calls' },
    { ...create, path: '/apps/api/v1/calls' },
    {
      method: 'GET',
      path: '/v1/calls',
      summary: 'List calls, newest first; filter by state or status, direction, number, time; cursor paging',
      querySchema: ListCallsQuery,
      responseSchema: z.object({ calls: z.array(CallObjectSchema), next_cursor: z.string().nullable() }),
      handle: (request) => {
        const query = ListCallsQuery.parse(Object.fromEntries(request.query));
        const filter = filterOf(query);
        if (typeof filter === 'string') return apiError(400, filter);
        return { status: 200, body: service.list(filter, query.limit ?? 50, query.before) };
      },
    },
    {
      method: 'GET',
      path: '/v1/calls/:id',
      summary: 'One call (seed 004 call object, with the seed 003 state)',
      responseSchema: CallObjectSchema,
      handle: (request) => ({ status: 200, body: service.get(request.params.id ?? '') }),
    },
    {
      method: 'POST',
      path: '/v1/calls/:id/hangup',
      summary: 'End a call: hang up, cancel, decline, or cancel a scheduled or waiting call',
      responseSchema: CallObjectSchema,
      handle: (request) => ({ status: 200, body: service.hangup(request.params.id ?? '') }),
    },
    { ...getFlags, path: '/v1/calls/:id/customer_flag' },
    { ...getFlags, path: '/apps/api/v1/calls/:id/customer_flag' },
    { ...patchFlags, path: '/v1/calls/:id/customer_flag' },
    { ...patchFlags, path: '/apps/api/v1/calls/:id/customer_flag' },
  ];
}

function filterOf(query: z.infer<typeof ListCallsQuery>): ApiCallFilter | string {
  let states: string[] | undefined = query.state;
  let phases: string[] | undefined;
  let leglessFailReasons: ApiCallFilter['leglessFailReasons'];
  if (query.status) {
    const fromStatus = new Set(query.status.flatMap((status: CallStatus) => statesOfStatus(status)));
    states = states ? states.filter((state) => fromStatus.has(state as never)) : [...fromStatus];
    phases = [];
    if (query.status.includes('scheduled')) phases.push('scheduled');
    if (query.status.includes('assigned')) phases.push('awaiting_number');
    // Legless cancelled rows are "failed" unless a scheduled call's outcome names its own status.
    const outcomes = (['cancelled', 'expired', 'missed'] as const).filter((status) => query.status?.includes(status));
    if (query.status.includes('failed') || outcomes.length > 0) phases.push('cancelled');
    if (query.status.includes('failed') && outcomes.length < 3) {
      leglessFailReasons = { notIn: ['cancelled', 'expired', 'missed'].filter((reason) => !outcomes.includes(reason as never)) };
    } else if (!query.status.includes('failed') && outcomes.length > 0) {
      leglessFailReasons = { in: outcomes };
    }
  }
  if (query.state && !query.status) phases = [];
  const from = query.from === undefined ? undefined : Date.parse(query.from);
  const to = query.to === undefined ? undefined : Date.parse(query.to);
  if (from !== undefined && to !== undefined && from >= to) return 'from must be earlier than to';
  // "+1 859-657-9625" is the stored "+18596579625": separators go, so the exact (indexed) match applies.
  const number = query.number && /^\+?[\d\s().-]+$/.test(query.number) ? query.number.replace(/[\s().-]/g, '') : query.number;
  return { states, phases, direction: query.direction, number, from, to, ...(leglessFailReasons ? { leglessFailReasons } : {}) };
}
