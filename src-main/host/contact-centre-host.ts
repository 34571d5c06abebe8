/**
 * The contact-centre side of the host (issue 3): its store, its service, broadcasts, the API
 * token, and the desk handlers of the 202 flow. Built by createDeskHost for both roots.
 */
import { newApiToken } from '../api/api-token.js';
import { DeskError } from '../contract/result.js';
import type { MethodHandlers } from '../transport/dispatcher.js';
import { BroadcastService } from '../engine/broadcast/broadcast-service.js';
import type { CallEngine } from '../engine/call-engine.js';
import { ContactCentreService } from '../engine/contact-centre/contact-centre-service.js';
import type { CallRepository } from '../engine/ports/call-repository.js';
import { CallPlayback } from '../engine/playback/call-playback.js';
import type { Logger } from '../engine/ports/logger.js';
import type { Database } from '../store/database.js';
import { SqliteContactCentreRepository } from '../store/sqlite-contact-centre-repository.js';
import { SqliteMediaLibrary } from '../store/sqlite-media-library.js';
import type { DeskHub } from '../transport/desk-hub.js';
import type { SettingsService } from './settings-service.js';
import { DialRequests } from './dial-requests.js';
import { randomIds, systemClock } from './system-clock.js';

/** 96 KiB of audio per api.media_read: 128 KiB of base64, well inside a 256 KiB WebSocket frame. */
export const MEDIA_CHUNK_BYTES = 96 * 1024;

export interface ContactCentreHost {
  readonly service: ContactCentreService;
  readonly broadcasts: BroadcastService;
  /** Audio played into calls (broadcasts, real-time apps). */
  readonly playback: CallPlayback;
  readonly repo: SqliteContactCentreRepository;
  readonly calls: CallRepository;
  readonly media: SqliteMediaLibrary;
  readonly handlers: Pick<
    MethodHandlers,
    'api.pending_number_choices' | 'api.choose_outbound_number' | 'api.decline_outbound_number' | 'api.regenerate_token' | 'api.media_read'
  >;
  readonly dialRequests: DialRequests;
}

export function createContactCentreHost(deps: {
  database: Database;
  calls: CallRepository;
  engine: CallEngine;
  hub: DeskHub;
  settings: SettingsService;
  logger: Logger;
}): ContactCentreHost {
  const { database, calls, engine, hub, settings, logger } = deps;
  // The token exists from the first start on; settings.json is written owner-only.
  if (settings.current().api.token === '') settings.update({ api: { token: newApiToken() } });

  const repo = new SqliteContactCentreRepository(database);
  const service = new ContactCentreService({
    engine,
    calls,
    repo,
    clock: systemClock,
    ids: randomIds,
    settings,
    logger,
    agentAvailable: () =>
      hub.isConnected() && engine.registration.state === 'registered' && engine.agentStatus === 'available' &&
      engine.reservedReason() === null,
  });
  service.events.on('number.requested', (choice) => hub.broadcast('api.number_choice_requested', { ...choice, outbound_numbers: [...choice.outbound_numbers] }));
  service.events.on('number.settled', (settled) => hub.broadcast('api.number_choice_settled', settled));
  service.events.on('contact.changed', (contact) => hub.broadcast('contacts.changed', { ...contact, ticket_ids: [...contact.ticket_ids] }));
  const media = new SqliteMediaLibrary(database);
  const playback = new CallPlayback(engine, randomIds);
  const broadcasts = new BroadcastService(engine, randomIds, playback);
  const dialRequests = new DialRequests({ hub, engine, settings, logger });

  return {
    service,
    broadcasts,
    playback,
    repo,
    calls,
    media,
    dialRequests,
    handlers: {
      'api.pending_number_choices': () => service.pendingNumberChoices().map((choice) => ({ ...choice, outbound_numbers: [...choice.outbound_numbers] })),
      'api.choose_outbound_number': ({ id, number }) => {
        service.chooseOutboundNumber(id, number);
        return { ok: true as const };
      },
      'api.decline_outbound_number': ({ id }) => {
        service.declineOutboundNumber(id);
        return { ok: true as const };
      },
      'api.regenerate_token': () => settings.update({ api: { token: newApiToken() } }),
      'api.media_read': ({ id, offset }) => {
        const chunk = media.read(id, offset, MEDIA_CHUNK_BYTES);
        if (!chunk) throw new DeskError('not_found', `No media with id ${id} in the media library`);
        return { content_type: chunk.content_type, total_bytes: chunk.total_bytes, data_base64: Buffer.from(chunk.data).toString('base64') };
      },
    },
  };
}
