/**
 * The preload: the renderer's only door to main. It exposes `window.softphone` with exactly two
 * functions (the contract's PreloadBridge) and nothing else: never ipcRenderer, never a Node API.
 *
 * Runs sandboxed and context-isolated, so it is bundled as one CommonJS file (see
 * electron.vite.config.ts) and may require nothing but 'electron'.
 *
 *   invoke(method, params) ─► ipcRenderer.invoke('desk:invoke', { method, params }) ─► Result
 *   on(event, listener) ─► off()   (one 'desk:event' IPC listener fans out to every subscriber;
 *                                   a batch of events is delivered in order)
 */
import { contextBridge, ipcRenderer } from 'electron';
import type { PreloadBridge } from '../contract/client.js';
import { EVENT_CHANNEL, INVOKE_CHANNEL, type InvokeMessage } from '../desktop/ipc-channels.js';

type Listener = (payload: unknown) => void;

const listeners = new Map<string, Set<Listener>>();

ipcRenderer.on(EVENT_CHANNEL, (_event, message: unknown) => {
  // A batch (what one unit of main's work sent) is delivered in order, in this one task.
  for (const one of Array.isArray(message) ? (message as unknown[]) : [message]) deliver(one);
});

function deliver(message: unknown): void {
  if (typeof message !== 'object' || message === null) return;
  const { event, payload } = message as Record<string, unknown>;
  if (typeof event !== 'string') return;
  for (const listener of [...(listeners.get(event) ?? [])]) {
    try {
      listener(payload);
    } catch (error) {
      // One broken subscriber must not starve the others; the error still reaches the console.
      setTimeout(() => {
        throw error;
      });
    }
  }
}

const bridge: PreloadBridge = {
  invoke(method, params) {
    if (typeof method !== 'string' || method === '') {
      return Promise.reject(new TypeError('softphone.invoke: method must be a non-empty string'));
    }
    const message: InvokeMessage = { method, params };
    return ipcRenderer.invoke(INVOKE_CHANNEL, message);
  },
  on(event, listener) {
    if (typeof event !== 'string' || event === '') throw new TypeError('softphone.on: event must be a non-empty string');
    if (typeof listener !== 'function') throw new TypeError('softphone.on: listener must be a function');
    const set = listeners.get(event) ?? new Set<Listener>();
    listeners.set(event, set);
    set.add(listener);
    return () => {
      set.delete(listener);
      if (set.size === 0 && listeners.get(event) === set) listeners.delete(event);
    };
  },
};

contextBridge.exposeInMainWorld('softphone', bridge);
