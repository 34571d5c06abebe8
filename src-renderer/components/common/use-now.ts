/**
 * One shared clock for timers and relative times: a single interval while anything uses it.
 * Call timers are derived from it and the snapshot's answer_time; nothing stores elapsed time.
 */
import { computed, onScopeDispose, readonly, ref, type Ref } from 'vue';

const now = ref(Date.now());
let users = 0;
let timer: ReturnType<typeof setInterval> | null = null;

function tick(): void {
  now.value = Date.now();
}

/** The current time in ms, updated every second while any component in scope uses it. */
export function useNow(): Readonly<Ref<number>> {
  users += 1;
  if (!timer) {
    tick();
    timer = setInterval(tick, 1000);
  }
  onScopeDispose(() => {
    users -= 1;
    if (users === 0 && timer) {
      clearInterval(timer);
      timer = null;
    }
  });
  return readonly(now);
}

/** The clock rounded to `stepMs`: dependants re-render only when the rounded value changes. */
export function useCoarseNow(stepMs: number): Readonly<Ref<number>> {
  const fine = useNow();
  return computed(() => Math.floor(fine.value / stepMs) * stepMs);
}
