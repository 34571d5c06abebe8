/** The desk contract's contacts.list: the group call panel picks contacts added through the API. */
import { afterEach, describe, expect, it } from 'vitest';
import { startApiTestHost, type ApiTestHost } from './api-test-host.js';

let t: ApiTestHost | undefined;
afterEach(async () => {
  await t?.close();
  t = undefined;
});

describe('contacts.list', () => {
  it('lists the contacts the local API stored, numbers in E.164', async () => {
    t = await startApiTestHost();
    const caller = { connectionId: 'c', isActiveDesk: false };
    expect(await t.host.dispatch('contacts.list', {}, caller)).toEqual({ ok: true, value: [] });
    const created = await t.send('POST', '/v1/contacts', { body: { name: 'Ann Lee', phone_number: '+1 205-555-0100', ticket_ids: ['71450'] } });
    expect(created.status).toBe(201);
    expect(await t.host.dispatch('contacts.list', {}, caller)).toEqual({
      ok: true,
      value: [{ id: expect.any(Number), name: 'Ann Lee', phone_number: '+12055550100', ticket_ids: ['71450'] }],
    });
  });

  it('refuses unexpected params', async () => {
    t = await startApiTestHost();
    const answer = await t.host.dispatch('contacts.list', { all: true }, { connectionId: 'c', isActiveDesk: true });
    expect(answer.ok).toBe(false);
  });
});
