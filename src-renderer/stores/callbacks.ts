/**
 * Callbacks (scheduled calls): the upcoming ones in time order, the past ones with their
 * outcome, and the pre-due prompts. Main owns the truth; this store reloads on every change.
 * Times the agent types are read in the agent's own time zone and sent as UTC instants.
 */
import { defineStore } from 'pinia';
import { ref } from 'vue';
import type { Callback, CallbackPrompt } from '../../src-main/contract/callback.js';
import { instantOfLocalTime } from '../../src-main/contract/local-time.js';
import { call } from './client';

/** The agent's time zone (the browser's or the OS's). */
export function agentTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone;
}

/** A datetime-local value ("2026-03-08T09:30") in the agent's zone as an ISO instant, or null. */
export function localInputToIso(value: string, timeZone = agentTimeZone()): string | null {
  const instant = instantOfLocalTime(value, timeZone);
  return Number.isFinite(instant) ? new Date(instant).toISOString() : null;
}

export const useCallbacksStore = defineStore('callbacks', () => {
  const upcoming = ref<Callback[]>([]);
  const past = ref<Callback[]>([]);
  const prompts = ref<CallbackPrompt[]>([]);
  const error = ref<string | null>(null);
  /** Prefill for the schedule form ("Call back at…" from a history row or the active call). */
  const draft = ref<{ target: string; parent_id: string | null } | null>(null);

  async function reload(): Promise<void> {
    const [list, waiting] = await Promise.all([call('callbacks.list', {}), call('callbacks.prompts', {})]);
    if (list.ok) {
      upcoming.value = list.value.upcoming;
      past.value = list.value.past;
    }
    if (waiting.ok) prompts.value = waiting.value;
  }

  function prompted(prompt: CallbackPrompt): void {
    prompts.value = [...prompts.value.filter((entry) => entry.id !== prompt.id), prompt];
  }

  function promptCleared(id: string): void {
    prompts.value = prompts.value.filter((entry) => entry.id !== id);
  }

  async function act<T>(run: () => Promise<{ ok: true; value: T } | { ok: false; error: { message: string } }>): Promise<T | null> {
    error.value = null;
    const result = await run();
    if (!result.ok) {
      error.value = result.error.message;
      return null;
    }
    await reload();
    return result.value;
  }

  const schedule = (target: string, scheduledAt: string, parentId: string | null = null) =>
    act(() => call('callbacks.schedule', { target, scheduled_at: scheduledAt, parent_id: parentId }));
  const reschedule = (id: string, scheduledAt: string) => act(() => call('callbacks.reschedule', { id, scheduled_at: scheduledAt }));
  const cancel = (ids: string[]) => act(() => call('callbacks.cancel', { ids }));
  const accept = async (id: string) => {
    promptCleared(id);
    const row = await act(() => call('callbacks.accept', { id }));
    if (!row) await reload(); // refused (e.g. the host was restarting): the prompt comes back
    return row;
  };
  const dismiss = async (id: string) => {
    promptCleared(id);
    return act(() => call('callbacks.dismiss', { id }));
  };

  function startDraft(target: string, parentId: string | null): void {
    draft.value = { target, parent_id: parentId };
  }

  return { upcoming, past, prompts, error, draft, reload, prompted, promptCleared, schedule, reschedule, cancel, accept, dismiss, startDraft };
});
