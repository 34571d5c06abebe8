/**
 * The desk contract's contacts.create and contacts.update on a real engine and SQLite file: they
 * store what REST serves, refuse what REST refuses with the same words, and tell every desk.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { startApiTestHost, type ApiTestHost } from './api-test-host.js';

let t: ApiTestHost | undefined;
afterEach(async () => {
  await t?.close();
  t = undefined;
});

const caller = { connectionId: 'c', isActiveDesk: false };

describe('contacts.create and contacts.update', () => {
  it('a contact created at the desk is served by GET /v1/contacts in E.164, and its edit too', async () => {
    t = await startApiTestHost();
    const created = await t.host.dispatch('contacts.create', { name: 'Ann Lee', phone_number: '+1 205-555-0100', ticket_ids: ['71450'] }, caller);
    expect(created).toEqual({ ok: true, value: { id: expect.any(Number), name: 'Ann Lee', phone_number: '+12055550100', ticket_ids: ['71450'] } });
    const id = (created as { value: { id: number } }).value.id;

    const updated = await t.host.dispatch('contacts.update', { id, patch: { phone_number: '+1 205-555-0199' } }, caller);
    expect(updated).toEqual({ ok: true, value: { id, name: 'Ann Lee', phone_number: '+12055550199', ticket_ids: ['71450'] } });

    const listed = await t.send('GET', '/v1/contacts');
    expect(listed.json).toEqual({ contacts: [{ id, name: 'Ann Lee', phone_number: '+12055550199', ticket_ids: ['71450'] }] });
  });

  it('announces contacts.changed to the desks for desk and REST changes', async () => {
    t = await startApiTestHost();
    await t.host.dispatch('contacts.create', { name: 'Ann Lee', phone_number: '+12055550100' }, caller);
    await t.send('POST', '/v1/contacts', { body: { name: 'Bob Roe', phone_number: '+12055550111' } });
    const changed = t.events.filter((e) => e.event === 'contacts.changed').map((e) => (e.payload as { name: string }).name);
    expect(changed).toEqual(['Ann Lee', 'Bob Roe']);
  });

  it('refuses a number that is not possible with the REST message, and writes nothing', async () => {
    t = await startApiTestHost();
    const desk = await t.host.dispatch('contacts.create', { name: 'Ann Lee', phone_number: '12' }, caller);
    const rest = await t.send('POST', '/v1/contacts', { body: { name: 'Ann Lee', phone_number: '12' } });
    expect(desk).toEqual({ ok: false, error: { code: 'bad_request', message: 'phone_number is not well-formed' } });
    expect(rest.status).toBe(400);
    expect(rest.json).toEqual({ message: 'phone_number is not well-formed' });
    expect((await t.send('GET', '/v1/contacts')).json).toEqual({ contacts: [] });
  });

  it('refuses an empty name and a ticket id owned by another contact with clear messages', async () => {
    t = await startApiTestHost();
    const noName = await t.host.dispatch('contacts.create', { name: '  ', phone_number: '+12055550100' }, caller);
    expect(noName).toMatchObject({ ok: false, error: { code: 'bad_request', message: expect.stringContaining('name is required') } });

    await t.host.dispatch('contacts.create', { name: 'Ann Lee', phone_number: '+12055550100', ticket_ids: ['7'] }, caller);
    const bob = await t.host.dispatch('contacts.create', { name: 'Bob Roe', phone_number: '+12055550111' }, caller);
    const bobId = (bob as { value: { id: number } }).value.id;
    const taken = await t.host.dispatch('contacts.update', { id: bobId, patch: { ticket_ids: ['7'] } }, caller);
    expect(taken).toEqual({ ok: false, error: { code: 'invalid_state', message: 'ticket_id 7 already belongs to another contact' } });
  });

  it('refuses an unknown contact id with not_found', async () => {
    t = await startApiTestHost();
    const answer = await t.host.dispatch('contacts.update', { id: 999, patch: { name: 'X' } }, caller);
    expect(answer).toEqual({ ok: false, error: { code: 'not_found', message: 'Contact 999 is not found' } });
  });
});
