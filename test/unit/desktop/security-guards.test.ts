// The Electron binary cannot run here, so these fakes stand in for webContents, sessions and the
// app: they record what the guards registered, and the test drives those handlers directly.
import { EventEmitter } from 'node:events';
import { describe, expect, it, vi } from 'vitest';
import type { Logger } from '../../../src-main/engine/ports/logger.js';
import { guardAllWebContents, guardSession, guardWebContents } from '../../../src-main/desktop/security-guards.js';

const silentLogger = (): Logger => ({ info: vi.fn(), warn: vi.fn(), error: vi.fn() });

type WindowOpenHandler = (details: { url: string }) => { action: string };

class FakeContents extends EventEmitter {
  windowOpenHandler: WindowOpenHandler | undefined;
  readonly session: FakeSession;
  constructor(session = new FakeSession()) {
    super();
    this.session = session;
  }
  setWindowOpenHandler(handler: WindowOpenHandler): void {
    this.windowOpenHandler = handler;
  }
}

class FakeSession {
  requestHandler: ((...args: unknown[]) => void) | undefined;
  checkHandler: ((...args: unknown[]) => boolean) | undefined;
  deviceHandler: ((...args: unknown[]) => boolean) | undefined;
  setPermissionRequestHandler(handler: (...args: unknown[]) => void): void {
    this.requestHandler = handler;
  }
  setPermissionCheckHandler(handler: (...args: unknown[]) => boolean): void {
    this.checkHandler = handler;
  }
  setDevicePermissionHandler(handler: (...args: unknown[]) => boolean): void {
    this.deviceHandler = handler;
  }
}

function guarded() {
  const contents = new FakeContents();
  const openExternal = vi.fn(async (_url: string) => undefined);
  guardWebContents(contents as never, { openExternal, logger: silentLogger() });
  return { contents, openExternal };
}

function navigation(url: string, isMainFrame = true) {
  return { url, isMainFrame, preventDefault: vi.fn() };
}

describe('webContents guards', () => {
  it('lets the page navigate within app://desk', () => {
    const { contents } = guarded();
    const event = navigation('app://desk/index.html');
    contents.emit('will-navigate', event);
    expect(event.preventDefault).not.toHaveBeenCalled();
  });

  it.each(['will-navigate', 'will-redirect'])('stops %s to another origin', (name) => {
    const { contents } = guarded();
    const event = navigation('https://evil.example/');
    contents.emit(name, event);
    expect(event.preventDefault).toHaveBeenCalledOnce();
  });

  it('stops an iframe navigating to another origin', () => {
    const { contents } = guarded();
    const event = navigation('https://evil.example/', false);
    contents.emit('will-frame-navigate', event);
    expect(event.preventDefault).toHaveBeenCalledOnce();
  });

  it('opens no window; an https link goes to the system browser', () => {
    const { contents, openExternal } = guarded();
    expect(contents.windowOpenHandler?.({ url: 'https://docs.example.com/' })).toEqual({ action: 'deny' });
    expect(openExternal).toHaveBeenCalledWith('https://docs.example.com/');
  });

  it('opens no window and nothing external for a file: or app: URL', () => {
    const { contents, openExternal } = guarded();
    expect(contents.windowOpenHandler?.({ url: 'file:///etc/passwd' })).toEqual({ action: 'deny' });
    expect(contents.windowOpenHandler?.({ url: 'app://desk/index.html' })).toEqual({ action: 'deny' });
    expect(openExternal).not.toHaveBeenCalled();
  });

  it('refuses to attach a <webview>', () => {
    const { contents } = guarded();
    const event = { preventDefault: vi.fn() };
    contents.emit('will-attach-webview', event, {}, {});
    expect(event.preventDefault).toHaveBeenCalledOnce();
  });
});

describe('session permission handlers', () => {
  function request(session: FakeSession, permission: string, details: Record<string, unknown>): boolean {
    let granted: boolean | undefined;
    session.requestHandler?.({}, permission, (value: boolean) => (granted = value), details);
    if (granted === undefined) throw new Error('the request handler did not answer');
    return granted;
  }

  it('grants an audio-only getUserMedia from the app page, and refuses video', () => {
    const session = new FakeSession();
    guardSession(session as never, silentLogger());
    const own = { isMainFrame: true, requestingUrl: 'app://desk/index.html', securityOrigin: 'app://desk/' };
    expect(request(session, 'media', { ...own, mediaTypes: ['audio'] })).toBe(true);
    expect(request(session, 'media', { ...own, mediaTypes: ['audio', 'video'] })).toBe(false);
  });

  it('refuses the microphone to a foreign page and geolocation to our own', () => {
    const session = new FakeSession();
    guardSession(session as never, silentLogger());
    expect(
      request(session, 'media', { isMainFrame: true, requestingUrl: 'https://evil.example/', mediaTypes: ['audio'] }),
    ).toBe(false);
    expect(request(session, 'geolocation', { isMainFrame: true, requestingUrl: 'app://desk/index.html' })).toBe(false);
  });

  it('answers permission checks with the same allow-list', () => {
    const session = new FakeSession();
    guardSession(session as never, silentLogger());
    const check = (permission: string, origin: string, details: Record<string, unknown>) =>
      session.checkHandler?.(null, permission, origin, { isMainFrame: true, ...details });
    expect(check('media', 'app://desk', { mediaType: 'audio' })).toBe(true);
    expect(check('media', 'app://desk', { mediaType: 'video' })).toBe(false);
    expect(check('notifications', 'app://desk', {})).toBe(true);
    expect(check('clipboard-read', 'app://desk', {})).toBe(false);
    expect(check('notifications', 'https://evil.example', {})).toBe(false);
  });

  it('refuses every device picker', () => {
    const session = new FakeSession();
    guardSession(session as never, silentLogger());
    expect(session.deviceHandler?.({ deviceType: 'usb', origin: 'app://desk' })).toBe(false);
  });
});

describe('every webContents is guarded', () => {
  it('applies the guards to each new webContents and to its session once', () => {
    const app = new EventEmitter();
    guardAllWebContents(app as never, { openExternal: vi.fn(async () => undefined), logger: silentLogger() });
    const session = new FakeSession();
    const first = new FakeContents(session);
    const second = new FakeContents(session);
    const setRequest = vi.spyOn(session, 'setPermissionRequestHandler');

    app.emit('web-contents-created', {}, first);
    app.emit('web-contents-created', {}, second);

    for (const contents of [first, second]) {
      expect(contents.windowOpenHandler?.({ url: 'https://x.example/' })).toEqual({ action: 'deny' });
      const event = navigation('https://evil.example/');
      contents.emit('will-navigate', event);
      expect(event.preventDefault).toHaveBeenCalledOnce();
    }
    expect(setRequest).toHaveBeenCalledOnce();
  });
});
