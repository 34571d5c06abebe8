/**
 * The desk's keyboard shortcuts: one table used for matching keys, for button titles and for the
 * help panel, so the three never disagree. Ctrl also matches ⌘ on macOS.
 */
export type ShortcutId =
  | 'call'
  | 'answer'
  | 'decline'
  | 'hangup'
  | 'mute'
  | 'hold'
  | 'keypad'
  | 'transfer'
  | 'conference-merge'
  | 'conference-add'
  | 'supervise-listen'
  | 'supervise-whisper'
  | 'supervise-barge'
  | 'focus-dial'
  | 'settings'
  | 'help';

export interface Shortcut {
  id: ShortcutId;
  /** As shown to people. */
  keys: string;
  action: string;
}

export const SHORTCUTS: readonly Shortcut[] = [
  { id: 'call', keys: 'Ctrl+Enter', action: 'Call the number in the dial field (Enter works inside the field)' },
  { id: 'answer', keys: 'Ctrl+Shift+A', action: 'Answer the ringing call (Enter while the ring is focused)' },
  { id: 'decline', keys: 'Ctrl+Shift+D', action: 'Decline the ringing call (Esc while the ring is focused)' },
  { id: 'hangup', keys: 'Ctrl+Shift+H', action: 'Hang up the active call' },
  { id: 'mute', keys: 'Ctrl+Shift+M', action: 'Mute or unmute the microphone' },
  { id: 'hold', keys: 'Ctrl+Shift+K', action: 'Hold or resume the active call' },
  { id: 'keypad', keys: 'Ctrl+Shift+P', action: 'Open or close the in-call keypad (then type digits)' },
  { id: 'transfer', keys: 'Ctrl+Shift+X', action: 'Transfer the active call' },
  { id: 'conference-merge', keys: 'Ctrl+Shift+E', action: 'Merge the connected calls into a conference' },
  { id: 'conference-add', keys: 'Ctrl+Shift+L', action: 'Add a participant to the conference (then type the number)' },
  { id: 'supervise-listen', keys: 'Ctrl+Shift+1', action: 'Supervising: listen (nobody hears you)' },
  { id: 'supervise-whisper', keys: 'Ctrl+Shift+2', action: 'Supervising: whisper (only the agent hears you)' },
  { id: 'supervise-barge', keys: 'Ctrl+Shift+3', action: 'Supervising: barge (everyone hears you)' },
  { id: 'focus-dial', keys: '/', action: 'Go to the dial field' },
  { id: 'settings', keys: 'Ctrl+,', action: 'Open settings' },
  { id: 'help', keys: '?', action: 'Show this list of shortcuts' },
];

const BY_ID = new Map(SHORTCUTS.map((s) => [s.id, s]));

export function shortcutKeys(id: ShortcutId): string {
  return BY_ID.get(id)?.keys ?? '';
}

/** A title for a button: "Hang up (Ctrl+Shift+H)". */
export function withShortcut(label: string, id: ShortcutId): string {
  return `${label} (${shortcutKeys(id)})`;
}

/** True when keys typed now belong to a text field, so single-key shortcuts must not fire. */
export function isTypingTarget(target: EventTarget | null): boolean {
  if (typeof HTMLElement === 'undefined' || !(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  if (target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement) return true;
  if (target instanceof HTMLInputElement) {
    return !['button', 'checkbox', 'radio', 'range', 'submit', 'reset', 'color', 'file'].includes(target.type);
  }
  return false;
}

/**
 * Ctrl+Shift letters. Left out on purpose, so the desk behaves the same in the desktop app and in a
 * browser tab: N, T, W and Q (Chrome keeps them for itself: a page never sees them), C, I and J
 * (developer tools), U (Unicode input on Linux desktops), V and Z (paste as text, redo in fields).
 */
const CTRL_SHIFT: Record<string, ShortcutId> = {
  a: 'answer',
  d: 'decline',
  h: 'hangup',
  m: 'mute',
  k: 'hold',
  p: 'keypad',
  x: 'transfer',
  e: 'conference-merge',
  l: 'conference-add',
};

/**
 * The supervisor's modes, on the digit keys' positions (`code`): with Shift held, `key` is "!" or
 * "&" or whatever the layout puts there.
 */
const CTRL_SHIFT_DIGIT: Record<string, ShortcutId> = {
  Digit1: 'supervise-listen',
  Digit2: 'supervise-whisper',
  Digit3: 'supervise-barge',
};

/** Which shortcut a keydown is, if any. Letter keys read `key` first (layout aware), then `code`. */
export function matchShortcut(event: KeyboardEvent): ShortcutId | null {
  const mod = event.ctrlKey || event.metaKey;
  if (mod && event.shiftKey && !event.altKey) {
    const letter = event.key.length === 1 ? event.key.toLowerCase() : '';
    const byCode = /^Key([A-Z])$/.exec(event.code)?.[1]?.toLowerCase() ?? '';
    return CTRL_SHIFT[letter] ?? CTRL_SHIFT[byCode] ?? CTRL_SHIFT_DIGIT[event.code] ?? null;
  }
  if (mod && !event.shiftKey && !event.altKey) {
    if (event.key === 'Enter') return 'call';
    if (event.key === ',') return 'settings';
    return null;
  }
  if (!mod && !event.altKey && !isTypingTarget(event.target)) {
    if (event.key === '?') return 'help';
    if (event.key === '/') return 'focus-dial';
  }
  return null;
}
