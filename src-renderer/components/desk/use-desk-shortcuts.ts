/**
 * The desk's global keyboard shortcuts (table in components/common/shortcuts.ts). Listens on the
 * window for the lifetime of the calling scope. A shortcut with nothing to act on says so politely.
 */
import { onScopeDispose } from 'vue';
import { useCallsStore } from '../../stores/calls';
import { useConferencesStore } from '../../stores/conferences';
import { useUiStore } from '../../stores/ui';
import type { SupervisorMode } from '../../../src-main/contract/conference.js';
import { matchShortcut, type ShortcutId } from '../common/shortcuts';
import { announce } from '../common/use-announcer';
import { mergePlan } from '../conference/merge-plan';
import { dialTarget } from '../dial/dial-text';

const SUPERVISOR_MODE_OF = {
  'supervise-listen': 'listen',
  'supervise-whisper': 'whisper',
  'supervise-barge': 'barge',
} as const satisfies Partial<Record<ShortcutId, SupervisorMode>>;

export function useDeskShortcuts(): void {
  const calls = useCallsStore();
  const ui = useUiStore();
  const conferences = useConferencesStore();

  async function run(id: ShortcutId): Promise<void> {
    // The ring the agent sees, drawn at its INVITE or recorded by main: either can be answered.
    const ring = calls.drawnRings[0];
    const active = calls.activeCall;
    const connected = active?.state === 'IN_PROGRESS';
    switch (id) {
      case 'answer':
        if (ring) await calls.answer(ring.id);
        else announce('No call is ringing');
        return;
      case 'decline':
        if (ring) await calls.decline(ring.id);
        else announce('No call is ringing');
        return;
      case 'hangup':
        if (active) await calls.hangup(active.id);
        else announce('No call to hang up');
        return;
      case 'mute':
        if (active) await calls.toggleMute(active.id);
        else announce('No call to mute');
        return;
      case 'hold':
        if (active && connected) await calls.toggleHold(active.id);
        else announce('No connected call to hold');
        return;
      case 'keypad':
        if (active && connected) ui.toggleKeypad();
        else announce('The keypad opens during a connected call');
        return;
      case 'transfer':
        if (active && connected) ui.toggleTransfer();
        else announce('No connected call to transfer');
        return;
      case 'conference-merge': {
        const plan = mergePlan(calls.liveCalls, conferences.current);
        if (plan) await conferences.merge(plan.callIds);
        else announce('Nothing to merge: a conference needs two connected calls');
        return;
      }
      case 'conference-add':
        if (conferences.current) ui.requestFocus('conference-add');
        else announce('No conference to add to: merge two calls first');
        return;
      case 'supervise-listen':
      case 'supervise-whisper':
      case 'supervise-barge':
        // Only the supervisor's own join call has a mode to switch.
        if (active && connected && active.labels.supervisor_mode) await conferences.setSupervisorMode(active.id, SUPERVISOR_MODE_OF[id]);
        else announce("You are not supervising a call: join an agent's call first");
        return;
      case 'call': {
        if (!ui.dialText.trim()) {
          ui.requestFocus('dial');
          return;
        }
        const placed = await calls.dial(dialTarget(ui.dialText));
        if (placed) ui.dialText = '';
        else ui.requestFocus('dial');
        return;
      }
      case 'focus-dial':
        ui.requestFocus('dial');
        return;
      case 'settings':
        ui.settingsOpen = true;
        return;
      case 'help':
        ui.helpOpen = !ui.helpOpen;
        return;
    }
  }

  function onKeydown(event: KeyboardEvent): void {
    if (event.defaultPrevented || event.repeat) return;
    const id = matchShortcut(event);
    if (!id) return;
    event.preventDefault();
    void run(id);
  }

  window.addEventListener('keydown', onKeydown);
  onScopeDispose(() => window.removeEventListener('keydown', onKeydown));
}
