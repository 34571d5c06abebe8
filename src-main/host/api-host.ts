/**
 * The local API assembled from the host: every route (calls, contacts, events, JSON-RPC,
 * OpenAPI) behind the API server's gates, plus the state_update_uri and real-time app posts.
 * Browser mode mounts the handler on the UI's port; the desktop app on its own listener.
 */
import { createApiHandler, type ApiHandler, type HostedRoute } from '../api/api-server.js';
import { callRoutes } from '../api/routes/calls.js';
import { conferenceRoutes } from '../api/routes/conferences.js';
import { contactRoutes } from '../api/routes/contacts.js';
import { eventRoutes } from '../api/routes/events.js';
import { groupCallRoutes } from '../api/routes/group-calls.js';
import { mediaRoutes } from '../api/routes/media.js';
import { openApiRoute } from '../api/routes/openapi.js';
import { rpcRoutes } from '../api/routes/rpc.js';
import { RealtimeApps } from '../api/realtime-apps.js';
import { scheduledCallRoutes } from '../api/routes/scheduled-calls.js';
import { StateWebhooks } from '../api/state-webhooks.js';
import type { Logger } from '../engine/ports/logger.js';
import type { DeskHost } from './desk-host.js';

export interface ApiHost {
  readonly handler: ApiHandler;
  readonly webhooks: StateWebhooks;
  readonly realtime: RealtimeApps;
  readonly routes: readonly HostedRoute[];
}

export interface ApiHostOptions {
  /** The port the API is reached on (for the Host check). */
  port(): number;
  /** The desk UI's own origins. */
  readonly uiOrigins: readonly string[];
  readonly logger: Logger;
  /** Extra routes from other features (groupcalls, conferences, ...). */
  readonly extraRoutes?: readonly HostedRoute[];
  readonly webhookBackoffMs?: number;
}

export function createApiHost(host: DeskHost, options: ApiHostOptions): ApiHost {
  const { contactCentre, engine, settings } = host;
  const webhooks = new StateWebhooks({ logger: options.logger, backoffMs: options.webhookBackoffMs });
  const realtime = new RealtimeApps({
    engine,
    playback: contactCentre.playback,
    media: contactCentre.media,
    logger: options.logger,
    ...(options.webhookBackoffMs === undefined ? {} : { backoffMs: options.webhookBackoffMs }),
  });
  contactCentre.service.events.on('call.changed', ({ object, stateUpdateUri }) => {
    webhooks.notify(stateUpdateUri, object);
    realtime.callChanged(object.id, object);
  });

  const routes: HostedRoute[] = [
    ...callRoutes(contactCentre.service),
    ...contactRoutes(contactCentre.service, settings),
    ...eventRoutes(contactCentre.service),
    ...mediaRoutes(contactCentre.media, () => Date.now()),
    ...rpcRoutes({
      engine,
      calls: contactCentre.calls,
      broadcasts: contactCentre.broadcasts,
      media: contactCentre.media,
      settings: () => settings.current(),
      followRealtime: (callId, url) => realtime.follow(callId, url, contactCentre.service.get(callId)),
      breakRealtime: (callId) => realtime.break(callId),
    }),
    ...groupCallRoutes({ groupCalls: host.groupCalls }),
    ...conferenceRoutes({ conferences: host.conferences }),
    ...scheduledCallRoutes({ scheduler: host.scheduler.scheduler, calls: contactCentre.service }),
    ...(options.extraRoutes ?? []),
  ];
  routes.push(openApiRoute(() => routes));

  const handler = createApiHandler({
    routes,
    token: () => settings.current().api.token,
    port: options.port,
    allowedOrigins: () => settings.current().api.allowed_origins,
    uiOrigins: options.uiOrigins,
    logger: options.logger,
    unitOfWork: host.inOneCommit,
  });
  return { handler, webhooks, realtime, routes };
}
