/**
 * The contract's conference and supervisor methods, mapped onto the conference service. It also
 * takes over `sip.incoming` (join requests are decided here, other INVITEs go on to the call
 * engine) and `sip.leg_event` (a supervisor's mode switch), so desk-handlers.ts stays as it was.
 */
import type { CallEngine } from '../engine/call-engine.js';
import type { ConferenceService } from '../engine/conference/conference-service.js';
import type { MethodHandlers } from '../transport/dispatcher.js';

export type ConferenceMethodName =
  | 'conferences.live'
  | 'conferences.merge'
  | 'conferences.add'
  | 'conferences.drop'
  | 'conferences.end'
  | 'supervisor.join'
  | 'supervisor.set_mode';

/** What desk-handlers.ts provides: every method but the conference ones. */
export type DeskMethodHandlers = Omit<MethodHandlers, ConferenceMethodName>;

export function createConferenceHandlers(
  engine: CallEngine,
  conferences: ConferenceService,
): Pick<MethodHandlers, ConferenceMethodName | 'sip.incoming' | 'sip.leg_event'> {
  return {
    'conferences.live': () => conferences.live(),
    'conferences.merge': ({ call_ids }) => conferences.merge(call_ids),
    'conferences.add': ({ id, target }) => conferences.add(id, target),
    'conferences.drop': ({ conferencecall_id }) => {
      const dropped = conferences.drop(conferencecall_id);
      return conferences.get(dropped.conference_id);
    },
    'conferences.end': ({ id }) => conferences.end(id),
    'supervisor.join': ({ agent, target_id, mode }) => conferences.joinAsSupervisor(agent, target_id, mode),
    'supervisor.set_mode': ({ id, mode }) => conferences.setOwnSupervisorMode(id, mode),
    'sip.incoming': (leg) => conferences.incoming(leg),
    'sip.leg_event': (event) => {
      engine.legEvent(event);
      conferences.legEvent(event);
      return { ok: true as const };
    },
  };
}
