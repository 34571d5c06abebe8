// Electron cannot run here: ipcMain and webContents are small fakes that record what the
// carrier registered and sent. The hub, the dispatcher and (in the last test) the whole desk
// host are the real ones.
import { EventEmitter } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Result } from '../../../src-main/contract/result.js';
import type { Logger } from '../../../src-main/engine/ports/logger.js';
import { createDeskHost } from '../../../src-main/host/desk-host.js';
import { DeskHub } from '../../../src-main/transport/desk-hub.js';
import type { CallerContext, Dispatch } from '../../../src-main/transport/dispatcher.js';
import { createIpcCarrier } from '../../../src-main/desktop/ipc-carrier.js';

const silentLogger = (): Logger => ({ info: vi.fn(), warn: vi.fn(), error: vi.fn() });

interface Frame {
  url: string;
  parent: Frame | null;
  processId: number;
  routingId: number;
}

class FakeWebContents extends EventEmitter {
  static #nextId = 1;
  readonly id = FakeWebContents.#nextId++;
  readonly sent: Array<{ channel: string; message: unknown }> = [];
  destroyed = false;
  mainFrame: Frame = { url: 'app://desk/index.html', parent: null, processId: 10 + this.id, routingId: 1 };
  send(channel: string, message: unknown): void {
    this.sent.push({ channel, message });
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  getURL(): string {
    return this.mainFrame.url;
  }
  /** What a load of the app page looks like from main. */
  load(): void {
    this.emit('did-start-navigation', { isMainFrame: true, isSameDocument: false, url: this.mainFrame.url });
    this.emit('did-finish-load');
  }
  roles(): unknown[] {
    const singles = this.sent.map((s) => s.message).filter((m): m is { event: string; payload: unknown } => !Array.isArray(m));
    return singles.filter((m) => m.event === 'desk.role').map((m) => m.payload);
  }
}

class FakeIpcMain {
  readonly handlers = new Map<string, (event: unknown, message: unknown) => Promise<Result<unknown>>>();
  handle(channel: string, handler: (event: unknown, message: unknown) => Promise<Result<unknown>>): void {
    this.handlers.set(channel, handler);
  }
  removeHandler(channel: string): void {
    this.handlers.delete(channel);
  }
  invoke(sender: FakeWebContents, message: unknown, senderFrame: Frame | null = sender.mainFrame) {
    const handler = this.handlers.get('desk:invoke');
    if (!handler) throw new Error('no desk:invoke handler');
    return handler({ sender, senderFrame }, message);
  }
}

function setup() {
  const ipcMain = new FakeIpcMain();
  const deskLost = vi.fn();
  const hub = new DeskHub({ onDeskLost: deskLost });
  const calls: Array<{ method: unknown; params: unknown; caller: CallerContext }> = [];
  const dispatch: Dispatch = async (method, params, caller) => {
    calls.push({ method, params, caller });
    return { ok: true, value: 'done' };
  };
  const logger = silentLogger();
  let counter = 0;
  const carrier = createIpcCarrier({ ipcMain: ipcMain as never, hub, dispatch, logger, newId: () => `c${++counter}` });
  const window = (): FakeWebContents => {
    const contents = new FakeWebContents();
    carrier.addDesk(contents as never);
    return contents;
  };
  return { ipcMain, hub, deskLost, calls, logger, carrier, window };
}

describe('IPC carrier', () => {
  it('dispatches a request from the desk window, as the active desk once loaded', async () => {
    const { ipcMain, calls, window } = setup();
    const contents = window();
    contents.load();

    const result = await ipcMain.invoke(contents, { method: 'calls.dial', params: { target: '100' } });

    expect(result).toEqual({ ok: true, value: 'done' });
    expect(calls).toEqual([{ method: 'calls.dial', params: { target: '100' }, caller: { connectionId: 'c2', isActiveDesk: true } }]);
    expect(contents.roles()).toEqual([{ active: true }]);
    expect(contents.sent.every((s) => s.channel === 'desk:event')).toBe(true);
  });

  it('refuses a request from a foreign origin without dispatching it', async () => {
    const { ipcMain, calls, logger, window } = setup();
    const contents = window();
    contents.load();
    contents.mainFrame = { ...contents.mainFrame, url: 'https://evil.example/' };

    const result = await ipcMain.invoke(contents, { method: 'settings.get', params: {} });

    expect(result).toMatchObject({ ok: false, error: { code: 'bad_request' } });
    expect(calls).toHaveLength(0);
    expect(logger.warn).toHaveBeenCalledWith('desk IPC refused', expect.objectContaining({ origin: 'https://evil.example' }));
  });

  it('refuses a request from a sub-frame, a vanished frame, or a window that is not a desk', async () => {
    const { ipcMain, calls, window } = setup();
    const contents = window();
    contents.load();
    const sub: Frame = { url: 'app://desk/x.html', parent: contents.mainFrame, processId: contents.mainFrame.processId, routingId: 9 };
    const stranger = new FakeWebContents();

    for (const result of [
      await ipcMain.invoke(contents, { method: 'settings.get' }, sub),
      await ipcMain.invoke(contents, { method: 'settings.get' }, null),
      await ipcMain.invoke(stranger, { method: 'settings.get' }),
    ]) {
      expect(result).toMatchObject({ ok: false, error: { code: 'bad_request' } });
    }
    expect(calls).toHaveLength(0);
  });

  it('refuses a malformed request envelope', async () => {
    const { ipcMain, calls, window } = setup();
    const contents = window();
    contents.load();
    for (const message of [null, 'settings.get', { method: 42 }, { params: {} }]) {
      expect(await ipcMain.invoke(contents, message)).toMatchObject({ ok: false, error: { code: 'bad_request' } });
    }
    expect(calls).toHaveLength(0);
  });

  it('sees a reload as the desk going away and a new desk coming back', async () => {
    const { ipcMain, calls, deskLost, window } = setup();
    const contents = window();
    contents.load();
    await ipcMain.invoke(contents, { method: 'desk.state' });

    contents.emit('did-start-navigation', { isMainFrame: true, isSameDocument: false, url: 'app://desk/index.html' });
    expect(deskLost).toHaveBeenCalledOnce();
    await ipcMain.invoke(contents, { method: 'desk.state' });

    contents.emit('did-finish-load');
    await ipcMain.invoke(contents, { method: 'desk.state' });

    expect(calls.map((c) => c.caller)).toEqual([
      { connectionId: 'c2', isActiveDesk: true },
      { connectionId: 'c3', isActiveDesk: false },
      { connectionId: 'c3', isActiveDesk: true },
    ]);
    expect(contents.roles()).toEqual([{ active: true }, { active: true }]);
  });

  it('keeps the desk through in-page navigation and sub-frame loads', () => {
    const { deskLost, window } = setup();
    const contents = window();
    contents.load();
    contents.emit('did-start-navigation', { isMainFrame: true, isSameDocument: true, url: 'app://desk/index.html#/history' });
    contents.emit('did-start-navigation', { isMainFrame: false, isSameDocument: false, url: 'app://desk/x.html' });
    expect(deskLost).not.toHaveBeenCalled();
  });

  it('detaches the desk when its renderer crashes or its window is destroyed', () => {
    const { hub, deskLost, window } = setup();
    const crashed = window();
    crashed.load();
    crashed.emit('render-process-gone', {}, { reason: 'crashed', exitCode: 139 });
    expect(deskLost).toHaveBeenCalledTimes(1);
    expect(hub.isConnected()).toBe(false);

    const closed = window();
    closed.load();
    closed.destroyed = true;
    closed.emit('destroyed');
    expect(deskLost).toHaveBeenCalledTimes(2);
  });

  it('makes a second window a passive connection while the first is the desk', async () => {
    const { ipcMain, calls, window } = setup();
    const first = window();
    const second = window();
    first.load();
    second.load();
    await ipcMain.invoke(second, { method: 'desk.state' });
    expect(second.roles()).toEqual([{ active: false }]);
    expect(calls[0]?.caller.isActiveDesk).toBe(false);
  });

  it('delivers hub broadcasts to the window, and none after it is destroyed', () => {
    const { hub, window } = setup();
    const contents = window();
    contents.load();
    hub.broadcast('agent.status', { status: 'AVAILABLE' } as never);
    expect(contents.sent.at(-1)).toEqual({ channel: 'desk:event', message: { event: 'agent.status', payload: { status: 'AVAILABLE' } } });

    contents.destroyed = true;
    const before = contents.sent.length;
    hub.broadcast('agent.status', { status: 'AWAY' } as never);
    expect(contents.sent).toHaveLength(before);
  });

  it('delivers what one unit of work sent as one IPC message, in order', () => {
    const { hub, window } = setup();
    const contents = window();
    contents.load();
    const before = contents.sent.length;
    const call = '00000000-0000-4000-8000-000000000001';
    hub.inOneDelivery(() => {
      hub.broadcast('agent.status', { status: 'AWAY' } as never);
      hub.send({ type: 'answer', call_id: call });
    });
    expect(contents.sent.slice(before)).toEqual([
      {
        channel: 'desk:event',
        message: [
          { event: 'agent.status', payload: { status: 'AWAY' } },
          { event: 'telephony.command', payload: { type: 'answer', call_id: call } },
        ],
      },
    ]);
  });

  it('stops answering and detaches every desk on close', () => {
    const { ipcMain, carrier, hub, window } = setup();
    window().load();
    carrier.close();
    expect(ipcMain.handlers.size).toBe(0);
    expect(hub.isConnected()).toBe(false);
  });
});

describe('IPC carrier with the real desk host', () => {
  let dataDir: string | undefined;
  afterEach(() => {
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
    dataDir = undefined;
  });

  it('answers desk.state for the desk window through the real dispatcher', async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'desk-ipc-'));
    const host = createDeskHost({ dataDir, logger: silentLogger() });
    try {
      const ipcMain = new FakeIpcMain();
      const carrier = createIpcCarrier({ ipcMain: ipcMain as never, hub: host.hub, dispatch: host.dispatch, logger: silentLogger() });
      const contents = new FakeWebContents();
      carrier.addDesk(contents as never);
      contents.load();

      const state = await ipcMain.invoke(contents, { method: 'desk.state', params: {} });
      const unknown = await ipcMain.invoke(contents, { method: 'no.such.method', params: {} });

      expect(state).toMatchObject({ ok: true, value: { role: { active: true }, live_calls: [] } });
      expect(unknown).toMatchObject({ ok: false, error: { code: 'unknown_method' } });
      carrier.close();
    } finally {
      host.close();
    }
  });
});
