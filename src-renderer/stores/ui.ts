/**
 * View state shared between distant components: the dial field's text, which panels are open,
 * and requests to move focus. Nothing here is main's truth; it is what this window shows.
 */
import { defineStore } from 'pinia';
import { ref } from 'vue';

export type AudioDevice = 'microphone' | 'speaker';
export type FocusTarget = 'dial' | 'ring' | 'transfer' | 'conference-add';

export const useUiStore = defineStore('ui', () => {
  const dialText = ref('');
  const settingsOpen = ref(false);
  const helpOpen = ref(false);
  /** The in-call keypad and the transfer form belong to the active call card. */
  const keypadOpen = ref(false);
  const transferOpen = ref(false);
  /** The ringtone's AudioContext waits for a click (browser autoplay policy). */
  const ringtoneNeedsUnlock = ref(false);
  /**
   * A chosen microphone or speaker that the calls could not use, as the sentence the desk shows
   * (a banner) until the agent dismisses it or a later choice works.
   */
  const deviceProblems = ref<Partial<Record<AudioDevice, string>>>({});
  /** A focus request (a new `seq` each time): the component that owns `target` focuses (use-focus-request.ts). */
  const focusRequest = ref<{ target: FocusTarget; seq: number } | null>(null);
  let seq = 0;

  function requestFocus(target: FocusTarget): void {
    seq += 1;
    focusRequest.value = { target, seq };
  }
  function setDeviceProblem(device: AudioDevice, sentence: string | null): void {
    const { [device]: _gone, ...others } = deviceProblems.value;
    deviceProblems.value = sentence ? { ...others, [device]: sentence } : others;
  }
  function toggleKeypad(open = !keypadOpen.value): void {
    keypadOpen.value = open;
    if (open) transferOpen.value = false;
  }
  function toggleTransfer(open = !transferOpen.value): void {
    transferOpen.value = open;
    if (open) {
      keypadOpen.value = false;
      requestFocus('transfer');
    }
  }
  /** The active call changed or ended: its panels close. */
  function resetCallPanels(): void {
    keypadOpen.value = false;
    transferOpen.value = false;
  }

  return {
    dialText,
    settingsOpen,
    helpOpen,
    keypadOpen,
    transferOpen,
    ringtoneNeedsUnlock,
    deviceProblems,
    setDeviceProblem,
    focusRequest,
    requestFocus,
    toggleKeypad,
    toggleTransfer,
    resetCallPanels,
  };
});
