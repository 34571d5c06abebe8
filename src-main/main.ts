/**
 * Composition root of the desktop app: Electron around the same host as browser mode.
 *
 *   electron . [--data-dir DIR]     (npm start)
 *
 * Order matters: the data dir decides the single-instance lock, and the app:// scheme and the
 * sandbox must be set up before 'ready'. Every webContents is guarded from the moment it exists.
 * The Electron binary cannot run on the build machines; everything with a decision in it lives
 * in src-main/desktop as tested functions, and this file only wires them.
 */
import { existsSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { join, resolve } from 'node:path';
import { app, BrowserWindow, dialog, ipcMain, Notification, powerMonitor, safeStorage, session, shell } from 'electron';
import { wireSchedulerWake } from './desktop/scheduler-wake.js';
import { createConsoleLogger } from './host/console-logger.js';
import { createDeskHost, type DeskHost } from './host/desk-host.js';
import { SettingsFileError } from './store/errors.js';
import { APP_ENTRY_URL, APP_ORIGIN } from './desktop/app-origin.js';
import { createApiHost } from './host/api-host.js';
import { registerAppScheme, serveAppScheme } from './desktop/app-protocol.js';
import { createAttention } from './desktop/attention.js';
import { guardLeaving } from './desktop/leave-guard.js';
import { dialRequestFromArgs, fromLink, type DialRequest } from './desktop/dial-request.js';
import { createIpcCarrier, type IpcCarrier } from './desktop/ipc-carrier.js';
import { parseLaunchArgs } from './desktop/launch-args.js';
import { KeystoreUnavailableError, SafeStorageVault } from './desktop/safe-storage-vault.js';
import { guardAllWebContents, guardSession } from './desktop/security-guards.js';
import { acquireSingleInstance, focusWindow } from './desktop/single-instance.js';
import { createWindowOptions } from './desktop/window-options.js';

const START_FAILURE_TITLE = 'Switchboard Desk cannot start';
const RENDERER_DIR = join(import.meta.dirname, '../renderer');
const PRELOAD_PATH = join(import.meta.dirname, '../preload/index.cjs');

const logger = createConsoleLogger('desktop');
const launch = parseLaunchArgs(process.argv.slice(1));
// Set before anything asks for userData: the lock, Chromium's profile and our data share it.
if (launch.dataDir !== undefined) app.setPath('userData', resolve(launch.dataDir));

// Every renderer sandboxed, whatever options a future window forgets.
app.enableSandbox();
registerAppScheme();
guardAllWebContents(app, { openExternal: (url) => shell.openExternal(url), logger });

let mainWindow: BrowserWindow | undefined;
let host: DeskHost | undefined;
let carrier: IpcCarrier | undefined;
let apiServer: Server | undefined;
let pendingDial: string | undefined;

if (launch.problem !== undefined) {
  failToStart(launch.problem);
} else if (
  !acquireSingleInstance({
    app,
    getWindow: () => mainWindow,
    onSecondLaunchArguments: ({ argv }) => requestDial(dialRequestFromArgs(argv)),
  })
) {
  // Another instance has the lock and has been asked to show its window.
  app.quit();
} else {
  app.on('window-all-closed', () => {
    // macOS apps stay alive without windows; the dock icon brings the desk back.
    if (process.platform !== 'darwin') app.quit();
  });
  app.on('activate', () => {
    if (host && carrier && (!mainWindow || mainWindow.isDestroyed())) mainWindow = openDeskWindow(host, carrier);
    else if (mainWindow) focusWindow(mainWindow);
  });
  app.on('will-quit', () => {
    apiServer?.close();
    carrier?.close();
    host?.close();
    carrier = undefined;
    host = undefined;
  });
  // macOS hands tel:/sip:/callto: links over as open-url events, possibly before 'ready'.
  app.on('open-url', (event, url) => {
    event.preventDefault();
    requestDial(fromLink(url));
  });
  // Only an installed app claims the links; a development run must not take them over.
  if (app.isPackaged) for (const scheme of ['tel', 'sip', 'callto']) app.setAsDefaultProtocolClient(scheme);
  app.whenReady().then(start, (error: unknown) => failToStart(describe(error)));
}

/** Click-to-dial: to the desk (which asks the agent to confirm, by default), or kept until it starts. */
function requestDial(request: DialRequest): void {
  if (request === undefined) return;
  if ('problem' in request) {
    logger.warn('click-to-dial request refused', { problem: request.problem });
    return;
  }
  if (mainWindow) focusWindow(mainWindow);
  if (host) host.contactCentre.dialRequests.offer(request.target);
  else pendingDial = request.target;
}

function start(): void {
  const dataDir = app.getPath('userData');
  if (!existsSync(join(RENDERER_DIR, 'index.html'))) {
    failToStart(`The UI is not built: ${join(RENDERER_DIR, 'index.html')} is missing. Run "npm run build" first.`);
    return;
  }
  try {
    const vault = new SafeStorageVault({ dataDir, safeStorage, logger });
    host = createDeskHost({ dataDir, logger, vault });
  } catch (error) {
    failToStart(startFailureMessage(error, dataDir));
    return;
  }
  logger.info('desk host started', { dataDir });

  guardSession(session.defaultSession, logger);
  serveAppScheme({ session: session.defaultSession, rendererDir: RENDERER_DIR, logger });
  carrier = createIpcCarrier({ ipcMain, hub: host.hub, dispatch: host.dispatch, logger });
  mainWindow = openDeskWindow(host, carrier);
  apiServer = startLocalApi(host);
  const scheduler = host.scheduler;
  wireSchedulerWake({
    powerMonitor,
    notify: Notification.isSupported() ? (options) => new Notification(options) : undefined,
    window: () => mainWindow,
    resume: () => scheduler.resume(),
    onPrompt: (listener) => scheduler.scheduler.events.on('callback.prompt', listener),
  });
  requestDial(pendingDial === undefined ? dialRequestFromArgs(process.argv.slice(1)) : { target: pendingDial });
  pendingDial = undefined;
}

/** The local API on its own loopback listener at api.port (docs/local-api.md). */
function startLocalApi(deskHost: DeskHost): Server {
  const port = deskHost.settings.current().api.port;
  const api = createApiHost(deskHost, { port: () => port, uiOrigins: [APP_ORIGIN], logger });
  const server = createServer((request, response) => void api.handler(request, response));
  server.on('error', (error) => logger.error('the local API cannot listen', { port, error: describe(error) }));
  server.listen(port, '127.0.0.1', () => logger.info('local API listening', { port }));
  return server;
}

/** What the person sees when the host cannot start; each message says what to do. */
function startFailureMessage(error: unknown, dataDir: string): string {
  // A malformed settings.json: the message names the file, the key and the problem.
  if (error instanceof SettingsFileError) return error.message;
  // settings.json (e.g. written by browser mode) holds a password that has nowhere safe to go.
  if (error instanceof KeystoreUnavailableError) {
    return `${error.message} To start without a keystore, remove the SIP password from ${join(dataDir, 'settings.json')}.`;
  }
  logger.error('start failed', { error: describe(error, true) });
  return describe(error);
}

function openDeskWindow(deskHost: DeskHost, ipcCarrier: IpcCarrier): BrowserWindow {
  const window = new BrowserWindow(createWindowOptions({ preloadPath: PRELOAD_PATH }));
  ipcCarrier.addDesk(window.webContents);
  guardLeaving(window.webContents, (question) => dialog.showMessageBoxSync(window, question));
  const attention = createAttention({
    window,
    dock: process.platform === 'darwin' ? app.dock : undefined,
    onCallUpdated: (listener) => deskHost.engine.events.on('call.updated', listener),
  });
  window.once('ready-to-show', () => window.show());
  window.on('closed', () => {
    attention.dispose();
    if (mainWindow === window) mainWindow = undefined;
  });
  window.loadURL(APP_ENTRY_URL).catch((error: unknown) => logger.error('the desk UI did not load', { error: describe(error) }));
  return window;
}

function failToStart(message: string): void {
  dialog.showErrorBox(START_FAILURE_TITLE, message);
  app.exit(1);
}

function describe(error: unknown, withStack = false): string {
  if (!(error instanceof Error)) return String(error);
  return withStack ? (error.stack ?? error.message) : error.message;
}
