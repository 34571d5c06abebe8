import type { MessageBoxSyncOptions, WebContents } from 'electron';
import { describe, expect, it } from 'vitest';
import { guardLeaving, LEAVE_QUESTION } from '../../../src-main/desktop/leave-guard.js';

/** Window contents whose page asked to stay: 'will-prevent-unload' is fired by the test. */
function contentsWithCalls(): { contents: Pick<WebContents, 'on'>; tryToLeave(): boolean } {
  const listeners: Array<(event: { preventDefault(): void }) => void> = [];
  const contents = {
    on: (name: string, listener: (event: { preventDefault(): void }) => void) => {
      if (name === 'will-prevent-unload') listeners.push(listener);
      return contents;
    },
  } as unknown as Pick<WebContents, 'on'>;
  return {
    contents,
    /** True when the page goes (a listener prevented the event's default of keeping it). */
    tryToLeave() {
      let leaves = false;
      for (const listener of listeners) listener({ preventDefault: () => (leaves = true) });
      return leaves;
    },
  };
}

describe('leaving a desk window that carries calls', () => {
  it('asks the agent, and the window stays unless the agent chooses to end the calls', () => {
    const asked: MessageBoxSyncOptions[] = [];
    let answer = 0;
    const window = contentsWithCalls();
    guardLeaving(window.contents, (question) => {
      asked.push(question);
      return answer;
    });

    expect(window.tryToLeave()).toBe(false);
    expect(asked).toEqual([LEAVE_QUESTION]);
    answer = 1;
    expect(window.tryToLeave()).toBe(true);
  });

  it('names what leaving costs, and Stay is the default and the Esc answer', () => {
    expect(LEAVE_QUESTION.buttons).toEqual(['Stay', 'End the calls and leave']);
    expect(LEAVE_QUESTION.defaultId).toBe(0);
    expect(LEAVE_QUESTION.cancelId).toBe(0);
    expect(LEAVE_QUESTION.detail).toMatch(/ends every call/);
  });
});
