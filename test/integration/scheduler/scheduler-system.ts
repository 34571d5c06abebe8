/**
 * A scheduler on a real SQLite file with the real call engine, driven by the fake clock (wall and
 * monotonic time apart) and a recording telephony port. `restart()` drops the process (its timers
 * die with it) and opens the same file again, as a crash or a quit and relaunch would.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import type { TelephonyCommand } from '../../../src-main/contract/telephony.js';
import { defaultSettings, type Settings } from '../../../src-main/contract/settings.js';
import { CallEngine } from '../../../src-main/engine/call-engine.js';
import type { Logger } from '../../../src-main/engine/ports/logger.js';
import type { TelephonyPort } from '../../../src-main/engine/ports/telephony.js';
import { SchedulerService } from '../../../src-main/engine/scheduler/scheduler-service.js';
import { openDatabase, type Database } from '../../../src-main/store/database.js';
import { SqliteCallRepository } from '../../../src-main/store/sqlite-call-repository.js';
import { SqliteContactCentreRepository } from '../../../src-main/store/sqlite-contact-centre-repository.js';
import { SqliteScheduledCallRepository } from '../../../src-main/store/sqlite-scheduled-call-repository.js';
import { FakeClock } from '../../support/fakes/fake-clock.js';

export interface DialSeen {
  readonly id: string;
  readonly wall: number;
  readonly mono: number;
}

export interface SchedulerSystem {
  readonly clock: FakeClock;
  readonly settings: Settings;
  readonly dials: DialSeen[];
  readonly warnings: string[];
  scheduler: SchedulerService;
  engine: CallEngine;
  repo: SqliteScheduledCallRepository;
  contactCentre: SqliteContactCentreRepository;
  calls: SqliteCallRepository;
  db: Database;
  readonly file: string;
  restart(): void;
  close(): void;
}

/** Fast storage for the many runs of the property test (tmpfs when there is one). */
function scratchDir(): string {
  const base = process.platform === 'linux' ? '/dev/shm' : tmpdir();
  try {
    return mkdtempSync(join(base, 'scheduler-'));
  } catch {
    return mkdtempSync(join(tmpdir(), 'scheduler-'));
  }
}

export function schedulerSystem(
  options: { scheduler?: Partial<Settings['scheduler']>; start?: number; dir?: string } = {},
): SchedulerSystem {
  const dir = options.dir ?? scratchDir();
  const file = join(dir, 'calls.sqlite');
  const clock = new FakeClock(options.start);
  const settings = defaultSettings();
  settings.sip = { ...settings.sip, server: 'ws://127.0.0.1:5066', uri: 'sip:1001@sip.test', password: 'secret' };
  settings.scheduler = { ...settings.scheduler, ...options.scheduler };
  const dials: DialSeen[] = [];
  const warnings: string[] = [];
  const logger: Logger = {
    info: () => undefined,
    warn: (message) => warnings.push(message),
    error: (message) => warnings.push(`error: ${message}`),
  };
  const telephony: TelephonyPort = {
    isConnected: () => true,
    send: (command: TelephonyCommand) => {
      if (command.type === 'dial') dials.push({ id: command.call_id, wall: clock.now(), mono: clock.monotonic() });
      return true;
    },
    sendAtOnce: (commands) => commands.every((command) => telephony.send(command)),
  };
  let n = 0;
  const ids = { uuid: () => `00000000-0000-4000-8000-${String(++n).padStart(12, '0')}` };

  const open = () => {
    const db = openDatabase(file);
    const calls = new SqliteCallRepository(db);
    const engine = new CallEngine({ calls, clock, ids, telephony, settings: { current: () => settings }, logger });
    engine.recoverInterruptedCalls();
    const contactCentre = new SqliteContactCentreRepository(db);
    const repo = new SqliteScheduledCallRepository(db);
    const scheduler = new SchedulerService({
      clock,
      repo,
      contactCentre,
      engine,
      settings: { current: () => settings },
      ids,
      logger,
      canDial: () => true,
    });
    return { db, calls, contactCentre, repo, scheduler, engine };
  };

  const system: SchedulerSystem = {
    clock,
    settings,
    dials,
    warnings,
    file,
    ...open(),
    restart() {
      system.scheduler.stop();
      system.db.close();
      clock.cancelAllTimers();
      Object.assign(system, open());
      system.scheduler.start();
    },
    close() {
      system.scheduler.stop();
      if (system.db.open) system.db.close();
      clock.cancelAllTimers();
      if (!options.dir) rmSync(dir, { recursive: true, force: true });
    },
  };
  system.scheduler.start();
  return system;
}
