/**
 * state_update_uri (seed 003's stateUpdateUri): each change of a call's state or status is
 * POSTed as JSON to the URL the call was created with. Delivery never blocks the call: posts
 * run in the background, in order per call, with a timeout and a bounded number of retries,
 * and a URL that keeps failing is only logged.
 */
import type { Logger } from '../engine/ports/logger.js';

export interface WebhookOptions {
  readonly logger: Logger;
  /** Attempts per change, the first included. */
  readonly attempts?: number;
  readonly timeoutMs?: number;
  /** Delay before retry n (1-based): base × 2^(n-1). */
  readonly backoffMs?: number;
}

export class StateWebhooks {
  readonly #options: Required<WebhookOptions>;
  readonly #lastSent = new Map<string, string>();
  readonly #queues = new Map<string, Promise<void>>();

  constructor(options: WebhookOptions) {
    this.#options = { attempts: 3, timeoutMs: 5000, backoffMs: 500, ...options };
  }

  /** Queue a post when this call's state or status changed since the last one. */
  notify(url: string | null, object: Record<string, unknown> & { id: string }): void {
    if (url === null) return;
    const key = `${String(object.state)}|${String(object.status)}`;
    if (this.#lastSent.get(object.id) === key) return;
    this.#lastSent.set(object.id, key);
    const previous = this.#queues.get(object.id) ?? Promise.resolve();
    const next = previous.then(() => this.#deliver(url, object));
    this.#queues.set(object.id, next);
    void next.finally(() => {
      if (this.#queues.get(object.id) === next) this.#queues.delete(object.id);
    });
  }

  /** Resolves when every queued post has been delivered or given up (for tests and shutdown). */
  async idle(): Promise<void> {
    while (this.#queues.size > 0) await Promise.allSettled([...this.#queues.values()]);
  }

  async #deliver(url: string, object: Record<string, unknown>): Promise<void> {
    const { attempts, timeoutMs, backoffMs, logger } = this.#options;
    const body = JSON.stringify({ event: 'call.state_changed', call: object });
    for (let attempt = 1; attempt <= attempts; attempt++) {
      try {
        const response = await fetch(url, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body,
          signal: AbortSignal.timeout(timeoutMs),
          redirect: 'manual',
        });
        await response.body?.cancel();
        if (response.ok) return;
        logger.warn('state_update_uri answered with an error', { status: response.status, attempt });
      } catch (error) {
        logger.warn('state_update_uri could not be reached', { error: String(error), attempt });
      }
      if (attempt < attempts) await new Promise((resolve) => setTimeout(resolve, backoffMs * 2 ** (attempt - 1)));
    }
    logger.warn('state_update_uri given up after bounded retries', { attempts });
  }
}
