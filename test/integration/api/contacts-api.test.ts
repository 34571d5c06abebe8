/** PATCH /v1/contacts/:id on a real server and SQLite file. */
import { afterEach, describe, expect, it } from 'vitest';
import { startApiTestHost, type ApiTestHost } from './api-test-host.js';

let t: ApiTestHost | undefined;
afterEach(async () => {
  await t?.close();
  t = undefined;
});

const ann = { name: 'Ann Lee', phone_number: '+1 205-555-0100', ticket_ids: ['71450'] };

describe('PATCH /v1/contacts/:id', () => {
  it('changes the given fields, replaces the ticket list, and a ticket then dials the new number', async () => {
    t = await startApiTestHost();
    expect((await t.send('POST', '/v1/contacts', { body: ann })).status).toBe(201);
    const patched = await t.send('PATCH', '/v1/contacts/1', { body: { phone_number: '+1 205-555-0199', ticket_ids: ['71451', 71452] } });
    expect(patched.status).toBe(200);
    expect(patched.json).toEqual({ id: 1, name: 'Ann Lee', phone_number: '+12055550199', ticket_ids: ['71451', '71452'] });
    expect((await t.send('GET', '/v1/contacts')).json).toEqual({ contacts: [patched.json] });
    const call = await t.send('POST', '/v1/calls', {
      body: { call_type: 'Voice Outbound (API)', agent_email: 'agent@somedomain.com', ticket_id: '71452' },
    });
    expect(call.status).toBe(201);
    expect(t.lastDial()?.uri).toBe('sip:+12055550199@sip.test');
    // The old ticket no longer belongs to anyone.
    expect((await t.send('POST', '/v1/calls', { body: { call_type: 'Voice Outbound (API)', agent_email: 'agent@somedomain.com', ticket_id: '71450' } })).json).toEqual({ message: 'Contact not found' });
  });

  it('refuses bad input with a message and writes nothing', async () => {
    t = await startApiTestHost();
    await t.send('POST', '/v1/contacts', { body: ann });
    await t.send('POST', '/v1/contacts', { body: { name: 'Bo', phone_number: '+1 205-555-0101', ticket_ids: ['80000'] } });
    const rows = t.host.contactCentre.repo.countRows();
    const cases: Array<[string, unknown, number, string]> = [
      ['/v1/contacts/9', { name: 'X' }, 404, 'Contact 9 is not found'],
      ['/v1/contacts/abc', { name: 'X' }, 404, 'Contact abc is not found'],
      ['/v1/contacts/1', {}, 400, 'Give at least one of name, phone_number, ticket_ids'],
      ['/v1/contacts/1', { phone_number: '12' }, 400, 'phone_number is not well-formed'],
      ['/v1/contacts/1', { ticket_ids: ['80000'] }, 409, 'ticket_id 80000 already belongs to another contact'],
      ['/v1/contacts/1', { ticket_ids: ['1', '1'] }, 400, 'ticket_ids: ticket_ids must not repeat'],
      ['/v1/contacts/1', { name: '  ' }, 400, 'name: name is required'],
      ['/v1/contacts/1', { nick: 'A' }, 400, ''],
    ];
    for (const [path, body, status, message] of cases) {
      const answer = await t.send('PATCH', path, { body });
      expect([path, answer.status]).toEqual([path, status]);
      const text = (answer.json as { message: string }).message;
      if (message) expect(text).toBe(message);
      else expect(text.length).toBeGreaterThan(0);
    }
    expect(t.host.contactCentre.repo.countRows()).toBe(rows);
    expect(((await t.send('GET', '/v1/contacts')).json as { contacts: unknown[] }).contacts[0]).toEqual({
      id: 1, name: 'Ann Lee', phone_number: '+12055550100', ticket_ids: ['71450'],
    });
  });
});
