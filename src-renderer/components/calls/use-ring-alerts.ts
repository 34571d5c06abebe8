/**
 * Makes a ring noticeable from another app: the ringtone on the ringer device, an OS notification
 * when the window is hidden or unfocused, the window title, and an assertive announcement.
 * Only the active desk rings and notifies; every window announces.
 *
 * The ring card is painted first: the alerts run in the next task (afterThisTask), so the
 * ringtone, the title and the announcement do not delay the card's first frame. A task, not a
 * timer: a hidden window is exactly when the ringtone matters, and its timers are throttled.
 */
import { computed, onScopeDispose, watch } from 'vue';
import type { CallSnapshot } from '../../../src-main/contract/call.js';
import { createRingtone, RINGTONE_PLAN } from '../../media/ringtone';
import { useCallsStore } from '../../stores/calls';
import { useDeskStore } from '../../stores/desk';
import { useUiStore } from '../../stores/ui';
import { liveStateWords, partyOf } from '../../stores/words';
import { afterThisTask } from '../common/after-this-task';
import { announce } from '../common/use-announcer';
import { exposeToneForTests } from '../../test-hooks';

const APP_TITLE = 'Switchboard Desk';
const ASKED_KEY = 'switchboard.notification-permission-asked';

export function useRingAlerts(): void {
  const desk = useDeskStore();
  const calls = useCallsStore();
  const ui = useUiStore();
  const ringtone = createRingtone();
  exposeToneForTests('ringtone', ringtone);

  // The tone's state stays 'running' once its audio has run (the autoplay rule is met for good),
  // even while it rests between rings: the prompt shows until then, never again.
  const refreshPrompt = (): void => {
    ui.ringtoneNeedsUnlock = ringtone.state === 'suspended';
  };
  const offState = ringtone.onStateChange(refreshPrompt);
  refreshPrompt();

  const shouldRing = computed(() => desk.isActiveDesk && calls.audibleRings.length > 0);
  watch(
    [shouldRing, () => desk.settings.audio.ringer_id, () => desk.settings.audio.ring_volume],
    ([ring, sinkId, volume]) =>
      afterThisTask(() => {
        if (ring) void ringtone.start(RINGTONE_PLAN, { sinkId, volume });
        else ringtone.stop();
      }),
    { immediate: true },
  );

  function onGesture(): void {
    void ringtone.unlock().then(refreshPrompt);
    askNotificationPermissionOnce();
  }
  document.addEventListener('pointerdown', onGesture, true);
  document.addEventListener('keydown', onGesture, true);

  // Announce and notify each new ring once; close its notification when it stops ringing.
  const notifications = new Map<string, Notification>();
  watch(
    () => calls.ringingCalls.map((c) => c.id),
    (ids, previous = []) => {
      const rings = ids.filter((id) => !previous.includes(id)).flatMap((id) => calls.byId[id] ?? []);
      const waiting = calls.activeCall ? ' (call waiting)' : '';
      const notifyHere = desk.isActiveDesk;
      afterThisTask(() => {
        for (const ring of rings) {
          announce(`Incoming call from ${partyOf(ring).label}${waiting}`, 'assertive');
          if (notifyHere) notify(ring);
        }
        for (const [id, notification] of notifications) {
          if (!ids.includes(id)) {
            notification.close();
            notifications.delete(id);
          }
        }
      });
    },
    { immediate: true },
  );

  function notify(ring: CallSnapshot): void {
    if (typeof Notification === 'undefined' || Notification.permission !== 'granted') return;
    if (!document.hidden && document.hasFocus()) return;
    const party = partyOf(ring);
    try {
      const notification = new Notification('Incoming call', {
        body: party.name ? `${party.name}\n${party.address}` : party.address,
        tag: `ring-${ring.id}`,
        requireInteraction: true,
        silent: true, // the ringtone already sounds on the ringer device
      });
      notification.onclick = () => {
        window.focus();
        ui.requestFocus('ring');
        notification.close();
      };
      notifications.set(ring.id, notification);
    } catch {
      // Some platforms only allow notifications from a service worker: the ring still sounds.
    }
  }

  // The window title is what a taskbar or tab strip shows: make a ring visible there too.
  watch(
    () => {
      const ring = calls.ringingCalls[0];
      if (ring) return `Incoming call: ${partyOf(ring).label} — ${APP_TITLE}`;
      const active = calls.activeCall;
      if (active) return `${liveStateWords(active)}: ${partyOf(active).label} — ${APP_TITLE}`;
      return APP_TITLE;
    },
    (title) =>
      afterThisTask(() => {
        document.title = title;
      }),
    { immediate: true },
  );

  onScopeDispose(() => {
    offState();
    ringtone.dispose();
    document.removeEventListener('pointerdown', onGesture, true);
    document.removeEventListener('keydown', onGesture, true);
    notifications.forEach((n) => n.close());
    notifications.clear();
  });
}

/** Ask for notification permission once ever, from a user gesture (browsers require one). */
function askNotificationPermissionOnce(): void {
  if (typeof Notification === 'undefined' || Notification.permission !== 'default') return;
  try {
    if (localStorage.getItem(ASKED_KEY)) return;
    localStorage.setItem(ASKED_KEY, new Date().toISOString());
  } catch {
    // storage unavailable: asking again next session is acceptable
  }
  void Notification.requestPermission().catch(() => undefined);
}
