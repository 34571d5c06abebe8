/**
 * The desk window is about to reload or close while its page carries calls: the page has asked
 * to stay ('beforeunload', src-renderer/leave-guard.ts). A browser would ask the agent; Electron
 * keeps the page without a word. So the agent is asked here, and leaving ends the calls.
 *
 * Electron is a type import: the window's contents and the question box are passed in.
 */
import type { MessageBoxSyncOptions, WebContents } from 'electron';

export const LEAVE_QUESTION: MessageBoxSyncOptions = {
  type: 'warning',
  title: 'Calls in progress',
  message: 'Calls are in progress in this window.',
  detail: 'Reloading or closing it ends every call in it, and any conference it hosts.',
  buttons: ['Stay', 'End the calls and leave'],
  defaultId: 0,
  cancelId: 0,
  noLink: true,
};

/** The index of LEAVE_QUESTION's button that leaves. */
const LEAVE = 1;

/** Shows a question box for the window and returns the index of the button chosen. */
export type AskAgent = (question: MessageBoxSyncOptions) => number;

export function guardLeaving(contents: Pick<WebContents, 'on'>, ask: AskAgent): void {
  contents.on('will-prevent-unload', (event) => {
    // The event's default keeps the page; preventing it lets the reload or close go on.
    if (ask(LEAVE_QUESTION) === LEAVE) event.preventDefault();
  });
}
