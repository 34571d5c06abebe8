/**
 * Headset and media keys through the Media Session API (Chromium): the play/pause button answers
 * a ring and hangs up a call; "hangup" and "togglemicrophone" where the platform reports them.
 * Every call is feature-checked: unsupported actions throw and are skipped.
 */
import { computed, onScopeDispose, watch } from 'vue';
import { useCallsStore } from '../../stores/calls';
import { useDeskStore } from '../../stores/desk';
import { liveStateWords, partyOf } from '../../stores/words';

const ACTIONS: DeskMediaSessionAction[] = ['play', 'pause', 'stop', 'hangup', 'togglemicrophone'];

export function useMediaSession(): void {
  if (typeof navigator === 'undefined' || !('mediaSession' in navigator)) return;
  const session = navigator.mediaSession;
  const desk = useDeskStore();
  const calls = useCallsStore();

  function setHandler(action: DeskMediaSessionAction, handler: MediaSessionActionHandler | null): void {
    try {
      session.setActionHandler(action as MediaSessionAction, handler);
    } catch {
      // not supported on this platform
    }
  }

  function answerOrHangUp(): void {
    const ring = calls.ringingCalls[0];
    const active = calls.activeCall;
    if (ring) void calls.answer(ring.id);
    else if (active) void calls.hangup(active.id);
  }
  function hangUpOrDecline(): void {
    const active = calls.activeCall;
    const ring = calls.ringingCalls[0];
    if (active) void calls.hangup(active.id);
    else if (ring) void calls.decline(ring.id);
  }
  function toggleMicrophone(): void {
    const active = calls.activeCall;
    if (active) void calls.toggleMute(active.id);
  }

  const handlers: Record<string, MediaSessionActionHandler> = {
    play: answerOrHangUp,
    pause: answerOrHangUp,
    stop: hangUpOrDecline,
    hangup: hangUpOrDecline,
    togglemicrophone: toggleMicrophone,
  };

  function install(on: boolean): void {
    for (const action of ACTIONS) setHandler(action, on ? (handlers[action] ?? null) : null);
  }

  watch(() => desk.isActiveDesk, install, { immediate: true });

  // Each of these goes to the browser process: tell it only what changed (a call that connects
  // changes the title, not the playback state or the microphone), not everything each time.
  // A ring is "paused" (the button plays = answers); a call is "playing" (the button pauses = hangs up).
  const ifActiveDesk = (apply: () => void) => () => {
    if (!desk.isActiveDesk) return;
    try {
      apply();
    } catch {
      // not supported on this platform
    }
  };
  const playbackState = computed(() => (calls.ringingCalls[0] ? 'paused' : calls.activeCall ? 'playing' : 'none'));
  const title = computed(() => {
    const ring = calls.ringingCalls[0];
    const active = calls.activeCall;
    return ring ? `Incoming call: ${partyOf(ring).label}` : active ? `${liveStateWords(active)}: ${partyOf(active).label}` : '';
  });
  /** Null outside a call: the microphone indicator is the browser's own business then. */
  const microphoneActive = computed(() => (calls.activeCall ? !calls.activeCall.muted : null));

  watch(playbackState, ifActiveDesk(() => (session.playbackState = playbackState.value)), { immediate: true });
  watch(
    title,
    ifActiveDesk(() => {
      const text = title.value;
      session.metadata = text && typeof MediaMetadata !== 'undefined' ? new MediaMetadata({ title: text, artist: 'Switchboard Desk' }) : null;
    }),
    { immediate: true },
  );
  watch(
    microphoneActive,
    ifActiveDesk(() => {
      const active = microphoneActive.value;
      if (active === null || typeof session.setMicrophoneActive !== 'function') return;
      // Chromium returns undefined rather than a promise here: normalise before catching.
      Promise.resolve()
        .then(() => session.setMicrophoneActive(active))
        .catch(() => undefined);
    }),
    { immediate: true },
  );

  onScopeDispose(() => install(false));
}
