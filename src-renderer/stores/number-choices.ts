/**
 * API calls waiting for the agent to pick their outbound number (seed 004's 202): the desk
 * shows each one, and the agent places it from a number or declines it.
 */
import { defineStore } from 'pinia';
import { ref } from 'vue';
import type { NumberChoice } from '../../src-main/contract/number-choice.js';
import { call } from './client';

export const useNumberChoicesStore = defineStore('number-choices', () => {
  const pending = ref<NumberChoice[]>([]);
  const error = ref<string | null>(null);
  const busy = ref(false);

  async function reload(): Promise<void> {
    const result = await call('api.pending_number_choices', {});
    if (result.ok) pending.value = result.value;
  }

  function requested(choice: NumberChoice): void {
    if (!pending.value.some((entry) => entry.id === choice.id)) pending.value = [...pending.value, choice];
  }

  function settled(id: string): void {
    pending.value = pending.value.filter((entry) => entry.id !== id);
  }

  async function choose(id: string, number: string): Promise<boolean> {
    return act(() => call('api.choose_outbound_number', { id, number }), id);
  }

  async function decline(id: string): Promise<boolean> {
    return act(() => call('api.decline_outbound_number', { id }), id);
  }

  async function act(run: () => ReturnType<typeof call>, id: string): Promise<boolean> {
    busy.value = true;
    error.value = null;
    const result = await run();
    busy.value = false;
    if (!result.ok) {
      error.value = result.error.message;
      return false;
    }
    settled(id);
    return true;
  }

  return { pending, error, busy, reload, requested, settled, choose, decline };
});
