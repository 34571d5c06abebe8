/**
 * The connections of desk clients (Electron windows or browser tabs), whatever carries them.
 * Exactly one is the active desk: it runs SIP and receives telephony commands. Others get
 * snapshots and are told the desk is open elsewhere; they may take over explicitly.
 */
import type { EventName, EventPayload } from '../contract/events.js';
import type { TelephonyCommand } from '../contract/telephony.js';
import type { TelephonyPort } from '../engine/ports/telephony.js';

export interface DeskMessage {
  readonly event: string;
  readonly payload: unknown;
}

export interface DeskConnection {
  readonly id: string;
  send(event: string, payload: unknown): void;
  /**
   * Several messages in one delivery, in order (browser mode: one WebSocket frame, so the page
   * handles them in one task and renders once). A carrier without it gets them one by one.
   */
  sendBatch?(messages: readonly DeskMessage[]): void;
}

export interface DeskHubOptions {
  /** The active desk went away (closed, reloaded, or replaced): its calls can't be carried. */
  onDeskLost(): void;
}

export class DeskHub implements TelephonyPort {
  readonly #connections = new Map<string, DeskConnection>();
  readonly #options: DeskHubOptions;
  #activeId: string | null = null;
  /** While a unit of work runs: the messages it sends, per connection, in order. */
  #held: Map<DeskConnection, DeskMessage[]> | null = null;

  constructor(options: DeskHubOptions) {
    this.#options = options;
  }

  /** A new connection becomes the desk if there is none. */
  attach(connection: DeskConnection): void {
    this.#connections.set(connection.id, connection);
    if (this.#activeId === null) this.#activeId = connection.id;
    this.#deliver(connection, 'desk.role', { active: this.isActive(connection.id) });
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
      this.#deliver(previous, 'desk.role', { active: false });
      this.#options.onDeskLost();
    }
    const next = this.#connections.get(connectionId);
    if (next) this.#deliver(next, 'desk.role', { active: true });
  }

  /**
   * Run one unit of the host's work (a request, a timer) and deliver what it sends once it has
   * run: each connection gets its messages in one batch. A ring group's twenty dial commands and
   * their records reach the page as one frame, not forty frames that each cost the busy page a
   * task and a render. The host calls this inside the unit's commit, so the batch still leaves
   * before the disk is waited for. Nested units join the outer one.
   */
  inOneDelivery<T>(work: () => T): T {
    if (this.#held) return work();
    const held = new Map<DeskConnection, DeskMessage[]>();
    this.#held = held;
    try {
      return work();
    } finally {
      this.#held = null;
      for (const [connection, messages] of held) deliverAll(connection, messages);
    }
  }

  #deliver(connection: DeskConnection, event: string, payload: unknown): void {
    if (!this.#held) {
      connection.send(event, payload);
      return;
    }
    const messages = this.#held.get(connection);
    if (messages) messages.push({ event, payload });
    else this.#held.set(connection, [{ event, payload }]);
  }

  isActive(connectionId: string): boolean {
    return this.#activeId === connectionId;
  }

  broadcast<E extends EventName>(event: E, payload: EventPayload<E>): void {
    for (const connection of this.#connections.values()) this.#deliver(connection, event, payload);
  }

  // TelephonyPort
  isConnected(): boolean {
    return this.#activeId !== null;
  }

  send(command: TelephonyCommand): boolean {
    const active = this.#active();
    if (!active) return false;
    this.#deliver(active, 'telephony.command', command);
    return true;
  }

  /**
   * What the unit has held for the desk so far, and these commands, leave now in one delivery;
   * what the unit sends afterwards is held as before. A ring group's answer writes and announces
   * twenty records after its cancel-all: 5–50 ms here in which the CANCELs used to wait.
   */
  sendAtOnce(commands: readonly TelephonyCommand[]): boolean {
    const active = this.#active();
    if (!active) return false;
    const earlier = this.#held?.get(active) ?? [];
    this.#held?.delete(active);
    deliverAll(active, [...earlier, ...commands.map((command) => ({ event: 'telephony.command', payload: command }))]);
    return true;
  }

  #active(): DeskConnection | undefined {
    return this.#activeId === null ? undefined : this.#connections.get(this.#activeId);
  }
}

function deliverAll(connection: DeskConnection, messages: readonly DeskMessage[]): void {
  if (messages.length > 1 && connection.sendBatch) {
    connection.sendBatch(messages);
    return;
  }
  for (const { event, payload } of messages) connection.send(event, payload);
}
