/**
 * Wires main's events into the stores, and resynchronises everything on every (re)connection:
 * `desk.state` replaces the desk and the live calls, and history reloads its first page.
 */
import { TERMINAL_STATES } from '../../src-main/contract/call.js';
import { useCallsStore } from './calls.js';
import { useConferencesStore } from './conferences.js';
import { useContactsStore } from './contacts.js';
import type { DeskConnection } from './client.js';
import { useDeskStore } from './desk.js';
import { useGroupCallsStore } from './group-calls.js';
import { useHistoryStore } from './history.js';
import { call } from './client.js';
import { useNumberChoicesStore } from './number-choices.js';
import { useCallbacksStore } from './callbacks.js';
import { useUiStore } from './ui.js';

/** Subscribe the stores to `client`. Call with an active Pinia; returns the unsubscribe. */
export function bindDeskEvents(client: DeskConnection): () => void {
  const desk = useDeskStore();
  const calls = useCallsStore();
  const history = useHistoryStore();
  const conferences = useConferencesStore();
  const groupCalls = useGroupCallsStore();
  const numberChoices = useNumberChoicesStore();
  const callbacks = useCallbacksStore();
  const contacts = useContactsStore();
  const ui = useUiStore();
  // Click-to-dial: the number goes into the dial field with the focus; Enter confirms the call.
  const offerDial = (target: string): void => {
    ui.dialText = target;
    ui.requestFocus('dial');
  };

  async function resync(): Promise<void> {
    desk.setConnected(true);
    const state = await desk.refresh();
    if (state.ok) calls.replaceAll(state.value.live_calls);
    await history.reload();
    await groupCalls.loadKnown();
    await conferences.refresh();
    await numberChoices.reload();
    await callbacks.reload();
    await contacts.load();
    const waiting = await call('desk.take_dial_request', {});
    if (waiting.ok && waiting.value.target) offerDial(waiting.value.target);
  }

  const offs = [
    client.on('call.updated', (snapshot) => {
      calls.applySnapshot(snapshot);
      groupCalls.applyLeg(snapshot);
      if (TERMINAL_STATES.has(snapshot.state)) history.addEnded(snapshot);
    }),
    client.on('registration.changed', (registration) => desk.applyRegistration(registration)),
    client.on('agent.status', (status) => desk.applyAgentStatus(status)),
    client.on('desk.rings_new_calls', (rings) => desk.applyRingsNewCalls(rings)),
    client.on('desk.role', (role) => desk.applyRole(role)),
    client.on('settings.changed', (settings) => desk.applySettings(settings)),
    client.on('conference.updated', (conference) => conferences.apply(conference)),
    client.on('groupcall.updated', (group) => groupCalls.apply(group)),
    client.on('api.number_choice_requested', (choice) => numberChoices.requested(choice)),
    client.on('api.number_choice_settled', ({ id }) => numberChoices.settled(id)),
    client.on('desk.dial_request', ({ target }) => offerDial(target)),
    client.on('callback.prompt', (prompt) => callbacks.prompted(prompt)),
    client.on('callback.prompt_cleared', ({ id }) => callbacks.promptCleared(id)),
    client.on('callbacks.changed', () => void callbacks.reload()),
    client.on('contacts.changed', (contact) => contacts.apply(contact)),
    // Subscribed last: onConnected fires at once when the transport is already up.
    client.onDisconnected(() => desk.setConnected(false)),
    client.onConnected(() => void resync()),
  ];
  return () => offs.forEach((off) => off());
}
