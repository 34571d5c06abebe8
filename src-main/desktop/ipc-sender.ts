/**
 * Who may talk to main over IPC: only the main frame of one of our desk windows, showing a page
 * of the app's own origin. Pure, so every refusal reason is unit-tested.
 *
 * Why each condition: a sub-frame (an iframe a bug or an injected page could create) must not
 * reach the desk contract; a window that is not ours (none should exist, but a bug might make
 * one) must not either; and a frame that has navigated off `app://desk` (which the navigation
 * guard forbids) is refused as a second lock.
 */
import { APP_ORIGIN, originOf } from './app-origin.js';

/** The part of Electron's WebFrameMain this check reads. */
export interface FrameLike {
  readonly url: string;
  readonly parent: unknown;
  readonly processId: number;
  readonly routingId: number;
  readonly detached?: boolean;
}

export type SenderVerdict = { readonly ok: true } | { readonly ok: false; readonly reason: string };

export interface SenderCheckInput {
  /** `event.senderFrame`: null when the frame has gone or navigated away since sending. */
  readonly senderFrame: FrameLike | null | undefined;
  /**
   * The main frame of the desk window the message came from, or undefined when the sending
   * webContents is not one of our desk windows.
   */
  readonly windowMainFrame: FrameLike | null | undefined;
}

export function checkIpcSender({ senderFrame, windowMainFrame }: SenderCheckInput): SenderVerdict {
  if (!senderFrame) return refuse('no sender frame (it has gone or navigated away)');
  if (senderFrame.detached === true) return refuse('the sender frame is detached');
  if (!windowMainFrame) return refuse('the sender is not a desk window');
  if (senderFrame.parent !== null) return refuse('the sender is a sub-frame');
  if (senderFrame.processId !== windowMainFrame.processId || senderFrame.routingId !== windowMainFrame.routingId) {
    return refuse("the sender is not the window's main frame");
  }
  const origin = originOf(senderFrame.url);
  if (origin !== APP_ORIGIN) return refuse(`the sender's origin is ${origin ?? 'not a URL'}, not ${APP_ORIGIN}`);
  return { ok: true };
}

function refuse(reason: string): SenderVerdict {
  return { ok: false, reason };
}
