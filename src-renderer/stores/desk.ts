/**
 * The desk as a whole: connection to main, which window carries calls, the SIP registration,
 * the agent's status and the settings. All of it is main's truth, mirrored here.
 */
import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import type { AgentStatus, DeskRole, Registration } from '../../src-main/contract/desk.js';
import type { DeskState } from '../../src-main/contract/methods.js';
import type { Result } from '../../src-main/contract/result.js';
import { defaultSettings, type Settings, type SettingsPatch } from '../../src-main/contract/settings.js';
import { call } from './client.js';

export const useDeskStore = defineStore('desk', () => {
  /** The transport is up (IPC: always; WebSocket: between drops). */
  const connected = ref(false);
  /** desk.state has answered at least once since start. */
  const loaded = ref(false);
  const role = ref<DeskRole>({ active: false });
  const registration = ref<Registration>({ state: 'unconfigured', reason: null, next_attempt_at: null });
  const agentStatus = ref<AgentStatus>('available');
  /** Main says an ordinary incoming call would ring now: this window may draw a ring at its INVITE. */
  const ringsNewCalls = ref(false);
  const settings = ref<Settings>(defaultSettings());

  const statusError = ref<string | null>(null);
  const takeoverError = ref<string | null>(null);
  const statusPending = ref(false);

  /** This window is the one that carries calls (runs SIP, rings). */
  const isActiveDesk = computed(() => connected.value && role.value.active);
  /** Another window carries calls: show the calm hand-over banner. */
  const elsewhere = computed(() => connected.value && loaded.value && !role.value.active);
  const accountConfigured = computed(() => settings.value.sip.server !== '' && settings.value.sip.uri !== '');

  function applyDeskState(state: DeskState): void {
    role.value = state.role;
    settings.value = state.settings;
    agentStatus.value = state.agent_status;
    ringsNewCalls.value = state.rings_new_calls;
    registration.value = state.registration;
    loaded.value = true;
  }

  function setConnected(value: boolean): void {
    connected.value = value;
  }
  function applyRole(next: DeskRole): void {
    role.value = next;
  }
  function applyRegistration(next: Registration): void {
    registration.value = next;
  }
  function applyAgentStatus(next: AgentStatus): void {
    agentStatus.value = next;
  }
  function applyRingsNewCalls(next: boolean): void {
    ringsNewCalls.value = next;
  }
  function applySettings(next: Settings): void {
    settings.value = next;
  }

  /** Ask main for the full desk state and replace ours with it. */
  async function refresh(): Promise<Result<DeskState>> {
    const result = await call('desk.state', {});
    if (result.ok) applyDeskState(result.value);
    return result;
  }

  async function setStatus(status: AgentStatus): Promise<boolean> {
    statusError.value = null;
    const previous = agentStatus.value;
    agentStatus.value = status; // optimistic: the picker must not snap back while main answers
    statusPending.value = true;
    const result = await call('agent.set_status', { status });
    statusPending.value = false;
    if (result.ok) {
      agentStatus.value = result.value;
      return true;
    }
    agentStatus.value = previous;
    statusError.value = result.error.message;
    return false;
  }

  /** Send a partial settings patch; main answers with the whole new settings, or a readable error. */
  async function updateSettings(patch: SettingsPatch): Promise<Result<Settings>> {
    const result = await call('settings.update', patch);
    if (result.ok) settings.value = result.value;
    return result;
  }

  async function takeover(): Promise<boolean> {
    takeoverError.value = null;
    const result = await call('desk.takeover', {});
    if (result.ok) {
      role.value = result.value;
      return true;
    }
    takeoverError.value = result.error.message;
    return false;
  }

  return {
    connected,
    loaded,
    role,
    registration,
    agentStatus,
    ringsNewCalls,
    settings,
    statusError,
    statusPending,
    takeoverError,
    isActiveDesk,
    elsewhere,
    accountConfigured,
    applyDeskState,
    setConnected,
    applyRole,
    applyRegistration,
    applyAgentStatus,
    applyRingsNewCalls,
    applySettings,
    refresh,
    setStatus,
    updateSettings,
    takeover,
  };
});
