/**
 * The desktop side of the scheduler: the OS resume event re-checks overdue callbacks at once
 * (monotonic timers stalled during sleep), and a callback's pre-due prompt also shows as a
 * desktop notification that brings the desk forward when clicked.
 *
 * Electron is a type import: powerMonitor, the Notification class and the window are passed in.
 */
import type { BrowserWindow, Notification, PowerMonitor } from 'electron';
import type { CallbackPrompt } from '../engine/scheduler/scheduler-service.js';

export interface SchedulerWakeOptions {
  readonly powerMonitor: Pick<PowerMonitor, 'on' | 'removeListener'>;
  /** Electron's Notification class (undefined where notifications are not supported). */
  readonly notify?: (options: { title: string; body: string }) => Pick<Notification, 'show' | 'on'>;
  readonly window: () => Pick<BrowserWindow, 'show' | 'focus' | 'isDestroyed'> | undefined;
  resume(): void;
  readonly onPrompt: (listener: (prompt: CallbackPrompt) => void) => () => void;
}

/** "Callback to +1 859… due at 10:30" in the machine's locale and zone. */
export function promptText(prompt: Pick<CallbackPrompt, 'target' | 'due'>): string {
  const time = new Date(prompt.due).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
  return `Callback to ${prompt.target} due at ${time}`;
}

export function wireSchedulerWake(options: SchedulerWakeOptions): () => void {
  const onResume = (): void => options.resume();
  options.powerMonitor.on('resume', onResume);
  const offPrompt = options.onPrompt((prompt) => {
    if (!options.notify) return;
    const notification = options.notify({ title: 'Callback due', body: promptText(prompt) });
    notification.on('click', () => {
      const window = options.window();
      if (window && !window.isDestroyed()) {
        window.show();
        window.focus();
      }
    });
    notification.show();
  });
  return () => {
    options.powerMonitor.removeListener('resume', onResume);
    offPrompt();
  };
}
