/** Builds a CallEngine on fakes: fake clock, in-memory records, recording telephony port. */
import { defaultSettings, type Settings } from '../../../src-main/contract/settings.js';
import { CallEngine } from '../../../src-main/engine/call-engine.js';
import type { Logger } from '../../../src-main/engine/ports/logger.js';
import { FakeClock } from './fake-clock.js';
import { FakeTelephony } from './fake-telephony.js';
import { MemoryCallRepository } from './memory-call-repository.js';

export interface EngineHarness {
  engine: CallEngine;
  clock: FakeClock;
  telephony: FakeTelephony;
  calls: MemoryCallRepository;
  settings: Settings;
  warnings: string[];
}

export function engineHarness(): EngineHarness {
  const clock = new FakeClock();
  const telephony = new FakeTelephony();
  const calls = new MemoryCallRepository();
  const settings = defaultSettings();
  settings.sip = { ...settings.sip, server: 'ws://127.0.0.1:5066', uri: 'sip:1001@sip.test', password: 'secret' };
  const warnings: string[] = [];
  const logger: Logger = {
    info: () => undefined,
    warn: (message) => warnings.push(message),
    error: (message) => warnings.push(`error: ${message}`),
  };
  let n = 0;
  const engine = new CallEngine({
    calls,
    clock,
    telephony,
    logger,
    ids: { uuid: () => `00000000-0000-4000-8000-${String(++n).padStart(12, '0')}` },
    settings: { current: () => settings },
  });
  return { engine, clock, telephony, calls, settings, warnings };
}
