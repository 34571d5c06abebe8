/**
 * The only code that imports sip.js (with the modules beside it). Runs while this window is
 * the active desk: carries out the engine's telephony commands and reports registration and
 * leg events back to main.
 */
import type { Registration } from '../../src-main/contract/desk.js';
import type { Settings, SipSettings } from '../../src-main/contract/settings.js';
import type { ReconnectingClient } from '../bridge/index.js';
import type { LegMediaSource } from '../media/leg-media.js';
import { CallLegs, type EarlyRings } from './call-legs.js';
import type { DeviceProblem } from './leg-devices.js';
import { SipPhone } from './sip-phone.js';
import { installTestHooks } from './test-hooks.js';

export interface Telephony {
  /** Stop the user agent and end every session (page hide, desk handed over). */
  stop(): Promise<void>;
  /** Whether a call is in this window: ringing, being set up or up. */
  carriesCalls(): boolean;
  /** Each established leg's media, for the conference mixer. */
  readonly legMedia: LegMediaSource;
  /** Start answering a ringing call at the agent's click, before main's command (CallLegs.answerAtOnce). */
  answerAtOnce(callId: string): void;
  /** The far end put a call on hold or took it off (CallLegs.onFarEndHold); returns the unsubscribe. */
  onFarEndHold(listener: (callId: string, held: boolean) => void): () => void;
  /** A chosen microphone or speaker the calls could not use, or use after all (LegDevices.onProblem). */
  onDeviceProblem(listener: (problem: DeviceProblem) => void): () => void;
  /** Draw rings at their INVITE, before the engine's record (CallLegs.setEarlyRings). */
  setEarlyRings(earlyRings: EarlyRings | null): void;
}

export function startTelephony(client: ReconnectingClient): Telephony {
  let settings: Settings | undefined;
  let phone: SipPhone | undefined;
  let registration: Registration = { state: 'unconfigured', reason: null, next_attempt_at: null };
  let stopped = false;

  const legs = new CallLegs(
    client,
    () => phone,
    () => {
      if (!settings) throw new Error('Settings not loaded yet');
      return settings;
    },
  );
  installTestHooks(legs);

  const report = (next: Registration): void => {
    registration = next;
    void client.invoke('sip.registration', next);
  };

  const startPhone = async (): Promise<void> => {
    const previous = phone;
    phone = undefined;
    await legs.stopAll();
    await previous?.stop();
    if (stopped || !settings) return;
    const sip = settings.sip;
    if (!sip.server || !sip.uri) {
      report({ state: 'unconfigured', reason: null, next_attempt_at: null });
      return;
    }
    try {
      phone = new SipPhone(sip, {
        onRegistration: report,
        onInvite: (invitation) => void legs.onInvite(invitation),
        onReconnected: () => legs.probeDialogs(),
        onDisconnected: () => undefined,
      });
      phone.start();
    } catch (error) {
      report({ state: 'failed', reason: error instanceof Error ? error.message : String(error), next_attempt_at: null });
    }
  };

  const offCommand = client.on('telephony.command', (command) => legs.handle(command));
  const offSettings = client.on('settings.changed', (next) => {
    const before = settings;
    const restart = !before || accountChanged(before.sip, next.sip);
    settings = next;
    if (restart) return void startPhone();
    // Calls already up follow a newly chosen device (new calls read the settings anyway).
    if (before.audio.speaker_id !== next.audio.speaker_id) legs.devices.useSpeaker(next.audio.speaker_id);
    if (before.audio.microphone_id !== next.audio.microphone_id) void legs.devices.useMicrophone();
  });
  // After the host restarts, its engine has ended the calls it can't carry: end their sessions
  // too, and tell the new host where registration stands.
  const offConnected = client.onConnected(() => {
    void client.invoke('desk.state', {}).then((state) => {
      if (!state.ok) return;
      void legs.endAllExcept(new Set(state.value.live_calls.map((call) => call.id)));
      if (settings) void client.invoke('sip.registration', registration);
    });
  });

  void client.invoke('settings.get', {}).then((result) => {
    if (!result.ok || stopped) return;
    settings = result.value;
    void startPhone();
  });

  return {
    legMedia: legs,
    carriesCalls: () => legs.callIds().length > 0,
    answerAtOnce: (callId) => legs.answerAtOnce(callId),
    onFarEndHold: (listener) => legs.onFarEndHold(listener),
    onDeviceProblem: (listener) => legs.devices.onProblem(listener),
    setEarlyRings: (earlyRings) => legs.setEarlyRings(earlyRings),
    async stop() {
      stopped = true;
      offCommand();
      offSettings();
      offConnected();
      await legs.stopAll({ quietly: true });
      await phone?.stop();
      phone = undefined;
    },
  };
}

function accountChanged(before: SipSettings, after: SipSettings): boolean {
  return (
    before.server !== after.server ||
    before.uri !== after.uri ||
    before.username !== after.username ||
    before.password !== after.password ||
    before.display_name !== after.display_name ||
    JSON.stringify(before.ice_servers) !== JSON.stringify(after.ice_servers)
  );
}
