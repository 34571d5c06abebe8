/**
 * One polite and one assertive live region for the whole desk (rendered by LiveAnnouncer.vue).
 * Rings are assertive; call ends, connections and confirmations are polite. Errors shown next to
 * a control use role="alert" there instead, so they are not read twice.
 */
import { readonly, ref } from 'vue';

export type Politeness = 'polite' | 'assertive';

const polite = ref('');
const assertive = ref('');
const timers: Record<Politeness, ReturnType<typeof setTimeout> | null> = { polite: null, assertive: null };

/** Say `message` through the live region. Saying the same sentence twice is read twice. */
export function announce(message: string, politeness: Politeness = 'polite'): void {
  const region = politeness === 'assertive' ? assertive : polite;
  // Empty the region first: screen readers only speak a change of text.
  region.value = '';
  const pending = timers[politeness];
  if (pending) clearTimeout(pending);
  timers[politeness] = setTimeout(() => {
    region.value = message;
    timers[politeness] = null;
  }, 60);
}

export function useAnnouncer() {
  return { announce, polite: readonly(polite), assertive: readonly(assertive) };
}
