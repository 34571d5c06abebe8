import { EventEmitter } from 'node:events';
import { describe, expect, it, vi } from 'vitest';
import { acquireSingleInstance, type FocusableWindow } from '../../../src-main/desktop/single-instance.js';

class FakeApp extends EventEmitter {
  constructor(private readonly lock: boolean) {
    super();
  }
  requestSingleInstanceLock(): boolean {
    return this.lock;
  }
}

function fakeWindow(minimized: boolean) {
  return {
    isDestroyed: vi.fn(() => false),
    isMinimized: vi.fn(() => minimized),
    restore: vi.fn(),
    show: vi.fn(),
    focus: vi.fn(),
  } satisfies FocusableWindow;
}

describe('single instance', () => {
  it('tells a second process to quit when another holds the lock', () => {
    expect(acquireSingleInstance({ app: new FakeApp(false) as never, getWindow: () => undefined })).toBe(false);
  });

  it('brings the existing window forward on a second launch and passes its arguments to the hook', () => {
    const app = new FakeApp(true);
    const window = fakeWindow(true);
    const onSecondLaunchArguments = vi.fn();
    expect(acquireSingleInstance({ app: app as never, getWindow: () => window, onSecondLaunchArguments })).toBe(true);

    app.emit('second-instance', {}, ['/opt/desk', 'tel:+15551234'], '/home/agent');

    expect(window.restore).toHaveBeenCalledOnce();
    expect(window.show).toHaveBeenCalledOnce();
    expect(window.focus).toHaveBeenCalledOnce();
    expect(onSecondLaunchArguments).toHaveBeenCalledWith({ argv: ['/opt/desk', 'tel:+15551234'], workingDirectory: '/home/agent' });
  });

  it('survives a second launch while no window is open', () => {
    const app = new FakeApp(true);
    acquireSingleInstance({ app: app as never, getWindow: () => undefined });
    expect(() => app.emit('second-instance', {}, [], '/')).not.toThrow();
  });
});
