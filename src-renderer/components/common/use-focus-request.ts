/**
 * Focus moves on request from anywhere in the desk (the ui store's requestFocus: a shortcut, the
 * end of a call…): the component that owns `target` calls this in its setup, and `focus` runs
 * once the page shows the latest state.
 */
import { nextTick, watch } from 'vue';
import { useUiStore, type FocusTarget } from '../../stores/ui';

export function onFocusRequest(target: FocusTarget, focus: () => void): void {
  const ui = useUiStore();
  watch(
    () => ui.focusRequest,
    async (request) => {
      if (request?.target !== target) return;
      await nextTick();
      focus();
    },
  );
}
