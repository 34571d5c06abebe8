/**
 * The desktop carrier: the desk contract over Electron IPC, the twin of ws-carrier.ts.
 *
 * Each desk window's webContents is one hub connection per loaded document:
 *
 *   did-start-navigation (main frame, new document) ──► detach the old connection, reserve a new id
 *   did-finish-load ──────────────────────────────────► attach the new connection
 *   render-process-gone / destroyed ──────────────────► detach
 *
 * so a reload is seen as the desk going away (its calls end: their SIP sessions died with the
 * page) and a new desk coming back. Requests that arrive before did-finish-load are served under
 * the reserved id, as a connection that is not (yet) the active desk.
 *
 * Every 'desk:invoke' is checked first: it must come from the main frame of a registered desk
 * window, on app://desk (see ipc-sender.ts). Electron is a type import only: ipcMain and the
 * windows are passed in, so this wiring is unit-tested with fakes.
 */
import { randomUUID } from 'node:crypto';
import type { IpcMain, IpcMainInvokeEvent, WebContents } from 'electron';
import type { Result } from '../contract/result.js';
import type { Logger } from '../engine/ports/logger.js';
import type { DeskHub } from '../transport/desk-hub.js';
import type { Dispatch } from '../transport/dispatcher.js';
import { isAppUrl, originOf } from './app-origin.js';
import { EVENT_CHANNEL, INVOKE_CHANNEL, type EventMessage, type InvokeMessage } from './ipc-channels.js';
import { checkIpcSender } from './ipc-sender.js';

export type DeskContents = Pick<WebContents, 'id' | 'on' | 'send' | 'isDestroyed' | 'mainFrame' | 'getURL'>;
type InvokeEvent = Pick<IpcMainInvokeEvent, 'sender' | 'senderFrame'>;

export interface IpcCarrierOptions {
  readonly ipcMain: Pick<IpcMain, 'handle' | 'removeHandler'>;
  readonly hub: Pick<DeskHub, 'attach' | 'detach' | 'isActive'>;
  readonly dispatch: Dispatch;
  readonly logger: Logger;
  /** Connection ids; random by default. */
  readonly newId?: () => string;
}

export interface IpcCarrier {
  /** Makes this window's webContents a desk. Call before it loads the app. */
  addDesk(contents: DeskContents): void;
  /** Stops answering IPC and detaches every desk. */
  close(): void;
}

interface DeskState {
  readonly contents: DeskContents;
  /** The id of the current (or next) document's connection. */
  connectionId: string;
  attached: boolean;
}

export function createIpcCarrier({ ipcMain, hub, dispatch, logger, newId = randomUUID }: IpcCarrierOptions): IpcCarrier {
  const desks = new Map<number, DeskState>();

  const detach = (desk: DeskState, why: string): void => {
    if (!desk.attached) return;
    desk.attached = false;
    hub.detach(desk.connectionId);
    logger.info('desk window detached', { connection: desk.connectionId, why });
  };

  const attach = (desk: DeskState): void => {
    if (desk.attached) {
      detach(desk, 'loaded again');
      desk.connectionId = newId();
    }
    desk.attached = true;
    const connectionId = desk.connectionId;
    const sendToDesk = (message: EventMessage | readonly EventMessage[]): void => {
      const { contents } = desk;
      // Only to the document this connection belongs to, and only while it shows our origin.
      if (desk.connectionId !== connectionId || contents.isDestroyed() || !isAppUrl(contents.getURL())) return;
      contents.send(EVENT_CHANNEL, message);
    };
    hub.attach({
      id: connectionId,
      send: (event, payload) => sendToDesk({ event, payload }),
      // One IPC message for what one unit of work sent: the renderer handles it in one task.
      sendBatch: (messages) => sendToDesk(messages),
    });
    logger.info('desk window attached', { connection: connectionId });
  };

  ipcMain.handle(INVOKE_CHANNEL, async (event: InvokeEvent, message: unknown): Promise<Result<unknown>> => {
    const desk = desks.get(event.sender.id);
    const verdict = checkIpcSender({
      senderFrame: event.senderFrame,
      windowMainFrame: desk && !desk.contents.isDestroyed() ? desk.contents.mainFrame : undefined,
    });
    if (!verdict.ok || !desk) {
      logger.warn('desk IPC refused', {
        reason: verdict.ok ? 'the sender is not a desk window' : verdict.reason,
        origin: event.senderFrame ? (originOf(event.senderFrame.url) ?? 'invalid') : 'none',
      });
      return failure('This frame may not use the desk');
    }
    const request = parseInvoke(message);
    if (!request) return failure('A desk request must be an object { method: string, params }');
    const connectionId = desk.connectionId;
    return dispatch(request.method, request.params, { connectionId, isActiveDesk: hub.isActive(connectionId) });
  });

  return {
    addDesk(contents) {
      if (desks.has(contents.id)) return;
      const desk: DeskState = { contents, connectionId: newId(), attached: false };
      desks.set(contents.id, desk);

      contents.on('did-start-navigation', (details) => {
        if (!details.isMainFrame || details.isSameDocument) return;
        detach(desk, 'navigating (reload)');
        desk.connectionId = newId();
      });
      contents.on('did-finish-load', () => attach(desk));
      contents.on('render-process-gone', (_event, details) => {
        logger.error('desk renderer process gone', { reason: details.reason, exitCode: details.exitCode });
        detach(desk, 'renderer gone');
      });
      contents.on('destroyed', () => {
        detach(desk, 'window closed');
        desks.delete(contents.id);
      });
    },
    close() {
      ipcMain.removeHandler(INVOKE_CHANNEL);
      for (const desk of desks.values()) detach(desk, 'shutting down');
      desks.clear();
    },
  };
}

function parseInvoke(message: unknown): InvokeMessage | undefined {
  if (typeof message !== 'object' || message === null) return undefined;
  const { method, params } = message as Record<string, unknown>;
  if (typeof method !== 'string') return undefined;
  return { method, params };
}

function failure(message: string): Result<never> {
  return { ok: false, error: { code: 'bad_request', message } };
}
