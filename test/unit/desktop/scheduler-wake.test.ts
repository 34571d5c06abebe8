import { describe, expect, it } from 'vitest';
import { promptText, wireSchedulerWake } from '../../../src-main/desktop/scheduler-wake.js';
import type { CallbackPrompt } from '../../../src-main/engine/scheduler/scheduler-service.js';

function setup() {
  const handlers = new Map<string, () => void>();
  const log: string[] = [];
  let promptListener: ((prompt: CallbackPrompt) => void) | undefined;
  const off = wireSchedulerWake({
    powerMonitor: {
      on: ((event: string, handler: () => void) => handlers.set(event, handler)) as never,
      removeListener: ((event: string) => handlers.delete(event)) as never,
    },
    notify: ({ title, body }) => {
      const clicks: Array<() => void> = [];
      return {
        show: () => {
          log.push(`show ${title}: ${body}`);
          clicks.forEach((click) => click());
        },
        on: ((event: string, click: () => void) => event === 'click' && clicks.push(click)) as never,
      };
    },
    window: () => ({ show: () => log.push('window.show'), focus: () => log.push('window.focus'), isDestroyed: () => false }),
    resume: () => log.push('scheduler.resume'),
    onPrompt: (listener) => {
      promptListener = listener;
      return () => (promptListener = undefined);
    },
  });
  return { handlers, log, off, prompt: (p: CallbackPrompt) => promptListener?.(p) };
}

describe('scheduler wake (desktop)', () => {
  it('re-checks the scheduler when the OS resumes from sleep', () => {
    const { handlers, log } = setup();
    handlers.get('resume')?.();
    expect(log).toEqual(['scheduler.resume']);
  });

  it('shows a desktop notification for a prompt, and a click brings the desk forward', () => {
    const { log, prompt } = setup();
    const due = Date.parse('2026-11-23T10:30:00Z');
    prompt({ id: 'a', target: '+18596579625', due, accepted: false });
    expect(log).toEqual([`show Callback due: ${promptText({ target: '+18596579625', due })}`, 'window.show', 'window.focus']);
    expect(promptText({ target: '+18596579625', due })).toMatch(/^Callback to \+18596579625 due at /);
  });

  it('stops listening when disposed', () => {
    const { handlers, off, prompt, log } = setup();
    off();
    expect(handlers.has('resume')).toBe(false);
    prompt({ id: 'a', target: 'x', due: 0, accepted: false });
    expect(log).toEqual([]);
  });
});
