/**
 * GET /v1/openapi.json: OpenAPI 3.1, generated from the routes and the very zod schemas that
 * validate their requests (z.toJSONSchema), so the document cannot drift from the code.
 */
import { z } from 'zod';
import type { ApiRoute } from '../api-route.js';
import type { HostedRoute } from '../api-server.js';
import { RPC_METHODS } from './rpc.js';

const ErrorBody = { type: 'object', properties: { message: { type: 'string' } }, required: ['message'] };

function jsonSchema(schema: z.ZodType | undefined, io: 'input' | 'output'): Record<string, unknown> | undefined {
  if (!schema) return undefined;
  try {
    const { $schema: _drop, ...rest } = z.toJSONSchema(schema, { io, unrepresentable: 'any', target: 'draft-2020-12' }) as Record<string, unknown>;
    return rest;
  } catch {
    return {};
  }
}

export function buildOpenApi(routes: readonly HostedRoute[]): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of routes) {
    const path = route.path.replace(/:([A-Za-z_]+)/g, '{$1}');
    const names = [...route.path.matchAll(/:([A-Za-z_]+)/g)].map((m) => m[1]);
    const parameters: unknown[] = names.map((name) => ({ name, in: 'path', required: true, schema: { type: 'string' } }));
    const operation: Record<string, unknown> = { summary: route.summary, parameters };
    if (!('stream' in route)) {
      const api = route as ApiRoute & { documentedBody?: z.ZodType };
      const query = jsonSchema(api.querySchema, 'input') as { properties?: Record<string, unknown> } | undefined;
      for (const [name, schema] of Object.entries(query?.properties ?? {})) parameters.push({ name, in: 'query', required: false, schema });
      const body = jsonSchema(api.bodySchema ?? api.documentedBody, 'input');
      if (body) operation.requestBody = { required: true, content: { 'application/json': { schema: body } } };
      if ('rawBody' in route && route.path === '/v1/rpc') {
        operation.requestBody = {
          required: true,
          content: {
            'application/json': {
              schema: {
                type: 'object',
                required: ['jsonrpc', 'method'],
                properties: {
                  jsonrpc: { const: '2.0' },
                  method: { enum: Object.keys(RPC_METHODS) },
                  params: { type: ['array', 'object'] },
                  id: { type: ['string', 'number', 'null'] },
                },
              },
            },
          },
        };
      }
      const success = jsonSchema(api.responseSchema, 'output') ?? {};
      operation.responses = {
        [route.method === 'POST' && route.path.endsWith('/calls') ? '201' : '200']: { description: 'OK', content: { 'application/json': { schema: success } } },
        '400': { description: 'Bad input', content: { 'application/json': { schema: ErrorBody } } },
        '401': { description: 'Missing or wrong token', content: { 'application/json': { schema: ErrorBody } } },
      };
    } else {
      operation.responses = { '200': { description: 'text/event-stream', content: { 'text/event-stream': { schema: { type: 'string' } } } } };
    }
    paths[path] = { ...paths[path], [route.method.toLowerCase()]: operation };
  }
  return {
    openapi: '3.1.0',
    info: { title: 'Switchboard Desk local API', version: '1', description: 'Loopback only; every request needs Authorization: Bearer <api.token>. See docs/local-api.md.' },
    servers: [{ url: '/' }],
    components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
    security: [{ bearer: [] }],
    paths,
  };
}

export function openApiRoute(routes: () => readonly HostedRoute[]): ApiRoute {
  let cached: Record<string, unknown> | undefined;
  return {
    method: 'GET',
    path: '/v1/openapi.json',
    summary: 'This document',
    handle: () => {
      cached ??= buildOpenApi(routes());
      return { status: 200, body: cached };
    },
  };
}
