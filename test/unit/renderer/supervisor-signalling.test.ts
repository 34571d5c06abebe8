import { describe, expect, it } from 'vitest';
import * as engine from '../../../src-main/engine/conference/supervisor-join.js';
import * as sip from '../../../src-renderer/sip/supervisor-signalling.js';

describe('supervisor signalling', () => {
  it('the SIP adapter and the engine agree on the header, the content type and the body', () => {
    expect(sip.SUPERVISOR_JOIN_HEADER).toBe(engine.SUPERVISOR_JOIN_HEADER);
    expect(sip.SUPERVISOR_MODE_TYPE).toBe(engine.SUPERVISOR_MODE_TYPE);
    for (const mode of ['listen', 'whisper', 'barge'] as const) {
      expect(sip.supervisorModeBody(mode)).toBe(engine.modeBody(mode));
      expect(sip.parseSupervisorModeBody(engine.modeBody(mode))).toBe(mode);
      expect(engine.parseModeBody(sip.supervisorModeBody(mode))).toBe(mode);
    }
    expect(sip.parseSupervisorModeBody('mode=shout')).toBeNull();
  });
});
