/**
 * Everything main-side that both composition roots share (the Electron app and browser mode):
 * the store, the settings, the engine, the desk hub and the dispatcher, wired together.
 * Each root adds its own carrier (IPC or WebSocket) around `dispatch` and `hub`.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { CallEngine } from '../engine/call-engine.js';
import { ConferenceService } from '../engine/conference/conference-service.js';
import { GroupCallService } from '../engine/group-calls/group-call-service.js';
import type { Logger } from '../engine/ports/logger.js';
import { openDatabase } from '../store/database.js';
import { inOneCommit } from '../store/one-commit.js';
import { SqliteCallRepository } from '../store/sqlite-call-repository.js';
import { SqliteConferenceRepository } from '../store/sqlite-conference-repository.js';
import { SqliteGroupCallRepository } from '../store/sqlite-group-call-repository.js';
import { DeskHub } from '../transport/desk-hub.js';
import { createDispatcher, type Dispatch } from '../transport/dispatcher.js';
import { createConferenceHandlers } from './conference-handlers.js';
import { createContactCentreHost, type ContactCentreHost } from './contact-centre-host.js';
import { createContactHandlers } from './contact-handlers.js';
import { customerIdOf } from './customer-id.js';
import { createDeskHandlers } from './desk-handlers.js';
import { clockWithOneCommitTimers, handlersInOneCommit, type RunInOneCommit } from './one-commit-units.js';
import { publishRingReadiness } from './ring-readiness.js';
import { createSchedulerHost, type SchedulerHost } from './scheduler-host.js';
import type { SecretVault } from './secret-vault.js';
import { SettingsService } from './settings-service.js';
import { randomIds, systemClock } from './system-clock.js';

export interface DeskHost {
  readonly engine: CallEngine;
  readonly conferences: ConferenceService;
  readonly groupCalls: GroupCallService;
  readonly hub: DeskHub;
  readonly settings: SettingsService;
  readonly dispatch: Dispatch;
  /** Runs work with all its writes in one durable commit (each request and timer does). */
  readonly inOneCommit: RunInOneCommit;
  /** Contact-centre records, broadcasts and the 202 flow (the local API builds on them). */
  readonly contactCentre: ContactCentreHost;
  /** Scheduled calls and callbacks (issue 6). */
  readonly scheduler: SchedulerHost;
  close(): void;
}

export interface DeskHostOptions {
  readonly dataDir: string;
  readonly logger: Logger;
  readonly vault?: SecretVault;
}

export function createDeskHost({ dataDir, logger, vault }: DeskHostOptions): DeskHost {
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  // Settings first: a malformed file stops the start before anything else is touched.
  const settings = new SettingsService(dataDir, vault);
  const database = openDatabase(join(dataDir, 'calls.sqlite'));
  const calls = new SqliteCallRepository(database);
  // A unit of work's messages to the desks leave as one batch when it has run, before its commit.
  const runInOneCommit: RunInOneCommit = (work) => inOneCommit(database, () => hub.inOneDelivery(work));
  const clock = clockWithOneCommitTimers(systemClock, runInOneCommit);

  // The hub reports a lost desk to the engine, which is built next (the callback runs later).
  const hub = new DeskHub({ onDeskLost: () => runInOneCommit(() => engine.deskLost()) });
  const engine = new CallEngine({ calls, clock, ids: randomIds, telephony: hub, settings, logger });
  // Desks hear of a change first, before the features that react to it (and write their own
  // records): a ring reaches the agent's screen without waiting for that bookkeeping.
  engine.events.on('call.updated', (call) => hub.broadcast('call.updated', call));
  engine.events.on('agent.status', (status) => hub.broadcast('agent.status', status));
  engine.events.on('registration.changed', (registration) => hub.broadcast('registration.changed', registration));
  settings.onChange((current) => hub.broadcast('settings.changed', current));

  const interrupted = engine.recoverInterruptedCalls();
  if (interrupted > 0) logger.warn('ended calls left live by the previous run', { count: interrupted });
  const conferences = new ConferenceService({
    engine,
    conferences: new SqliteConferenceRepository(database),
    clock,
    ids: randomIds,
    settings,
    logger,
  });
  conferences.recoverInterrupted();
  conferences.events.on('conference.updated', (conference) => hub.broadcast('conference.updated', conference));


  const groupCalls = new GroupCallService({
    engine,
    groups: new SqliteGroupCallRepository(database),
    clock,
    ids: randomIds,
    telephony: hub,
    settings,
    logger,
    customerId: () => customerIdOf(settings.current().sip.uri),
  });
  groupCalls.recoverInterrupted();
  groupCalls.events.on('groupcall.updated', (group) => hub.broadcast('groupcall.updated', group));

  const contactCentre = createContactCentreHost({ database, calls, engine, hub, settings, logger });
  const scheduler = createSchedulerHost({
    database,
    engine,
    contactCentreRepo: contactCentre.repo,
    contactCentre: contactCentre.service,
    hub,
    settings,
    logger,
  });
  publishRingReadiness({
    engine,
    hub,
    onReservationsMayChange: (check) => {
      scheduler.scheduler.events.on('callbacks.changed', check);
      contactCentre.service.events.on('call.changed', check);
    },
  });
  const dispatch = createDispatcher(
    handlersInOneCommit(
      {
        ...createDeskHandlers(engine, settings, hub, groupCalls),
        ...createConferenceHandlers(engine, conferences),
        ...contactCentre.handlers,
        'desk.take_dial_request': () => ({ target: contactCentre.dialRequests.take() }),
        'contacts.list': () => contactCentre.service.listContacts().map((contact) => ({ ...contact, ticket_ids: [...contact.ticket_ids] })),
        ...scheduler.handlers,
        ...createContactHandlers(contactCentre.service, settings),
      },
      runInOneCommit,
    ),
    logger,
  );
  return {
    engine,
    conferences,
    groupCalls,
    hub,
    settings,
    dispatch,
    inOneCommit: runInOneCommit,
    contactCentre,
    scheduler,
    close: () => {
      scheduler.stop();
      database.close();
    },
  };
}
