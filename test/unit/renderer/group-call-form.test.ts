import { describe, expect, it } from 'vitest';
import { addressOfLine, addressesOf, agentsFromText, agentsToText } from '../../../src-renderer/components/group-calls/group-call-form.js';

const agents = [{ email: 'ana@example.com', name: 'Ana', sip_uri: 'sip:1002@sip.test' }];

describe('group call form destinations', () => {
  it.each([
    ['ANA@example.com', { type: 'agent', target: 'ana@example.com', name: 'Ana' }],
    ['group: Backline', { type: 'groupcall', target: 'Backline' }],
    ['sip:bo@example.com', { type: 'sip', target: 'sip:bo@example.com' }],
    ['+44 20 7946 0018', { type: 'tel', target: '+44 20 7946 0018' }],
    ['1003', { type: 'endpoint', target: '1003' }],
    ['bo@example.com', { type: 'endpoint', target: 'bo@example.com' }],
  ])('reads %s as %j', (line, expected) => {
    expect(addressOfLine(line, agents)).toMatchObject(expected);
  });

  it('puts chosen agents first and skips blank lines', () => {
    expect(addressesOf('1003\n\n  \n1004', ['ana@example.com'], agents).map((a) => a.target)).toEqual(['ana@example.com', '1003', '1004']);
  });
});

describe('agent directory text', () => {
  it('round-trips, with or without a name', () => {
    const parsed = agentsFromText(`${agentsToText(agents)}\nbo@example.com, sip:1003@sip.test`);
    expect(parsed).toEqual({ ok: true, agents: [...agents, { email: 'bo@example.com', name: '', sip_uri: 'sip:1003@sip.test' }] });
  });

  it('names the line it cannot read', () => {
    expect(agentsFromText('ana@example.com, Ana, sip:1002@sip.test\nnot an agent')).toEqual({
      ok: false,
      message: 'Line 2: write it as "email, name, sip:user@host"',
    });
  });
});
