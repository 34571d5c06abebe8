import { describe, expect, it } from 'vitest';
import { defaultSettings } from '../../../src-main/contract/settings.js';
import { matchShortcut, SHORTCUTS } from '../../../src-renderer/components/common/shortcuts.js';
import { dialTarget, formatDialText, looksLikeAddress, looksLikeExtension } from '../../../src-renderer/components/dial/dial-text.js';
import { buildPatch, draftFrom, fieldFromMessage, iceToText, parseIce } from '../../../src-renderer/components/settings/settings-form.js';

describe('dial field formatting', () => {
  it('formats phone numbers as they are typed', () => {
    expect(formatDialText('2025550123', 'US')).toBe('(202) 555-0123');
    expect(formatDialText('+442079460018', 'US')).toBe('+44 20 7946 0018');
    expect(formatDialText('02079460018', 'GB')).toBe('020 7946 0018');
  });

  it('leaves extensions and SIP addresses as typed', () => {
    expect(formatDialText('1002', 'US')).toBe('1002');
    expect(formatDialText('sip:1002@sip.test', 'US')).toBe('sip:1002@sip.test');
    expect(formatDialText('alice@example.com', 'US')).toBe('alice@example.com');
    expect(formatDialText('hello', 'US')).toBe('hello');
    expect(formatDialText('*72', 'US')).toBe('*72');
    expect(looksLikeExtension('20345')).toBe(true);
    expect(looksLikeAddress('+1 (202) 555-0123')).toBe(false);
  });

  it('sends phone numbers without formatting and anything else verbatim', () => {
    expect(dialTarget('(202) 555-0123')).toBe('2025550123');
    expect(dialTarget('+44 20 7946 0018')).toBe('+442079460018');
    expect(dialTarget(' sip:1002@sip.test ')).toBe('sip:1002@sip.test');
    expect(dialTarget('hello')).toBe('hello');
  });
});

describe('settings form', () => {
  it('sends only what changed', () => {
    const current = defaultSettings();
    const draft = { ...draftFrom(current), server: 'wss://sip.test/ws', ring_volume_pct: 80 };
    const built = buildPatch(draft, current);
    expect(built).toEqual({ ok: true, empty: false, patch: { sip: { server: 'wss://sip.test/ws' }, audio: { ring_volume: 0.8 } } });
  });

  it('turning off "open the microphone while a call rings" sends just that key', () => {
    const current = defaultSettings();
    expect(current.audio.open_microphone_while_ringing).toBe(true);
    const built = buildPatch({ ...draftFrom(current), open_microphone_while_ringing: false }, current);
    expect(built).toEqual({ ok: true, empty: false, patch: { audio: { open_microphone_while_ringing: false } } });
  });

  it('turning off "play the far end’s audio before it answers" sends just that key', () => {
    const current = defaultSettings();
    expect(current.audio.play_early_media).toBe(true);
    const built = buildPatch({ ...draftFrom(current), play_early_media: false }, current);
    expect(built).toEqual({ ok: true, empty: false, patch: { audio: { play_early_media: false } } });
  });

  it('an untouched form is an empty patch (a keystore password is never overwritten)', () => {
    const current = defaultSettings();
    expect(buildPatch(draftFrom(current), current)).toEqual({ ok: true, empty: true, patch: {} });
  });

  it('reports field errors with the contract messages', () => {
    const current = defaultSettings();
    const built = buildPatch({ ...draftFrom(current), server: 'http://nope', uri: 'agent1' }, current);
    expect(built.ok).toBe(false);
    if (built.ok) return;
    expect(built.errors.server).toBe('WebSocket server must be a WebSocket URL starting with wss:// or ws://');
    expect(built.errors.uri).toBe('SIP address must be a SIP address like sip:agent1@example.com');
  });

  it('reads ICE servers as URL lines or JSON', () => {
    expect(parseIce('stun:stun.example.com:3478\n\nturn:turn.example.com')).toEqual({
      ok: true,
      value: [{ urls: 'stun:stun.example.com:3478' }, { urls: 'turn:turn.example.com' }],
    });
    expect(parseIce('[{"urls":"turn:t.example.com","username":"u","credential":"p"}]')).toEqual({
      ok: true,
      value: [{ urls: 'turn:t.example.com', username: 'u', credential: 'p' }],
    });
    expect(parseIce('example.com').ok).toBe(false);
    expect(iceToText([{ urls: 'stun:a' }, { urls: 'stun:b' }])).toBe('stun:a\nstun:b');
    expect(iceToText([{ urls: 'turn:a', username: 'u', credential: 'p' }])).toContain('"credential": "p"');
  });

  it('finds the field a message from main names', () => {
    expect(fieldFromMessage('sip.server: must be a WebSocket URL')).toBe('server');
    expect(fieldFromMessage('Something else')).toBeNull();
  });
});

describe('shortcuts', () => {
  const key = (init: Partial<KeyboardEvent>) => ({ ctrlKey: false, metaKey: false, shiftKey: false, altKey: false, key: '', code: '', target: null, ...init }) as KeyboardEvent;

  it('maps the call shortcuts', () => {
    expect(matchShortcut(key({ ctrlKey: true, shiftKey: true, key: 'A', code: 'KeyA' }))).toBe('answer');
    expect(matchShortcut(key({ ctrlKey: true, shiftKey: true, key: 'D', code: 'KeyD' }))).toBe('decline');
    expect(matchShortcut(key({ metaKey: true, shiftKey: true, key: 'h', code: 'KeyH' }))).toBe('hangup');
    expect(matchShortcut(key({ ctrlKey: true, key: 'Enter' }))).toBe('call');
    expect(matchShortcut(key({ ctrlKey: true, key: ',' }))).toBe('settings');
    expect(matchShortcut(key({ key: '?' }))).toBe('help');
    expect(matchShortcut(key({ ctrlKey: true, key: 'a' }))).toBeNull();
  });

  it('maps transfer and the conference keys', () => {
    expect(matchShortcut(key({ ctrlKey: true, shiftKey: true, key: 'X', code: 'KeyX' }))).toBe('transfer');
    expect(matchShortcut(key({ ctrlKey: true, shiftKey: true, key: 'E', code: 'KeyE' }))).toBe('conference-merge');
    expect(matchShortcut(key({ metaKey: true, shiftKey: true, key: 'l', code: 'KeyL' }))).toBe('conference-add');
  });

  it('leaves alone the Ctrl+Shift letters a browser tab keeps, developer tools, Unicode input and text editing', () => {
    for (const letter of ['N', 'T', 'W', 'Q', 'C', 'I', 'J', 'U', 'V', 'Z']) {
      expect(matchShortcut(key({ ctrlKey: true, shiftKey: true, key: letter, code: `Key${letter}` })), letter).toBeNull();
    }
    // The help panel shows none of them either: it reads the same table.
    for (const shortcut of SHORTCUTS) expect(shortcut.keys).not.toMatch(/^Ctrl\+Shift\+[NTWQCIJUVZ]$/);
  });

  it("maps the supervisor's modes by the digit keys' positions, whatever Shift makes of them", () => {
    expect(matchShortcut(key({ ctrlKey: true, shiftKey: true, key: '!', code: 'Digit1' }))).toBe('supervise-listen');
    expect(matchShortcut(key({ ctrlKey: true, shiftKey: true, key: '@', code: 'Digit2' }))).toBe('supervise-whisper');
    expect(matchShortcut(key({ ctrlKey: true, shiftKey: true, key: '3', code: 'Digit3' }))).toBe('supervise-barge');
    expect(matchShortcut(key({ ctrlKey: true, shiftKey: true, key: '$', code: 'Digit4' }))).toBeNull();
    expect(matchShortcut(key({ ctrlKey: true, key: '2', code: 'Digit2' }))).toBeNull();
  });
});
