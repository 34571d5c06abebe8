/**
 * GET /v1/events: server-sent events of every call change, for CRM screen-pops. Each event is
 * named after what happened (ring, answer, end, or update for any other change) and carries
 * the seed 004 call object.
 */
import type { ServerResponse } from 'node:http';
import type { ContactCentreService } from '../../engine/contact-centre/contact-centre-service.js';
import type { StreamRoute } from '../api-server.js';

const HEARTBEAT_MS = 25_000;

/** ring | answer | end | update, from the call object's telephony state. */
export function eventNameOf(state: unknown): 'ring' | 'answer' | 'end' | 'update' {
  switch (state) {
    case 'RINGING':
      return 'ring';
    case 'IN_PROGRESS':
      return 'answer';
    case 'COMPLETED':
    case 'FAILED':
    case 'NOT_ANSWERED':
    case 'BUSY':
    case 'REJECTED':
      return 'end';
    default:
      return 'update';
  }
}

export function eventRoutes(service: ContactCentreService): StreamRoute[] {
  return [
    {
      method: 'GET',
      path: '/v1/events',
      summary: 'Server-sent events: ring, answer, end and update, each with the call object',
      stream: true,
      open: (_request, response: ServerResponse) => {
        response.writeHead(200, {
          'Content-Type': 'text/event-stream; charset=utf-8',
          'Cache-Control': 'no-store',
          'X-Content-Type-Options': 'nosniff',
          Connection: 'keep-alive',
        });
        response.write('retry: 2000\n: connected\n\n');
        const off = service.events.on('call.changed', ({ object }) => {
          response.write(`event: ${eventNameOf(object.state)}\nid: ${object.id}\ndata: ${JSON.stringify(object)}\n\n`);
        });
        const heartbeat = setInterval(() => response.write(': keep-alive\n\n'), HEARTBEAT_MS);
        heartbeat.unref();
        response.on('close', () => {
          off();
          clearInterval(heartbeat);
        });
      },
    },
  ];
}
