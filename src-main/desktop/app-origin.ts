/**
 * The one origin the desk UI runs on in the desktop app, and the single helper every guard uses
 * to compare a URL against it. Pure: no Electron, no I/O.
 *
 * `app:` is registered with Chromium as a standard, secure scheme, so there `app://desk` is a
 * real origin. Node's WHATWG URL does not know that (it reports origin "null" for unknown
 * schemes), which is why {@link originOf} builds the origin itself instead of reading `.origin`.
 */

export const APP_SCHEME = 'app';
export const APP_HOST = 'desk';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
/** What the window loads. */
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;

/**
 * `scheme://host[:port]` of a URL, lower-cased, or null when the text is not an absolute URL.
 * URLs carrying credentials get null too: `app://desk@evil/` must never pass for our origin.
 */
export function originOf(url: string): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (parsed.username !== '' || parsed.password !== '') return null;
  if (parsed.host === '') return null;
  return `${parsed.protocol}//${parsed.host}`.toLowerCase();
}

/** True only for URLs whose origin is exactly {@link APP_ORIGIN} (no port, no credentials). */
export function isAppUrl(url: string): boolean {
  return originOf(url) === APP_ORIGIN;
}
