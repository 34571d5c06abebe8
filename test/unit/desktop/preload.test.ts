// The preload runs only inside Electron, which cannot start here; `electron` is mocked with a
// recorder of what the preload exposes and which channels it uses.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { PreloadBridge } from '../../../src-main/contract/client.js';

const electron = vi.hoisted(() => {
  const ipcListeners = new Map<string, (event: unknown, message: unknown) => void>();
  return {
    ipcListeners,
    exposeInMainWorld: vi.fn(),
    invoke: vi.fn(async (_channel: string, _message: unknown) => ({ ok: true, value: 'pong' })),
    on: vi.fn((channel: string, listener: (event: unknown, message: unknown) => void) => {
      ipcListeners.set(channel, listener);
    }),
  };
});

vi.mock('electron', () => ({
  contextBridge: { exposeInMainWorld: electron.exposeInMainWorld },
  ipcRenderer: { invoke: electron.invoke, on: electron.on },
}));

async function loadPreload(): Promise<PreloadBridge> {
  vi.resetModules();
  electron.exposeInMainWorld.mockClear();
  electron.ipcListeners.clear();
  await import('../../../src-main/preload/index.js');
  return electron.exposeInMainWorld.mock.calls[0]?.[1] as PreloadBridge;
}

function deliver(event: unknown, payload: unknown): void {
  electron.ipcListeners.get('desk:event')?.({}, { event, payload });
}

describe('preload bridge', () => {
  let bridge: PreloadBridge;
  beforeEach(async () => {
    bridge = await loadPreload();
  });

  it('exposes exactly invoke and on, once, as window.softphone', () => {
    expect(electron.exposeInMainWorld).toHaveBeenCalledOnce();
    expect(electron.exposeInMainWorld.mock.calls[0]?.[0]).toBe('softphone');
    expect(Object.keys(bridge).sort()).toEqual(['invoke', 'on']);
    expect(typeof bridge.invoke).toBe('function');
    expect(typeof bridge.on).toBe('function');
  });

  it('listens on the desk:event channel only', () => {
    expect([...electron.ipcListeners.keys()]).toEqual(['desk:event']);
  });

  it('invokes desk:invoke with { method, params } and returns main’s answer', async () => {
    await expect(bridge.invoke('settings.get', { a: 1 })).resolves.toEqual({ ok: true, value: 'pong' });
    expect(electron.invoke).toHaveBeenLastCalledWith('desk:invoke', { method: 'settings.get', params: { a: 1 } });
  });

  it('refuses a method that is not a string without calling main', async () => {
    electron.invoke.mockClear();
    await expect(bridge.invoke(42 as unknown as string, {})).rejects.toThrow(TypeError);
    await expect(bridge.invoke('', {})).rejects.toThrow(TypeError);
    expect(electron.invoke).not.toHaveBeenCalled();
  });

  it('refuses a listener that is not a function, or an event that is not a string', () => {
    expect(() => bridge.on('call.updated', 'x' as unknown as () => void)).toThrow(TypeError);
    expect(() => bridge.on(7 as unknown as string, () => undefined)).toThrow(TypeError);
  });

  it('fans one IPC listener out to every subscriber of the event, until each unsubscribes', () => {
    const first = vi.fn();
    const second = vi.fn();
    const other = vi.fn();
    const offFirst = bridge.on('call.updated', first);
    bridge.on('call.updated', second);
    bridge.on('agent.status', other);

    deliver('call.updated', { id: 'a' });
    offFirst();
    deliver('call.updated', { id: 'b' });

    expect(first.mock.calls).toEqual([[{ id: 'a' }]]);
    expect(second.mock.calls).toEqual([[{ id: 'a' }], [{ id: 'b' }]]);
    expect(other).not.toHaveBeenCalled();
    expect(electron.on).toHaveBeenCalledTimes(1);
  });

  it('delivers a batch of events in order, skipping a malformed entry', () => {
    const heard: string[] = [];
    bridge.on('call.updated', (payload) => heard.push(`call:${String(payload)}`));
    bridge.on('agent.status', (payload) => heard.push(`agent:${String(payload)}`));
    electron.ipcListeners.get('desk:event')?.({}, [
      { event: 'call.updated', payload: 1 },
      { nope: true },
      { event: 'agent.status', payload: 2 },
      { event: 'call.updated', payload: 3 },
    ]);
    expect(heard).toEqual(['call:1', 'agent:2', 'call:3']);
  });

  it('ignores malformed event messages', () => {
    const listener = vi.fn();
    bridge.on('call.updated', listener);
    electron.ipcListeners.get('desk:event')?.({}, null);
    electron.ipcListeners.get('desk:event')?.({}, 'call.updated');
    deliver(5, {});
    expect(listener).not.toHaveBeenCalled();
  });

  it('keeps delivering to other subscribers when one throws', () => {
    vi.useFakeTimers();
    try {
      const broken = vi.fn(() => {
        throw new Error('subscriber bug');
      });
      const healthy = vi.fn();
      bridge.on('call.updated', broken);
      bridge.on('call.updated', healthy);
      deliver('call.updated', { id: 'a' });
      expect(healthy).toHaveBeenCalledOnce();
      expect(() => vi.runAllTimers()).toThrow('subscriber bug');
    } finally {
      vi.useRealTimers();
    }
  });
});
