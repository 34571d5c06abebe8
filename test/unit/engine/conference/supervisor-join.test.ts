import { describe, expect, it } from 'vitest';
import { parseSupervisorModeBody, supervisorModeBody } from '../../../../src-main/contract/conference.js';
import { allowedSupervisor, formatJoinHeader, parseJoinHeader } from '../../../../src-main/engine/conference/supervisor-join.js';

const ID = '7cb70145-a20a-4070-8b23-9131410d301d';

describe('supervisor join signalling', () => {
  it('round-trips the join header', () => {
    expect(formatJoinHeader({ targetId: ID, mode: 'whisper' })).toBe(`X-Supervisor-Join: ${ID};mode=whisper`);
    expect(parseJoinHeader(`${ID};mode=whisper`)).toEqual({ targetId: ID, mode: 'whisper' });
    expect(parseJoinHeader(` ${ID.toUpperCase()} ; MODE=Barge`)).toEqual({ targetId: ID, mode: 'barge' });
    expect(parseJoinHeader(ID)).toEqual({ targetId: ID, mode: 'listen' });
    expect(parseJoinHeader('current;mode=whisper')).toEqual({ targetId: 'current', mode: 'whisper' });
  });

  it.each(['', 'abc;mode=listen', `${ID};mode=shout`])('refuses the malformed header %j', (value) => {
    expect(parseJoinHeader(value)).toBeNull();
  });

  it('round-trips the INFO mode body', () => {
    for (const mode of ['listen', 'whisper', 'barge'] as const) expect(parseSupervisorModeBody(supervisorModeBody(mode))).toBe(mode);
    expect(parseSupervisorModeBody('mode=shout')).toBeNull();
  });

  it('matches From against the list by user@host, ignoring display, params, port and host case', () => {
    const list = [{ sip_uri: 'sip:sup1@Example.com', name: 'Sam' }];
    expect(allowedSupervisor('sip:sup1@example.com;transport=ws', list)?.name).toBe('Sam');
    expect(allowedSupervisor('<sip:sup1@EXAMPLE.com:5060>', list)?.name).toBe('Sam');
    expect(allowedSupervisor('sip:SUP1@example.com', list)).toBeUndefined();
    expect(allowedSupervisor('sip:sup1@evil.com', list)).toBeUndefined();
    expect(allowedSupervisor('not a uri', list)).toBeUndefined();
  });
});
