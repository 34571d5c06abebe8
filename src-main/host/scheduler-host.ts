/**
 * The scheduler in the host (issue 6): its SQLite store, the service on the system clock, the
 * desk methods of the Callbacks panel and prompt, and the events pushed to every page. Built by
 * createDeskHost for both roots; the desktop root also calls `resume()` on powerMonitor 'resume'.
 */
import type { Callback, CallbackPrompt as PromptPayload } from '../contract/callback.js';
import type { CallEngine } from '../engine/call-engine.js';
import type { ContactCentreService } from '../engine/contact-centre/contact-centre-service.js';
import type { ContactCentreRepository } from '../engine/ports/contact-centre-repository.js';
import type { Logger } from '../engine/ports/logger.js';
import type { CallbackRow } from '../engine/ports/scheduled-call-repository.js';
import { SchedulerService, type CallbackPrompt } from '../engine/scheduler/scheduler-service.js';
import type { Database } from '../store/database.js';
import { SqliteScheduledCallRepository } from '../store/sqlite-scheduled-call-repository.js';
import type { DeskHub } from '../transport/desk-hub.js';
import type { MethodHandlers } from '../transport/dispatcher.js';
import type { SettingsService } from './settings-service.js';
import { systemMonotonicClock } from './system-monotonic-clock.js';
import { randomIds } from './system-clock.js';

export type CallbackMethodName = Extract<keyof MethodHandlers, `callbacks.${string}`>;

export interface SchedulerHost {
  readonly scheduler: SchedulerService;
  readonly handlers: Pick<MethodHandlers, CallbackMethodName>;
  /** The OS woke up: overdue callbacks act now. */
  resume(): void;
  stop(): void;
}

export function createSchedulerHost(deps: {
  database: Database;
  engine: CallEngine;
  contactCentreRepo: ContactCentreRepository;
  contactCentre: ContactCentreService;
  hub: DeskHub;
  settings: SettingsService;
  logger: Logger;
}): SchedulerHost {
  const { engine, hub, settings, logger } = deps;
  const scheduler = new SchedulerService({
    clock: systemMonotonicClock,
    repo: new SqliteScheduledCallRepository(deps.database),
    contactCentre: deps.contactCentreRepo,
    engine,
    settings,
    ids: randomIds,
    logger,
    canDial: () => hub.isConnected() && engine.registration.state === 'registered',
  });
  scheduler.events.on('callback.prompt', (prompt) => hub.broadcast('callback.prompt', toPrompt(prompt)));
  scheduler.events.on('callback.prompt_cleared', (cleared) => hub.broadcast('callback.prompt_cleared', cleared));
  scheduler.events.on('callbacks.changed', (changed) => hub.broadcast('callbacks.changed', changed));
  // Scheduled calls created or cancelled over the local API: act on them now, not at the next tick.
  deps.contactCentre.events.on('call.changed', ({ object }) => {
    if (object.call_type !== 'Voice Scheduled (API)') return;
    if (object.status !== 'scheduled') hub.broadcast('callback.prompt_cleared', { id: object.id });
    hub.broadcast('callbacks.changed', { id: object.id });
    scheduler.check();
  });
  scheduler.start();

  return {
    scheduler,
    resume: () => scheduler.resume(),
    stop: () => scheduler.stop(),
    handlers: {
      'callbacks.list': () => {
        const { upcoming, past } = scheduler.list();
        return { upcoming: upcoming.map(toCallback), past: past.map(toCallback) };
      },
      'callbacks.schedule': ({ target, scheduled_at, parent_id }) =>
        toCallback(scheduler.schedule({ target, due: Date.parse(scheduled_at), parentId: parent_id ?? null })),
      'callbacks.reschedule': ({ id, scheduled_at }) => toCallback(scheduler.reschedule(id, Date.parse(scheduled_at))),
      'callbacks.cancel': ({ ids }) => scheduler.cancel(ids).map(toCallback),
      'callbacks.accept': ({ id }) => toCallback(scheduler.accept(id)),
      'callbacks.dismiss': ({ id }) => toCallback(scheduler.dismiss(id)),
      'callbacks.prompts': () => scheduler.prompts().map(toPrompt),
    },
  };
}

export function toCallback(row: CallbackRow): Callback {
  return {
    id: row.id,
    due_at: new Date(row.due).toISOString(),
    target: row.target,
    parent_id: row.parent_id,
    stage: row.stage,
    status: row.status,
    fail_reason: row.fail_reason,
  };
}

function toPrompt(prompt: CallbackPrompt): PromptPayload {
  return { id: prompt.id, target: prompt.target, due_at: new Date(prompt.due).toISOString(), accepted: prompt.accepted };
}
