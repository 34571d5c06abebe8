/**
 * Central guards applied to every webContents the app ever creates (via 'web-contents-created',
 * so a window added later cannot forget them) and to every session's permission handlers.
 *
 * - navigation ('will-navigate', 'will-frame-navigate', 'will-redirect') off the app origin: denied
 * - new windows: always denied; an http(s) link is handed to the system browser instead
 * - `<webview>` attachment: denied (webviewTag is off too; this is the second lock)
 * - permissions: only microphone (audio, never video) and notifications, for app://desk
 * - device pickers (HID, serial, USB, Bluetooth): denied
 *
 * Electron is only a type import here: the app, shell and sessions are passed in by main.ts,
 * so the wiring itself is unit-tested with fakes (the Electron binary cannot run on our CI).
 */
import type { App, Session, Shell, WebContents } from 'electron';
import type { Logger } from '../engine/ports/logger.js';
import { originOf } from './app-origin.js';
import { isExternalLinkAllowed, isNavigationAllowed, isPermissionAllowed } from './security-policy.js';

export { isExternalLinkAllowed, isNavigationAllowed, isPermissionAllowed } from './security-policy.js';

export interface GuardDeps {
  readonly openExternal: Shell['openExternal'];
  readonly logger: Logger;
}

type GuardedContents = Pick<WebContents, 'on' | 'setWindowOpenHandler'>;
type GuardedSession = Pick<
  Session,
  'setPermissionRequestHandler' | 'setPermissionCheckHandler' | 'setDevicePermissionHandler'
>;

/** Applies the navigation, window and webview guards to one webContents. */
export function guardWebContents(contents: GuardedContents, { openExternal, logger }: GuardDeps): void {
  const refuseNavigation =
    (kind: string) =>
    (event: { preventDefault(): void; url: string }): void => {
      if (isNavigationAllowed(event.url)) return;
      event.preventDefault();
      logger.warn('navigation refused', { kind, origin: originOf(event.url) ?? 'invalid' });
    };
  const refuseMainFrame = refuseNavigation('navigate');
  const refuseSubFrame = refuseNavigation('frame-navigate');
  contents.on('will-navigate', refuseMainFrame);
  // 'will-navigate' covers the main frame; this covers iframes (it fires for both).
  contents.on('will-frame-navigate', (event) => {
    if (!event.isMainFrame) refuseSubFrame(event);
  });
  contents.on('will-redirect', refuseNavigation('redirect'));

  contents.setWindowOpenHandler(({ url }) => {
    if (isExternalLinkAllowed(url)) {
      void (async () => {
        try {
          await openExternal(url);
        } catch (error) {
          logger.warn('could not open link in the browser', { error: String(error) });
        }
      })();
    } else {
      logger.warn('new window refused', { origin: originOf(url) ?? 'invalid' });
    }
    return { action: 'deny' };
  });

  contents.on('will-attach-webview', (event) => {
    event.preventDefault();
    logger.warn('webview refused');
  });
}

/** Installs the permission allow-list (and refuses device pickers) on one session. */
export function guardSession(session: GuardedSession, logger: Logger): void {
  session.setPermissionRequestHandler((_contents, permission, callback, details) => {
    const mediaTypes = 'mediaTypes' in details ? details.mediaTypes : undefined;
    const securityOrigin = 'securityOrigin' in details ? details.securityOrigin : undefined;
    const allowed = isPermissionAllowed({
      permission,
      requestingOrigin: securityOrigin ?? details.requestingUrl,
      mediaTypes,
      isMainFrame: details.isMainFrame,
    });
    if (!allowed) {
      logger.warn('permission refused', {
        permission,
        origin: originOf(securityOrigin ?? details.requestingUrl) ?? 'invalid',
        mediaTypes,
      });
    }
    callback(allowed);
  });
  session.setPermissionCheckHandler((_contents, permission, requestingOrigin, details) =>
    isPermissionAllowed({
      permission,
      requestingOrigin: details.securityOrigin ?? requestingOrigin,
      mediaTypes: details.mediaType === undefined ? undefined : [details.mediaType],
      isMainFrame: details.isMainFrame,
    }),
  );
  session.setDevicePermissionHandler(() => false);
}

/**
 * Guards every webContents created from now on (windows, and anything a bug might create) and
 * the session each one uses. Call before the first window is made.
 */
export function guardAllWebContents(app: Pick<App, 'on'>, deps: GuardDeps): void {
  const guardedSessions = new WeakSet<object>();
  app.on('web-contents-created', (_event, contents) => {
    guardWebContents(contents, deps);
    if (!guardedSessions.has(contents.session)) {
      guardedSessions.add(contents.session);
      guardSession(contents.session, deps.logger);
    }
  });
}
