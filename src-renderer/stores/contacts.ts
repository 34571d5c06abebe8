/**
 * The contacts directory at the desk: loaded on every (re)connection, kept current by main's
 * 'contacts.changed' events (from REST or another tab), added and edited through the contract's
 * contacts.create / contacts.update, which apply the REST routes' rules. Main stays the truth:
 * the store only shows what main answered.
 */
import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import type { ContactPatchInput, DeskContact } from '../../src-main/contract/contact.js';
import { call } from './client.js';

export interface ContactDraft {
  name: string;
  phone_number: string;
  /** Comma- or space-separated, as typed in the form. */
  ticket_ids: string;
}

/** "71450, 71451" → ["71450", "71451"]; blanks dropped. */
export function ticketIdsOf(text: string): string[] {
  return text
    .split(/[\s,;]+/)
    .map((id) => id.trim())
    .filter((id) => id !== '');
}

/** Search by name, ticket id or number; digits match whatever punctuation was typed. */
export function contactMatches(contact: DeskContact, query: string): boolean {
  const text = query.trim().toLowerCase();
  if (text === '') return true;
  if (contact.name.toLowerCase().includes(text)) return true;
  if (contact.ticket_ids.some((id) => id.toLowerCase() === text)) return true;
  const digits = text.replace(/\D/g, '');
  return digits.length > 0 && /^\+?[\d\s().\-/]+$/.test(text) && contact.phone_number.replace(/\D/g, '').includes(digits);
}

export const useContactsStore = defineStore('contacts', () => {
  const contacts = ref<DeskContact[]>([]);
  const loaded = ref(false);
  const query = ref('');
  /** The add form's error, and each edited contact's, shown next to its form. */
  const addError = ref<string | null>(null);
  const editErrors = ref<Record<number, string>>({});
  const saving = ref(false);

  const sorted = computed(() => [...contacts.value].sort((a, b) => a.name.localeCompare(b.name) || a.id - b.id));
  const visible = computed(() => sorted.value.filter((contact) => contactMatches(contact, query.value)));

  async function load(): Promise<void> {
    const result = await call('contacts.list', {});
    if (!result.ok) return;
    contacts.value = result.value;
    loaded.value = true;
  }

  /** Insert or replace one contact (an answer or a 'contacts.changed' event). */
  function apply(contact: DeskContact): void {
    const index = contacts.value.findIndex((known) => known.id === contact.id);
    if (index === -1) contacts.value.push(contact);
    else contacts.value[index] = contact;
  }

  /** The stored contact, or null with addError set to main's message. */
  async function create(draft: ContactDraft): Promise<DeskContact | null> {
    saving.value = true;
    addError.value = null;
    const result = await call('contacts.create', {
      name: draft.name,
      phone_number: draft.phone_number,
      ticket_ids: ticketIdsOf(draft.ticket_ids),
    });
    saving.value = false;
    if (!result.ok) {
      addError.value = result.error.message;
      return null;
    }
    apply(result.value);
    return result.value;
  }

  /** Sends only the fields that changed; null with the contact's error set on refusal. */
  async function update(id: number, draft: ContactDraft): Promise<DeskContact | null> {
    const current = contacts.value.find((contact) => contact.id === id);
    const tickets = ticketIdsOf(draft.ticket_ids);
    const patch: ContactPatchInput = {};
    if (!current || draft.name !== current.name) patch.name = draft.name;
    if (!current || draft.phone_number !== current.phone_number) patch.phone_number = draft.phone_number;
    if (!current || tickets.join('\n') !== current.ticket_ids.join('\n')) patch.ticket_ids = tickets;
    clearEditError(id);
    if (Object.keys(patch).length === 0 && current) return current;
    saving.value = true;
    const result = await call('contacts.update', { id, patch });
    saving.value = false;
    if (!result.ok) {
      editErrors.value[id] = result.error.message;
      return null;
    }
    apply(result.value);
    return result.value;
  }

  function clearEditError(id: number): void {
    delete editErrors.value[id];
  }

  return { contacts, loaded, query, addError, editErrors, saving, sorted, visible, load, apply, create, update, clearEditError };
});
