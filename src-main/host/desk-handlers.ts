/** The contract's methods, each mapped onto the engine, the settings and the desk hub. */
import type { CallEngine } from '../engine/call-engine.js';
import type { GroupCallService } from '../engine/group-calls/group-call-service.js';
import type { DeskHub } from '../transport/desk-hub.js';
import type { DeskMethodHandlers } from './conference-handlers.js';
import type { SettingsService } from './settings-service.js';

/** Methods whose handlers live with their feature (host/contact-centre-host.ts). */
type FeatureMethods = `api.${string}` | 'desk.take_dial_request' | `contacts.${string}` | `callbacks.${string}`;

export function createDeskHandlers(
  engine: CallEngine,
  settings: SettingsService,
  hub: DeskHub,
  groupCalls: GroupCallService,
): Omit<DeskMethodHandlers, Extract<keyof DeskMethodHandlers, FeatureMethods>> {
  return {
    'desk.state': (_params, caller) => ({
      role: { active: hub.isActive(caller.connectionId) },
      settings: settings.current(),
      agent_status: engine.agentStatus,
      rings_new_calls: engine.ringsNewCalls(),
      registration: engine.registration,
      live_calls: engine.liveCalls(),
    }),
    'desk.takeover': (_params, caller) => {
      hub.takeover(caller.connectionId);
      return { active: hub.isActive(caller.connectionId) };
    },
    'settings.get': () => settings.current(),
    'settings.update': (patch) => settings.update(patch),
    'agent.set_status': ({ status }) => engine.setAgentStatus(status),
    'calls.dial': ({ target, labels, timeout_seconds }) =>
      engine.dial({ target, labels, timeoutSeconds: timeout_seconds }),
    'calls.answer': ({ id }) => engine.answer(id),
    'calls.decline': ({ id }) => engine.decline(id),
    'calls.hangup': ({ id }) => engine.hangup(id),
    'calls.hold': ({ id, on }) => engine.hold(id, on),
    'calls.mute': ({ id, on }) => engine.mute(id, on),
    'calls.dtmf': ({ id, digits }) => {
      engine.sendDtmf(id, digits);
      return { ok: true as const };
    },
    'calls.transfer': ({ id, target }) => engine.transfer(id, target),
    'calls.get': ({ id }) => engine.getCall(id),
    'calls.history': ({ limit, before }) => {
      const page = engine.history(limit, before);
      return { calls: page.calls, next_cursor: page.nextCursor };
    },
    'groupcalls.create': (request) => groupCalls.create(request),
    'groupcalls.hangup': ({ id }) => groupCalls.hangup(id),
    'groupcalls.list': () => groupCalls.list(),
    'sip.registration': (registration) => {
      engine.reportRegistration(registration);
      return { ok: true as const };
    },
    'sip.incoming': (leg) => engine.incoming(leg),
    'sip.leg_event': (event) => {
      engine.legEvent(event);
      return { ok: true as const };
    },
  };
}
