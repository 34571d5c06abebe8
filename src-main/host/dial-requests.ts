/**
 * Click-to-dial requests (tel:/sip:/callto: links, --dial) on their way to the desk. With
 * confirm-before-dial (the default) the desk only puts the number in its dial field and focuses
 * it: the agent presses Enter to call. Without it the engine dials at once. A request that
 * arrives before a desk is connected waits for it (the desk takes it when it connects).
 */
import type { CallEngine } from '../engine/call-engine.js';
import type { Logger } from '../engine/ports/logger.js';
import type { DeskHub } from '../transport/desk-hub.js';
import type { SettingsService } from './settings-service.js';

export class DialRequests {
  readonly #deps: { hub: DeskHub; engine: CallEngine; settings: SettingsService; logger: Logger };
  #pending: string | null = null;

  constructor(deps: { hub: DeskHub; engine: CallEngine; settings: SettingsService; logger: Logger }) {
    this.#deps = deps;
  }

  offer(target: string): void {
    const { hub, engine, settings, logger } = this.#deps;
    if (!hub.isConnected()) {
      this.#pending = target;
      return;
    }
    if (!settings.current().dial.confirm_before_dial) {
      try {
        engine.dial({ target });
        return;
      } catch (error) {
        logger.warn('click-to-dial could not call at once; asking the agent', { error: String(error) });
      }
    }
    hub.broadcast('desk.dial_request', { target });
  }

  /** The request that waited for a desk, once. */
  take(): string | null {
    const target = this.#pending;
    this.#pending = null;
    return target;
  }
}
