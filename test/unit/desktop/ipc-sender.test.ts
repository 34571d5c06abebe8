import { describe, expect, it } from 'vitest';
import { checkIpcSender, type FrameLike } from '../../../src-main/desktop/ipc-sender.js';

const mainFrame: FrameLike = { url: 'app://desk/index.html', parent: null, processId: 4, routingId: 1 };

describe('IPC sender check', () => {
  it("accepts the desk window's own main frame on app://desk", () => {
    expect(checkIpcSender({ senderFrame: mainFrame, windowMainFrame: mainFrame })).toEqual({ ok: true });
    // Electron may hand out a fresh object for the same frame: identity is by process and routing id.
    expect(checkIpcSender({ senderFrame: { ...mainFrame, url: 'app://desk/#/history' }, windowMainFrame: mainFrame })).toEqual({
      ok: true,
    });
  });

  it('refuses a frame of another origin', () => {
    const foreign = { ...mainFrame, url: 'https://evil.example/' };
    const verdict = checkIpcSender({ senderFrame: foreign, windowMainFrame: foreign });
    expect(verdict.ok).toBe(false);
    expect(!verdict.ok && verdict.reason).toMatch(/origin/);
  });

  it.each(['app://desk@evil/index.html', 'app://desk:99/index.html', 'file:///app/index.html', 'about:blank'])(
    'refuses a main frame showing %s',
    (url) => {
      const frame = { ...mainFrame, url };
      expect(checkIpcSender({ senderFrame: frame, windowMainFrame: frame }).ok).toBe(false);
    },
  );

  it('refuses a sub-frame, even one on app://desk', () => {
    const sub: FrameLike = { url: 'app://desk/frame.html', parent: mainFrame, processId: 4, routingId: 7 };
    const verdict = checkIpcSender({ senderFrame: sub, windowMainFrame: mainFrame });
    expect(verdict).toEqual({ ok: false, reason: 'the sender is a sub-frame' });
  });

  it('refuses a top-level frame that is not this window’s main frame', () => {
    const other: FrameLike = { ...mainFrame, routingId: 2 };
    expect(checkIpcSender({ senderFrame: other, windowMainFrame: mainFrame }).ok).toBe(false);
  });

  it('refuses when the sender frame is missing or detached', () => {
    expect(checkIpcSender({ senderFrame: null, windowMainFrame: mainFrame }).ok).toBe(false);
    expect(checkIpcSender({ senderFrame: undefined, windowMainFrame: mainFrame }).ok).toBe(false);
    expect(checkIpcSender({ senderFrame: { ...mainFrame, detached: true }, windowMainFrame: mainFrame }).ok).toBe(false);
  });

  it('refuses a sender that is not one of our desk windows', () => {
    expect(checkIpcSender({ senderFrame: mainFrame, windowMainFrame: undefined })).toEqual({
      ok: false,
      reason: 'the sender is not a desk window',
    });
  });
});
