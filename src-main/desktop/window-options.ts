/**
 * The desk window's options. Pure (the Electron import is a type), so the security-relevant
 * webPreferences are asserted by unit tests rather than trusted to a review.
 *
 * Invariant: the renderer gets no Node, no `<webview>`, no insecure content, and runs
 * sandboxed and context-isolated; the only door to main is the preload's `window.softphone`.
 */
import type { BrowserWindowConstructorOptions } from 'electron';

export interface WindowOptionsInput {
  /** Absolute path of the built preload (out/preload/index.cjs). */
  readonly preloadPath: string;
}

export const WINDOW_TITLE = 'Switchboard Desk';
/** Matches the UI's dark background, so the window does not flash white before the first paint. */
export const WINDOW_BACKGROUND = '#111418';

export function createWindowOptions({ preloadPath }: WindowOptionsInput): BrowserWindowConstructorOptions {
  return {
    title: WINDOW_TITLE,
    width: 420,
    height: 720,
    // A softphone often lives in a narrow strip beside the CRM.
    minWidth: 360,
    minHeight: 480,
    backgroundColor: WINDOW_BACKGROUND,
    // Shown on 'ready-to-show', so the user never sees an empty frame.
    show: false,
    autoHideMenuBar: true,
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      experimentalFeatures: false,
      navigateOnDragDrop: false,
      safeDialogs: true,
      spellcheck: false,
      // A ringing call must be heard and its timers must run while the window is hidden.
      backgroundThrottling: false,
    },
  };
}
