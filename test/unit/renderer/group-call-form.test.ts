import { describe, expect, it } from 'vitest';
import {
  addressOfLine,
  addressesOf,
  agentsFromText,
  agentsToText,
  contactAddress,
  contactMatches,
  destinationsOf,
  withDefinition,
} from '../../../src-renderer/components/group-calls/group-call-form.js';

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

describe('group call form: contacts and saved groups', () => {
  const ann = { id: 1, name: 'Ann Lee', phone_number: '+12055550100', ticket_ids: [] };

  it('puts agents, then contacts (by E.164 number), then saved groups, then typed lines', () => {
    const destinations = destinationsOf({ lines: '1004', agents: ['ana@example.com'], contacts: [ann], savedGroups: ['Backline'] }, agents);
    expect(destinations.map((a) => [a.type, a.target, a.name])).toEqual([
      ['agent', 'ana@example.com', 'Ana'],
      ['tel', '+12055550100', 'Ann Lee'],
      ['groupcall', 'Backline', ''],
      ['endpoint', '1004', ''],
    ]);
  });

  it('saving a definition adds it, or replaces the one with the same name', () => {
    const first = { name: 'Backline', ring_method: 'linear' as const, destinations: [contactAddress(ann)], timeout_seconds: 5 };
    const other = { ...first, name: 'Other' };
    const again = { ...first, name: 'backline', ring_method: 'ring_all' as const };
    expect(withDefinition([], first)).toEqual([first]);
    expect(withDefinition([first, other], again)).toEqual([again, other]);
  });

  it('filters contacts by name or digits', () => {
    expect(contactMatches(ann, 'ann')).toBe(true);
    expect(contactMatches(ann, '555 0100')).toBe(true);
    expect(contactMatches(ann, 'bo')).toBe(false);
    expect(contactMatches(ann, '')).toBe(true);
  });
});
