import { createPinia, setActivePinia } from 'pinia';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DeskContact } from '../../../src-main/contract/contact.js';
import { installDeskClient } from '../../../src-renderer/stores/client.js';
import { contactMatches, ticketIdsOf, useContactsStore } from '../../../src-renderer/stores/contacts.js';
import { bindDeskEvents } from '../../../src-renderer/stores/sync.js';
import { createFakeDeskClient, deskState, flush, type FakeDeskClient } from './fake-desk-client.js';

let client: FakeDeskClient;
let unbind: (() => void) | undefined;

beforeEach(() => {
  setActivePinia(createPinia());
  client = createFakeDeskClient();
  installDeskClient(client);
});
afterEach(() => {
  unbind?.();
  unbind = undefined;
  installDeskClient(null);
});

const ann: DeskContact = { id: 1, name: 'Ann Lee', phone_number: '+12055550100', ticket_ids: ['71450'] };
const bob: DeskContact = { id: 2, name: 'Bob Roe', phone_number: '+442079460018', ticket_ids: [] };

describe('contacts store', () => {
  it('loads the directory on connection and follows contacts.changed events', async () => {
    client.handle('desk.state', () => ({ ok: true, value: deskState() }));
    client.handle('calls.history', () => ({ ok: true, value: { calls: [], next_cursor: null } }));
    client.handle('contacts.list', () => ({ ok: true, value: [bob, ann] }));
    unbind = bindDeskEvents(client);
    client.connect();
    const store = useContactsStore();
    for (let i = 0; i < 10 && !store.loaded; i += 1) await flush();
    expect(store.sorted.map((c) => c.name)).toEqual(['Ann Lee', 'Bob Roe']);

    client.emit('contacts.changed', { ...ann, phone_number: '+12055550199' });
    client.emit('contacts.changed', { id: 3, name: 'Cy Doe', phone_number: '+12055550111', ticket_ids: [] });
    expect(store.sorted.map((c) => [c.name, c.phone_number])).toEqual([
      ['Ann Lee', '+12055550199'],
      ['Bob Roe', '+442079460018'],
      ['Cy Doe', '+12055550111'],
    ]);
  });

  it('creates a contact with ticket ids split from the typed text', async () => {
    client.handle('contacts.create', (params) => ({ ok: true, value: { id: 9, name: params.name, phone_number: '+12055550100', ticket_ids: (params.ticket_ids ?? []).map(String) } }));
    const store = useContactsStore();
    const created = await store.create({ name: 'Ann Lee', phone_number: '(205) 555-0100', ticket_ids: ' 71450, 71451 ' });
    expect(client.calls.at(-1)).toEqual({
      method: 'contacts.create',
      params: { name: 'Ann Lee', phone_number: '(205) 555-0100', ticket_ids: ['71450', '71451'] },
    });
    expect(created?.id).toBe(9);
    expect(store.contacts).toHaveLength(1);
    expect(store.addError).toBeNull();
  });

  it("keeps main's refusal as the add form's error and stores nothing", async () => {
    client.handle('contacts.create', () => ({ ok: false, error: { code: 'bad_request', message: 'phone_number is not well-formed' } }));
    const store = useContactsStore();
    expect(await store.create({ name: 'Ann Lee', phone_number: '12', ticket_ids: '' })).toBeNull();
    expect(store.addError).toBe('phone_number is not well-formed');
    expect(store.contacts).toEqual([]);
  });

  it('sends only the changed fields on update, and shows a refusal next to that contact', async () => {
    const store = useContactsStore();
    store.apply(ann);
    client.handle('contacts.update', ({ id, patch }) => ({ ok: true, value: { ...ann, id, ...patch } as DeskContact }));
    await store.update(1, { name: 'Ann Lee', phone_number: '+12055550199', ticket_ids: '71450' });
    expect(client.calls.at(-1)).toEqual({ method: 'contacts.update', params: { id: 1, patch: { phone_number: '+12055550199' } } });
    expect(store.contacts[0]?.phone_number).toBe('+12055550199');

    client.handle('contacts.update', () => ({ ok: false, error: { code: 'invalid_state', message: 'ticket_id 7 already belongs to another contact' } }));
    expect(await store.update(1, { name: 'Ann Lee', phone_number: '+12055550199', ticket_ids: '7' })).toBeNull();
    expect(store.editErrors[1]).toBe('ticket_id 7 already belongs to another contact');
  });

  it('searches by name, number digits or ticket id', () => {
    expect(contactMatches(ann, 'lee')).toBe(true);
    expect(contactMatches(ann, '555-0100')).toBe(true);
    expect(contactMatches(ann, '71450')).toBe(true);
    expect(contactMatches(bob, 'lee')).toBe(false);
    expect(contactMatches(bob, '0100')).toBe(false);
    expect(ticketIdsOf('a, b;c  d')).toEqual(['a', 'b', 'c', 'd']);
  });
});
