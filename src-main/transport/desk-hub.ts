/**
 * The connections of desk clients (Electron windows or browser tabs), whatever carries them.
 * Exactly one is the active desk: it runs SIP and receives telephony commands. Others get
 * snapshots and are told the desk is open elsewhere; they may take over explicitly.
 */
import type { EventName, EventPayload } from '../contract/events.js';
import type { TelephonyCommand } from '../contract/telephony.js';
import type { TelephonyPort } from '../engine/ports/telephony.js';

export interface DeskConnection {
  readonly id: string;
  send(event: string, payload: unknown): void;
}

export interface DeskHubOptions {
  /** The active desk went away (closed, reloaded, or replaced): its calls can't be carried. */
  onDeskLost(): void;
}

export class DeskHub implements TelephonyPort {
  readonly #connections = new Map<string, DeskConnection>();
  readonly #options: DeskHubOptions;
  #activeId: string | null = null;

  constructor(options: DeskHubOptions) {
    this.#options = options;
  }

  /** A new connection becomes the desk if there is none. */
  attach(connection: DeskConnection): void {
    this.#connections.set(connection.id, connection);
    if (this.#activeId === null) this.#activeId = connection.id;
    connection.send('desk.role', { active: this.isActive(connection.id) });
  }

  detach(connectionId: string): void {
    if (!this.#connections.delete(connectionId)) return;
    if (this.#activeId === connectionId) {
      this.#activeId = null;
      this.#options.onDeskLost();
    }
  }

  /** Make this connection the desk. The previous desk's calls end: its SIP sessions can't move. */
  takeover(connectionId: string): void {
    if (this.#activeId === connectionId || !this.#connections.has(connectionId)) return;
    const previous = this.#activeId === null ? undefined : this.#connections.get(this.#activeId);
    this.#activeId = connectionId;
    if (previous) {
      previous.send('desk.role', { active: false });
      this.#options.onDeskLost();
    }
    this.#connections.get(connectionId)?.send('desk.role', { active: true });
  }

  isActive(connectionId: string): boolean {
    return this.#activeId === connectionId;
  }

  broadcast<E extends EventName>(event: E, payload: EventPayload<E>): void {
    for (const connection of this.#connections.values()) connection.send(event, payload);
  }

  // TelephonyPort
  isConnected(): boolean {
    return this.#activeId !== null;
  }

  send(command: TelephonyCommand): boolean {
    const active = this.#activeId === null ? undefined : this.#connections.get(this.#activeId);
    if (!active) return false;
    active.send('telephony.command', command);
    return true;
  }
}
