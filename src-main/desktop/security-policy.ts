/**
 * The desktop shell's security decisions as pure functions, so each rule is a unit test rather
 * than a hope. security-guards.ts wires them into Electron; nothing here imports Electron.
 *
 * Deny by default: anything not named here is refused.
 */
import { APP_ORIGIN, isAppUrl, originOf } from './app-origin.js';

export interface PermissionQuery {
  /** Electron's permission name ('media', 'notifications', 'geolocation', ...). */
  readonly permission: string;
  /** Origin (or URL) of the frame asking. */
  readonly requestingOrigin: string;
  /**
   * For 'media': the kinds asked for. A request lists them ('audio', 'video'); a check names
   * one ('audio' | 'video' | 'unknown'). Missing means "not stated", which is not "audio".
   */
  readonly mediaTypes?: readonly string[] | undefined;
  /** Whether the asking frame is the main frame; sub-frames get nothing. Default true. */
  readonly isMainFrame?: boolean | undefined;
}

/**
 * The allow-list: the microphone (audio only: a softphone never needs the camera) and
 * notifications (incoming calls), for the app's own origin and its main frame. Nothing else,
 * for anyone.
 */
export function isPermissionAllowed({ permission, requestingOrigin, mediaTypes, isMainFrame = true }: PermissionQuery): boolean {
  if (!isMainFrame) return false;
  if (originOf(requestingOrigin) !== APP_ORIGIN) return false;
  switch (permission) {
    case 'media':
      return mediaTypes !== undefined && mediaTypes.length > 0 && mediaTypes.every((type) => type === 'audio');
    case 'notifications':
      return true;
    default:
      return false;
  }
}

/** Navigation (and redirects) may only stay on the app's own origin. */
export function isNavigationAllowed(url: string): boolean {
  return isAppUrl(url);
}

/**
 * Links the app may hand to the system browser: http(s) only, no credentials in the URL. Never
 * `file:`, `javascript:`, custom schemes or anything else a page could use to run a program.
 */
export function isExternalLinkAllowed(url: string): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') return false;
  return parsed.username === '' && parsed.password === '' && parsed.hostname !== '';
}
