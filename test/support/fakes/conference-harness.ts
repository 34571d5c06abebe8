/** The conference service on the engine harness: fake clock, in-memory records, recording telephony. */
import { ConferenceService } from '../../../src-main/engine/conference/conference-service.js';
import { engineHarness, type EngineHarness } from './engine-harness.js';
import { MemoryConferenceRepository } from './memory-conference-repository.js';

export interface ConferenceHarness extends EngineHarness {
  conferences: ConferenceService;
  repo: MemoryConferenceRepository;
  logged: string[];
}

export function conferenceHarness(): ConferenceHarness {
  const harness = engineHarness();
  const repo = new MemoryConferenceRepository();
  const logged: string[] = [];
  let n = 0;
  const conferences = new ConferenceService({
    engine: harness.engine,
    conferences: repo,
    clock: harness.clock,
    ids: { uuid: () => `00000000-0000-4000-9000-${String(++n).padStart(12, '0')}` },
    settings: { current: () => harness.settings },
    logger: {
      info: (message) => logged.push(message),
      warn: (message) => logged.push(message),
      error: (message) => logged.push(message),
    },
  });
  return { ...harness, conferences, repo, logged };
}
