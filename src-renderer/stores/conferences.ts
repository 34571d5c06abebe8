/**
 * Conferences this desk hosts, mirrored from main's `conference.updated`, plus who is speaking
 * (from the local mixer). Actions send commands; the snapshots that come back are drawn.
 */
import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import type { ConferenceSnapshot, ConferencecallSnapshot, SupervisorMode } from '../../src-main/contract/conference.js';
import { call } from './client.js';

const CANNOT_MIX =
  'This browser cannot mix conference audio, so nobody in the conference hears the others. Host conferences from the desktop app, or in browser mode from Chrome or Edge.';

export const useConferencesStore = defineStore('conferences', () => {
  const byId = ref<Record<string, ConferenceSnapshot>>({});
  /** Call ids (and 'host') whose audio is above the speaking threshold now. */
  const speaking = ref<ReadonlySet<string>>(new Set());
  const error = ref<string | null>(null);
  /**
   * This window cannot mix (a browser other than Chromium's kind): said for as long as a
   * conference is live, apart from the error line, which the next action clears.
   */
  const cannotMix = ref(false);

  const live = computed(() => Object.values(byId.value).filter((c) => c.status !== 'terminated'));
  /** The conference the desk shows (one at a time is the normal case). */
  const current = computed<ConferenceSnapshot | null>(() => live.value[0] ?? null);
  /** Members still in (joining or joined) or on their way out (leaving). */
  const members = computed<ConferencecallSnapshot[]>(
    () => current.value?.conferencecalls.filter((m) => m.status !== 'leaved') ?? [],
  );
  const supervisors = computed(() => members.value.filter((m) => m.role === 'supervisor'));
  const memberCallIds = computed(() => new Set(members.value.map((m) => m.reference_id)));

  function apply(conference: ConferenceSnapshot): void {
    if (conference.status === 'terminated') delete byId.value[conference.id];
    else byId.value[conference.id] = conference;
    if (live.value.length === 0) cannotMix.value = false;
  }

  function replaceAll(conferences: readonly ConferenceSnapshot[]): void {
    byId.value = Object.fromEntries(conferences.map((c) => [c.id, c]));
    if (live.value.length === 0) cannotMix.value = false;
  }

  async function refresh(): Promise<void> {
    const result = await call('conferences.live', {});
    if (result.ok) replaceAll(result.value);
  }

  function setSpeaking(next: ReadonlySet<string>): void {
    const before = speaking.value;
    if (before.size === next.size && [...next].every((id) => before.has(id))) return;
    speaking.value = new Set(next);
  }

  /** The window that carries calls has no way to mix (a browser other than Chromium's kind). */
  function reportCannotMix(): void {
    cannotMix.value = true;
  }

  async function run<T>(action: () => Promise<{ ok: true; value: T } | { ok: false; error: { message: string } }>): Promise<boolean> {
    error.value = null;
    const result = await action();
    if (!result.ok) {
      error.value = result.error.message;
      return false;
    }
    return true;
  }

  const merge = (callIds: string[]) =>
    run(async () => {
      const result = await call('conferences.merge', { call_ids: callIds });
      if (result.ok) apply(result.value);
      return result;
    });
  const add = (id: string, target: string) => run(() => call('conferences.add', { id, target }));
  const drop = (conferencecallId: string) => run(() => call('conferences.drop', { conferencecall_id: conferencecallId }));
  const end = (id: string) => run(() => call('conferences.end', { id }));
  /** Supervisor side: call `agent` and join `target` (a call or conference id, or 'current'). */
  async function joinAsSupervisor(agent: string, target: string, mode: SupervisorMode): Promise<{ ok: true } | { ok: false; message: string }> {
    const result = await call('supervisor.join', { agent, target_id: target, mode });
    return result.ok ? { ok: true } : { ok: false, message: result.error.message };
  }
  /** Supervisor side: switch our join's mode. */
  const setSupervisorMode = (callId: string, mode: SupervisorMode) => run(() => call('supervisor.set_mode', { id: callId, mode }));

  return {
    byId,
    speaking,
    error,
    cannotMix,
    cannotMixSentence: CANNOT_MIX,
    reportCannotMix,
    live,
    current,
    members,
    supervisors,
    memberCallIds,
    apply,
    replaceAll,
    refresh,
    setSpeaking,
    merge,
    add,
    drop,
    end,
    setSupervisorMode,
    joinAsSupervisor,
  };
});
