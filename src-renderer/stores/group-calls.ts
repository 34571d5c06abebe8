/**
 * Group calls placed from this desk, mirrored from main's 'groupcall.updated' events. The legs
 * themselves are ordinary calls in the calls store (labels.group_call = the group's id); this
 * store only keeps the groups and builds the request from the panel's form.
 */
import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import type { CallSnapshot } from '../../src-main/contract/call.js';
import type { DeskContact } from '../../src-main/contract/contact.js';
import type { CreateGroupCall, GroupCall } from '../../src-main/contract/group-call.js';
import { call } from './client.js';

export const useGroupCallsStore = defineStore('groupCalls', () => {
  const byId = ref<Record<string, GroupCall>>({});
  const error = ref<string | null>(null);
  const creating = ref(false);
  /** Every leg's latest snapshot, ended ones too (the calls store drops those). */
  const legs = ref<Record<string, CallSnapshot>>({});
  /** Every group call this desk knows (history folds legs under them); dismiss keeps them. */
  const known = ref<Record<string, GroupCall>>({});
  /** The contacts directory, loaded when the form opens (contacts change through the API). */
  const contacts = ref<DeskContact[]>([]);

  /** The newest group call that is still ringing (the live view follows it). */
  const ringing = computed(() =>
    Object.values(byId.value)
      .filter((group) => group.status === 'ringing')
      .sort((a, b) => (a.tm_create < b.tm_create ? 1 : -1))[0] ?? null,
  );
  /** The group call the live view shows: ringing, or the last one (with its outcome). */
  const latest = computed(() =>
    ringing.value ?? Object.values(byId.value).sort((a, b) => (a.tm_create < b.tm_create ? 1 : -1))[0] ?? null,
  );

  function apply(group: GroupCall): void {
    byId.value[group.id] = group;
    known.value[group.id] = group;
  }

  /** The recent group calls, for history (after every (re)connection); the live view is untouched. */
  async function loadKnown(): Promise<void> {
    const result = await call('groupcalls.list', {});
    if (!result.ok) return;
    for (const group of result.value) known.value[group.id] = group;
  }

  async function loadContacts(): Promise<void> {
    const result = await call('contacts.list', {});
    if (result.ok) contacts.value = result.value;
  }

  async function create(request: CreateGroupCall): Promise<GroupCall | null> {
    creating.value = true;
    error.value = null;
    const result = await call('groupcalls.create', request);
    creating.value = false;
    if (!result.ok) {
      error.value = result.error.message;
      return null;
    }
    apply(result.value);
    return result.value;
  }

  async function hangup(id: string): Promise<void> {
    const result = await call('groupcalls.hangup', { id });
    if (result.ok) apply(result.value);
    else error.value = result.error.message;
  }

  function applyLeg(snapshot: CallSnapshot): void {
    if (snapshot.labels.group_call !== undefined) legs.value[snapshot.id] = snapshot;
  }

  function dismiss(id: string): void {
    delete byId.value[id];
  }

  return { byId, legs, known, contacts, error, creating, ringing, latest, apply, applyLeg, loadKnown, loadContacts, create, hangup, dismiss };
});
