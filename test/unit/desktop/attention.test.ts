import { describe, expect, it, vi } from 'vitest';
import type { CallSnapshot } from '../../../src-main/contract/call.js';
import { createAttention, shouldDrawAttention, type AttentionWindow } from '../../../src-main/desktop/attention.js';

describe('shouldDrawAttention', () => {
  it.each([
    ['INCOMING', 'RINGING', false, true],
    ['INCOMING', 'RINGING', true, false],
    ['OUTGOING', 'RINGING', false, false],
    ['INCOMING', 'IN_PROGRESS', false, false],
    ['INCOMING', 'NOT_ANSWERED', false, false],
    ['INCOMING', 'REJECTED', false, false],
  ] as const)('%s %s, focused %s → %s', (direction, state, focused, expected) => {
    expect(shouldDrawAttention({ direction, state }, focused)).toBe(expected);
  });
});

class FakeWindow {
  focused = false;
  destroyed = false;
  readonly flashes: boolean[] = [];
  readonly #listeners = new Map<string, Set<() => void>>();
  flashFrame(flag: boolean): void {
    this.flashes.push(flag);
  }
  isFocused(): boolean {
    return this.focused;
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  on(event: string, listener: () => void): this {
    const set = this.#listeners.get(event) ?? new Set();
    set.add(listener);
    this.#listeners.set(event, set);
    return this;
  }
  removeListener(event: string, listener: () => void): this {
    this.#listeners.get(event)?.delete(listener);
    return this;
  }
  emit(event: 'focus' | 'blur'): void {
    if (event === 'focus') this.focused = true;
    if (event === 'blur') this.focused = false;
    for (const listener of this.#listeners.get(event) ?? []) listener();
  }
  listenerCount(): number {
    return [...this.#listeners.values()].reduce((sum, set) => sum + set.size, 0);
  }
}

function call(id: string, state: CallSnapshot['state'], direction: CallSnapshot['direction'] = 'INCOMING'): CallSnapshot {
  return { id, direction, state } as CallSnapshot;
}

function setup(withDock = false) {
  const window = new FakeWindow();
  let emit: (call: CallSnapshot) => void = () => undefined;
  const unsubscribe = vi.fn();
  const dock = withDock ? { bounce: vi.fn(() => 7), cancelBounce: vi.fn() } : undefined;
  const attention = createAttention({
    window: window as unknown as AttentionWindow,
    dock,
    onCallUpdated: (listener) => {
      emit = listener;
      return unsubscribe;
    },
  });
  return { window, dock, attention, unsubscribe, update: (c: CallSnapshot) => emit(c) };
}

describe('attention for ringing calls', () => {
  it('flashes the frame while an incoming call rings in the background, and stops when it is answered', () => {
    const { window, update } = setup();
    update(call('a', 'RINGING'));
    expect(window.flashes).toEqual([true]);
    update(call('a', 'RINGING'));
    expect(window.flashes).toEqual([true]);
    update(call('a', 'IN_PROGRESS'));
    expect(window.flashes).toEqual([true, false]);
  });

  it('stops when the agent focuses the window, and starts again if they leave while it still rings', () => {
    const { window, update } = setup();
    update(call('a', 'RINGING'));
    window.emit('focus');
    expect(window.flashes).toEqual([true, false]);
    window.emit('blur');
    expect(window.flashes).toEqual([true, false, true]);
  });

  it('does nothing when the window is focused or the ringing call is outgoing', () => {
    const { window, update } = setup();
    update(call('out', 'RINGING', 'OUTGOING'));
    window.focused = true;
    update(call('a', 'RINGING'));
    expect(window.flashes).toEqual([]);
  });

  it('keeps flashing until the last of several ringing calls stops ringing', () => {
    const { window, update } = setup();
    update(call('a', 'RINGING'));
    update(call('b', 'RINGING'));
    update(call('a', 'NOT_ANSWERED'));
    expect(window.flashes).toEqual([true]);
    update(call('b', 'REJECTED'));
    expect(window.flashes).toEqual([true, false]);
  });

  it('bounces the macOS dock critically and cancels that bounce', () => {
    const { dock, update } = setup(true);
    update(call('a', 'RINGING'));
    expect(dock?.bounce).toHaveBeenCalledWith('critical');
    update(call('a', 'COMPLETED'));
    expect(dock?.cancelBounce).toHaveBeenCalledWith(7);
  });

  it('stops, unsubscribes and removes its window listeners on dispose', () => {
    const { window, attention, unsubscribe, update } = setup();
    update(call('a', 'RINGING'));
    attention.dispose();
    expect(window.flashes).toEqual([true, false]);
    expect(unsubscribe).toHaveBeenCalledOnce();
    expect(window.listenerCount()).toBe(0);
  });
});
