/**
 * Keeps the desk windows told whether an ordinary incoming call would ring now, so the window
 * that carries calls can draw a ring the moment its INVITE arrives (src-renderer/sip/call-legs.ts)
 * instead of after a round trip to the engine. It changes with the agent's status and with a
 * callback reservation (accepted, dialled, cancelled, expired: all reported as callbacks changing).
 * A missed change costs no call: the engine still decides every INVITE, and a drawn ring it
 * refuses is taken down before any ringtone or announcement.
 */
import type { CallEngine } from '../engine/call-engine.js';
import type { DeskHub } from '../transport/desk-hub.js';

export interface RingReadinessSources {
  readonly engine: CallEngine;
  readonly hub: Pick<DeskHub, 'broadcast'>;
  /** Subscribe to every change that may start or end a reservation. */
  readonly onReservationsMayChange: (check: () => void) => void;
}

export function publishRingReadiness({ engine, hub, onReservationsMayChange }: RingReadinessSources): void {
  let last = engine.ringsNewCalls();
  const check = (): void => {
    const now = engine.ringsNewCalls();
    if (now === last) return;
    last = now;
    hub.broadcast('desk.rings_new_calls', now);
  };
  engine.events.on('agent.status', check);
  onReservationsMayChange(check);
}
