/** A GroupCallService on the engine harness's fakes, with a registered desk and two agents. */
import { GroupCallService } from '../../../src-main/engine/group-calls/group-call-service.js';
import { engineHarness, type EngineHarness } from './engine-harness.js';
import { MemoryGroupCallRepository } from './memory-group-call-repository.js';

export interface GroupCallHarness extends EngineHarness {
  groupCalls: GroupCallService;
  groups: MemoryGroupCallRepository;
}

export const CUSTOMER_ID = '5e4a0680-804e-11ec-8477-2fea5968d85b';

export function groupCallHarness(): GroupCallHarness {
  const base = engineHarness();
  base.settings.agents = [
    { email: 'ana@example.com', name: 'Ana', sip_uri: 'sip:1002@sip.test' },
    { email: 'bo@example.com', name: 'Bo', sip_uri: 'sip:1003@sip.test' },
  ];
  base.engine.reportRegistration({ state: 'registered', reason: null, next_attempt_at: null });
  const groups = new MemoryGroupCallRepository();
  let n = 0;
  const groupCalls = new GroupCallService({
    engine: base.engine,
    groups,
    clock: base.clock,
    ids: { uuid: () => `99999999-0000-4000-8000-${String(++n).padStart(12, '0')}` },
    telephony: base.telephony,
    settings: { current: () => base.settings },
    logger: { info: () => undefined, warn: (message) => base.warnings.push(message), error: (message) => base.warnings.push(message) },
    customerId: () => CUSTOMER_ID,
  });
  return { ...base, groupCalls, groups };
}
