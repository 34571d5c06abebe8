import { describe, expect, it, vi } from 'vitest';
import { afterThisTask } from '../../../src-renderer/components/common/after-this-task.js';

describe('afterThisTask', () => {
  it('runs work after the current task and its microtasks, in the order it was queued', async () => {
    const ran: string[] = [];
    afterThisTask(() => ran.push('first'));
    afterThisTask(() => ran.push('second'));
    await Promise.resolve();
    ran.push('microtask');
    expect(ran).toEqual(['microtask']);
    await vi.waitFor(() => expect(ran).toEqual(['microtask', 'first', 'second']));
  });
});
