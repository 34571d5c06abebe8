/**
 * One desk per user (per data dir): a second launch hands over to the running app, which shows
 * its window. The lock is keyed on the userData path, so set that (--data-dir) before asking.
 */
import type { App, BrowserWindow } from 'electron';

export interface SecondLaunch {
  /** The second process's command line (Chromium switches included). */
  readonly argv: readonly string[];
  readonly workingDirectory: string;
}

export interface SingleInstanceOptions {
  readonly app: Pick<App, 'requestSingleInstanceLock' | 'on'>;
  /** The window to bring forward, if one is open. */
  readonly getWindow: () => FocusableWindow | undefined;
  /**
   * Hook for what a second launch asks for beyond "show the desk", such as a number to dial
   * from a tel:/sip:/callto: link. Dialling from launch arguments arrives in a later issue;
   * until then nothing is passed here and the arguments are ignored.
   */
  readonly onSecondLaunchArguments?: (launch: SecondLaunch) => void;
}

export type FocusableWindow = Pick<BrowserWindow, 'isDestroyed' | 'isMinimized' | 'restore' | 'show' | 'focus'>;

/**
 * True when this process is the one instance and should carry on; false when another instance
 * holds the lock (it has been told about us) and this process should quit at once.
 */
export function acquireSingleInstance({ app, getWindow, onSecondLaunchArguments }: SingleInstanceOptions): boolean {
  if (!app.requestSingleInstanceLock()) return false;
  app.on('second-instance', (_event, argv, workingDirectory) => {
    const window = getWindow();
    if (window) focusWindow(window);
    onSecondLaunchArguments?.({ argv, workingDirectory });
  });
  return true;
}

export function focusWindow(window: FocusableWindow): void {
  if (window.isDestroyed()) return;
  if (window.isMinimized()) window.restore();
  window.show();
  window.focus();
}
