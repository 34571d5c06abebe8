/**
 * What the agent hears and where focus goes as calls change: "Connected with X", "On hold",
 * "Call ended — Busy"; focus to the call card after an answer, back to the dial field when the
 * last call ends (only if focus was left on nothing).
 */
import { nextTick, watch } from 'vue';
import { useCallsStore } from '../../stores/calls';
import { useUiStore } from '../../stores/ui';
import { endedLine, partyOf } from '../../stores/words';
import { announce } from '../common/use-announcer';

export function useCallFeedback(): void {
  const calls = useCallsStore();
  const ui = useUiStore();

  watch(
    () => calls.endedNotice?.seq,
    () => {
      const notice = calls.endedNotice;
      if (notice) announce(`${endedLine(notice.call)}. ${partyOf(notice.call).label}`);
    },
  );

  watch(
    () => {
      const active = calls.activeCall;
      return active
        ? { id: active.id, connected: active.state === 'IN_PROGRESS', held: active.held, muted: active.muted, heldByFarEnd: calls.isHeldByFarEnd(active.id) }
        : null;
    },
    (now, before) => {
      if (!now) return;
      const label = partyOf(calls.byId[now.id] ?? { direction: 'OUTGOING', from: '', to: '', remote_name: null }).label;
      const same = before?.id === now.id;
      if (now.connected && !(same && before?.connected)) announce(`Connected with ${label}`);
      if (same && before && now.held !== before.held) announce(now.held ? `${label} is on hold` : `Resumed the call with ${label}`);
      if (same && before && now.muted !== before.muted) announce(now.muted ? 'Microphone muted' : 'Microphone on');
      if (same && before && now.heldByFarEnd !== before.heldByFarEnd) {
        announce(now.heldByFarEnd ? `${label} put the call on hold` : `${label} took the call off hold`);
      }
    },
  );

  watch(
    () => calls.activeCall?.id ?? null,
    async (id, previous) => {
      if (id === previous) return;
      ui.resetCallPanels();
      await nextTick();
      const focused = document.activeElement;
      const focusLost = !focused || focused === document.body || !focused.isConnected;
      const onRing = focused instanceof HTMLElement && !!focused.closest('.ring-card');
      if (id && (focusLost || onRing)) document.querySelector<HTMLElement>('[data-testid="active-call"]')?.focus();
      else if (!id && focusLost) ui.requestFocus('dial');
    },
  );
}
