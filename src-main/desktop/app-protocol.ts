/**
 * The renderer is served from `app://desk/`, a privileged custom scheme, instead of `file://`:
 * it gets a real origin (so permission and IPC sender checks can name it), fetch works, and no
 * file outside out/renderer can be reached. The request logic lives in app-request-handler.ts.
 */
import { protocol, type Session } from 'electron';
import type { Logger } from '../engine/ports/logger.js';
import { APP_SCHEME } from './app-origin.js';
import { createAppRequestHandler } from './app-request-handler.js';

/**
 * Must run before the app's 'ready' event (Chromium fixes scheme privileges at start-up).
 * standard: real origin and relative URLs; secure: counts as a secure context (getUserMedia
 * needs one); supportFetchAPI: fetch()/modules; stream: ringtones in <audio> can seek.
 */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    {
      scheme: APP_SCHEME,
      privileges: { standard: true, secure: true, supportFetchAPI: true, stream: true, codeCache: true },
    },
  ]);
}

/** Serves out/renderer on `app://desk/` for the given session. Call after 'ready'. */
export function serveAppScheme(options: { session: Session; rendererDir: string; logger: Logger }): void {
  options.session.protocol.handle(
    APP_SCHEME,
    createAppRequestHandler({ rendererDir: options.rendererDir, logger: options.logger }),
  );
}
