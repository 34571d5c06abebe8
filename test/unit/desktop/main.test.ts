// The composition root runs only inside Electron, which cannot start here. `electron` is a
// recording fake, so these tests check the wiring main.ts does at start-up: the order of the
// pre-'ready' steps, the data dir, the error box on a broken settings.json, and what the window
// loads. Everything the fake returns is the least that lets main.ts go on.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

const fake = vi.hoisted(() => {
  const log: string[] = [];
  const state = { userData: '', ready: Promise.resolve() as Promise<void> };
  const appHandlers = new Map<string, Array<() => void>>();
  const windows: Array<{ options: unknown; url?: string; webContents: { id: number; on: () => void } }> = [];
  return { log, state, windows, appHandlers };
});

vi.mock('electron', () => {
  const { log, state, windows, appHandlers } = fake;
  const session = {
    protocol: { handle: (scheme: string) => log.push(`protocol.handle ${scheme}`) },
    setPermissionRequestHandler: () => log.push('setPermissionRequestHandler'),
    setPermissionCheckHandler: () => log.push('setPermissionCheckHandler'),
    setDevicePermissionHandler: () => log.push('setDevicePermissionHandler'),
  };
  class BrowserWindow {
    readonly webContents = { id: windows.length + 1, on: (event: string) => log.push(`webContents.on ${event}`) };
    constructor(readonly options: unknown) {
      windows.push(this as never);
    }
    once(): this {
      return this;
    }
    on(): this {
      return this;
    }
    async loadURL(url: string): Promise<void> {
      (this as { url?: string }).url = url;
      log.push(`loadURL ${url}`);
    }
  }
  return {
    app: {
      setPath: (name: string, path: string) => {
        log.push(`setPath ${name}`);
        state.userData = path;
      },
      getPath: () => state.userData,
      enableSandbox: () => log.push('enableSandbox'),
      requestSingleInstanceLock: () => (log.push('requestSingleInstanceLock'), true),
      on: (event: string, handler: () => void) => {
        log.push(`app.on ${event}`);
        appHandlers.set(event, [...(appHandlers.get(event) ?? []), handler]);
      },
      whenReady: () => (log.push('whenReady'), state.ready),
      quit: () => log.push('quit'),
      exit: (code: number) => log.push(`exit ${code}`),
      dock: undefined,
    },
    protocol: { registerSchemesAsPrivileged: () => log.push('registerSchemesAsPrivileged') },
    session: { defaultSession: session },
    ipcMain: { handle: (channel: string) => log.push(`ipcMain.handle ${channel}`), removeHandler: () => undefined },
    dialog: { showErrorBox: (title: string, message: string) => log.push(`showErrorBox ${title} | ${message}`) },
    shell: { openExternal: async () => undefined },
    powerMonitor: { on: (event: string) => log.push(`powerMonitor.on ${event}`), removeListener: () => undefined },
    Notification: Object.assign(class {}, { isSupported: () => false }),
    safeStorage: {
      isEncryptionAvailable: () => true,
      getSelectedStorageBackend: () => 'gnome_libsecret',
      encryptString: (text: string) => Buffer.from(text).reverse(),
      decryptString: (data: Buffer) => Buffer.from(data).reverse().toString(),
    },
    BrowserWindow,
  };
});

// Pretend the renderer is built: main.ts looks for out/renderer/index.html next to its bundle.
vi.mock('node:fs', async (importOriginal) => {
  const actual = await importOriginal<typeof import('node:fs')>();
  return {
    ...actual,
    existsSync: (path: string) => (path.endsWith(join('renderer', 'index.html')) ? true : actual.existsSync(path)),
  };
});

let dataDir: string;
const argv = process.argv;

beforeEach(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'desk-main-'));
  fake.log.length = 0;
  fake.windows.length = 0;
  fake.appHandlers.clear();
  vi.resetModules();
  // The host logs JSON lines to stderr; keep the test output clean.
  vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
});

afterEach(() => {
  // Quitting closes the host (and its database) the way the app does.
  for (const handler of fake.appHandlers.get('will-quit') ?? []) handler();
  vi.restoreAllMocks();
  process.argv = argv;
  rmSync(dataDir, { recursive: true, force: true });
});

async function startMain(): Promise<void> {
  process.argv = ['/opt/electron', '.', '--data-dir', dataDir];
  await import('../../../src-main/main.js');
  await fake.state.ready;
  await new Promise((resolve) => setImmediate(resolve));
}

describe('desktop composition root', () => {
  it('sets the data dir, sandbox, scheme and lock before ready, then opens the guarded desk window, which asks before it leaves calls', async () => {
    await startMain();

    const log = fake.log;
    const before = log.indexOf('whenReady');
    for (const step of ['setPath userData', 'enableSandbox', 'registerSchemesAsPrivileged', 'app.on web-contents-created', 'requestSingleInstanceLock']) {
      expect(log.indexOf(step), step).toBeGreaterThanOrEqual(0);
      expect(log.indexOf(step), step).toBeLessThan(before);
    }
    expect(log.indexOf('setPath userData')).toBeLessThan(log.indexOf('requestSingleInstanceLock'));
    expect(fake.state.userData).toBe(dataDir);
    expect(log).toContain('setPermissionRequestHandler');
    expect(log).toContain('protocol.handle app');
    expect(log).toContain('ipcMain.handle desk:invoke');
    expect(log).toContain('loadURL app://desk/index.html');
    expect(log).toContain('webContents.on will-prevent-unload'); // a reload or close with calls asks first
    expect(log.some((entry) => entry.startsWith('showErrorBox'))).toBe(false);

    expect(fake.windows).toHaveLength(1);
    expect(fake.windows[0]?.options).toMatchObject({
      show: false,
      webPreferences: { contextIsolation: true, sandbox: true, nodeIntegration: false, preload: expect.stringMatching(/index\.cjs$/) },
    });
  });

  it('shows the settings.json problem in an error box and exits when the file is malformed', async () => {
    writeFileSync(join(dataDir, 'settings.json'), '{ "sip": ');

    await startMain();

    const box = fake.log.find((entry) => entry.startsWith('showErrorBox'));
    expect(box).toMatch(/^showErrorBox Switchboard Desk cannot start \| /);
    expect(box).toContain(join(dataDir, 'settings.json'));
    expect(fake.log).toContain('exit 1');
    expect(fake.windows).toHaveLength(0);
  });
});
