/**
 * Draws the agent's eye to a ringing call when the desk window is in the background: the
 * taskbar entry flashes (Windows, Linux) and the dock icon bounces until the app is activated
 * (macOS). It stops as soon as the window is focused or no call rings any more.
 *
 * Electron is a type import: the window, the dock and the engine's events are passed in.
 */
import type { BrowserWindow, Dock } from 'electron';
import type { CallSnapshot } from '../contract/call.js';

/** A call that should make the agent look: an incoming call still ringing. */
export function isRingingIncoming(call: Pick<CallSnapshot, 'direction' | 'state'>): boolean {
  return call.direction === 'INCOMING' && call.state === 'RINGING';
}

/** Flash/bounce for this call now? Only while it rings in, and only if the agent is elsewhere. */
export function shouldDrawAttention(call: Pick<CallSnapshot, 'direction' | 'state'>, windowFocused: boolean): boolean {
  return isRingingIncoming(call) && !windowFocused;
}

export type AttentionWindow = Pick<BrowserWindow, 'flashFrame' | 'isFocused' | 'isDestroyed' | 'on' | 'removeListener'>;
export type AttentionDock = Pick<Dock, 'bounce' | 'cancelBounce'>;

export interface AttentionOptions {
  readonly window: AttentionWindow;
  /** `app.dock` on macOS; undefined elsewhere. */
  readonly dock?: AttentionDock | undefined;
  /** Subscribes to the engine's 'call.updated'; returns the unsubscribe. */
  readonly onCallUpdated: (listener: (call: CallSnapshot) => void) => () => void;
}

export interface Attention {
  /** Stops flashing and unsubscribes. */
  dispose(): void;
}

export function createAttention({ window, dock, onCallUpdated }: AttentionOptions): Attention {
  const ringing = new Map<string, CallSnapshot>();
  let flashing = false;
  let bounceId: number | undefined;

  const update = (): void => {
    if (window.isDestroyed()) return;
    const focused = window.isFocused();
    const draw = [...ringing.values()].some((call) => shouldDrawAttention(call, focused));
    if (draw && !flashing) {
      flashing = true;
      window.flashFrame(true);
      // 'critical' bounces until the app is activated: a ringing call warrants it.
      if (dock) bounceId = dock.bounce('critical');
    } else if (!draw && flashing) {
      stop();
    }
  };

  const stop = (): void => {
    flashing = false;
    if (!window.isDestroyed()) window.flashFrame(false);
    if (dock && bounceId !== undefined) dock.cancelBounce(bounceId);
    bounceId = undefined;
  };

  const unsubscribe = onCallUpdated((call) => {
    if (isRingingIncoming(call)) ringing.set(call.id, call);
    else ringing.delete(call.id);
    update();
  });
  const onFocus = (): void => update();
  const onBlur = (): void => update();
  window.on('focus', onFocus);
  window.on('blur', onBlur);

  return {
    dispose() {
      unsubscribe();
      window.removeListener('focus', onFocus);
      window.removeListener('blur', onBlur);
      if (flashing) stop();
      ringing.clear();
    },
  };
}
